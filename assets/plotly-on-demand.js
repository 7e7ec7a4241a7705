// dcc.Graph loads plotly.js when a page first draws a graph, from window._dashPlotlyJSURL,
// which dash-renderer sets to the plotly package's full bundle (4.8 MB). The atlas draws with
// its partial bundle instead, whose fingerprinted URL the page's head gives (dashboard.preload).
(function () {
  const meta = document.querySelector('meta[name="atlas-plotly-js"]');
  if (!meta) {
    return;
  }
  Object.defineProperty(window, "_dashPlotlyJSURL", {
    get: function () {
      return meta.content;
    },
    set: function () {},  // dash-renderer's own value, set once it has started
    configurable: true,
  });
})();
