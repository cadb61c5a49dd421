// dcc.Graph loads plotly.js from window._dashPlotlyJSURL, which Dash sets to an address with no
// version in it (asked again on every visit). The page preloads the same file under an address
// naming its version (script_addresses.py): dcc.Graph is given that one, whatever Dash sets.
// (Running it as soon as the page starts, when it is already cached, was measured to be
// slower: it takes the main thread while the page's own layout is being drawn.)
(function () {
  var link = document.querySelector('link[rel="preload"][data-chart-bundle]');
  if (!link) return;
  Object.defineProperty(window, "_dashPlotlyJSURL", {
    configurable: true,
    get: function () {
      return link.href;
    },
    set: function () {},
  });
})();
