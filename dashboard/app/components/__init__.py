"""Building blocks every page uses: controls, chart cards, sentences with their copy buttons,
links to publications."""
