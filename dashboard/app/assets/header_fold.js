// The header folds its navigation and languages behind the Menu button below 1100 px, and
// wherever its words do not fit on one line: German labels run longer than English ones, and
// no word length is assumed (style.css, `.header-bar.folded`).
(function () {
  "use strict";
  const NARROW = 1100;

  function fit(bar) {
    if (window.innerWidth < NARROW) {
      bar.classList.add("folded");
      return;
    }
    bar.classList.remove("folded"); // measure it unfolded, then fold if it overflows
    if (bar.scrollWidth > bar.clientWidth + 1) {
      bar.classList.add("folded");
    }
  }

  function watch() {
    const bar = document.querySelector(".header-bar");
    if (!bar) {
      return false;
    }
    fit(bar);
    new ResizeObserver(() => fit(bar)).observe(document.documentElement);
    new MutationObserver(() => fit(bar)).observe(bar, { childList: true, subtree: true });
    return true;
  }

  // Dash draws the header after the page loads: wait for it.
  if (!watch()) {
    const waiting = new MutationObserver(() => {
      if (watch()) {
        waiting.disconnect();
      }
    });
    waiting.observe(document.body, { childList: true, subtree: true });
  }
})();
