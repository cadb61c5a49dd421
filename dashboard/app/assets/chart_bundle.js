// dcc.Graph loads plotly.js from window._dashPlotlyJSURL, which Dash sets to an address with no
// version in it (asked again on every visit). The page preloads the same file under an address
// naming its version (script_addresses.py): dcc.Graph is given that one, whatever Dash sets.
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
