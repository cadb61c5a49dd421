// On a phone a chart's title would run off the chart (Plotly does not wrap titles): the card
// shows it as text above the chart instead (style.css), filled here from the drawn chart.
(function () {
  "use strict";
  let pending = false;

  function titleOf(card) {
    const title = card.querySelector(".js-plotly-plot .gtitle");
    if (!title) {
      return "";
    }
    const lines = Array.from(title.querySelectorAll("tspan.line"));
    const parts = lines.length ? lines.map((line) => line.textContent) : [title.textContent];
    return parts.join(" ").replace(/\s+/g, " ").trim();
  }

  function fill() {
    pending = false;
    for (const card of document.querySelectorAll(".chart-card")) {
      const shown = card.querySelector(".chart-title-text");
      const text = titleOf(card);
      if (shown && shown.textContent !== text) {
        shown.textContent = text;
      }
    }
  }

  new MutationObserver(() => {
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(fill);
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
