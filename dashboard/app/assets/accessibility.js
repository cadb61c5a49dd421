// Keyboard and screen-reader repairs the Dash components need, the page's <title>, and the
// header's folding menu.
(function () {
  "use strict";

  // Dash DataTable treats Tab and Enter as spreadsheet navigation: its keydown handler on the
  // table (handleKeyDown -> switchCell) calls preventDefault on every Tab and Enter, even when
  // no cell is active, so focus on a link, filter box or paging button inside a table never
  // leaves it, and Enter never follows a link or presses a paging button. The tables here are
  // read-only: those keys keep their ordinary meaning inside them.
  window.addEventListener(
    "keydown",
    (event) => {
      const target = event.target;
      if (!target.closest || !target.closest(".dash-table-container")) {
        return;
      }
      const pressing = event.key === "Enter" && target.matches("a[href], button");
      if (event.key === "Tab" || pressing) {
        event.stopPropagation(); // the table never sees it; the browser does the usual
      }
    },
    true,
  );

  // A slider whose values are its marks only (step None: the map's years) does not move with
  // the arrow keys in Dash 4: move its handle to the next or the previous mark ourselves.
  const STEPS = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1 };
  window.addEventListener(
    "keydown",
    (event) => {
      const thumb = event.target;
      const step = STEPS[event.key];
      if (!step || !thumb.matches || !thumb.matches(".dash-slider-thumb[role=slider]")) {
        return;
      }
      const slider = thumb.closest(".dash-slider-container[id]");
      const setProps = window.dash_clientside && window.dash_clientside.set_props;
      if (!slider || !setProps || !slider.querySelector(".has-marks")) {
        return;
      }
      const marks = Array.from(slider.querySelectorAll(".dash-slider-mark"))
        .map((mark) => Number(mark.textContent))
        .filter((value) => Number.isFinite(value))
        .sort((a, b) => a - b);
      const now = Number(thumb.getAttribute("aria-valuenow"));
      const next = step > 0 ? marks.find((v) => v > now) : marks.reverse().find((v) => v < now);
      event.preventDefault();
      event.stopPropagation();
      if (next !== undefined) {
        setProps(slider.id, { value: next });
      }
    },
    true,
  );

  // Names for controls whose components give none: the table's icon-only paging buttons (named
  // in the reader's language by the server, in the data-label-* attributes of the header's
  // search box) and a slider's handle (labelled by the element its holder's data-labelledby
  // names).
  const PAGING = ["first-page", "previous-page", "next-page", "last-page"];
  function nameControls() {
    const names = document.querySelector("[data-label-first-page]");
    for (const kind of PAGING) {
      const name = names && names.getAttribute(`data-label-${kind}`);
      if (!name) {
        continue;
      }
      for (const button of document.querySelectorAll(`button.${kind}:not([aria-label])`)) {
        button.setAttribute("aria-label", name);
      }
    }
    for (const holder of document.querySelectorAll("[data-labelledby]")) {
      for (const thumb of holder.querySelectorAll("[role=slider]:not([aria-labelledby])")) {
        thumb.setAttribute("aria-labelledby", holder.dataset.labelledby);
      }
    }
  }

  // A tab names the panel it controls; where the panel carries a Dash id (one panel that
  // follows the tabs, as on the sources page), point the tab at it.
  function linkTabPanels() {
    for (const panel of document.querySelectorAll("[role=tabpanel][aria-labelledby][id]")) {
      const tab = document.getElementById(panel.getAttribute("aria-labelledby"));
      if (tab && tab.getAttribute("aria-controls") !== panel.id) {
        tab.setAttribute("aria-controls", panel.id);
      }
    }
  }

  // Each page and view its own title: the page's heading, the open page-level tab, and the
  // product name (the title the server sent).
  const PRODUCT = document.title;
  function retitle() {
    const heading = document.querySelector("#page h1");
    if (!heading) {
      return;
    }
    const tab = document.querySelector("#page .page-tabs [role=tab][aria-selected=true]");
    const parts = [heading.textContent.trim(), tab && tab.textContent.trim(), PRODUCT];
    const title = parts.filter(Boolean).join(" – ");
    if (document.title !== title) {
      document.title = title;
    }
  }

  let pending = false;
  new MutationObserver(() => {
    if (pending) {
      return;
    }
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      nameControls();
      linkTabPanels();
      retitle();
    });
  }).observe(document.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ["aria-selected", "aria-labelledby"],
  });

  // The folding menu of narrow screens: the "Menu" button opens and closes it, a chosen page
  // or Escape closes it (Escape gives the focus back to the button).
  function setMenu(open) {
    const button = document.getElementById("menu-button");
    if (button) {
      button.setAttribute("aria-expanded", String(open));
      button.closest(".header-bar").classList.toggle("menu-open", open);
    }
    return button;
  }
  document.addEventListener("click", (event) => {
    const button = event.target.closest("#menu-button");
    if (button) {
      setMenu(button.getAttribute("aria-expanded") !== "true");
    } else if (event.target.closest("#site-nav a")) {
      setMenu(false);
    }
  });
  document.addEventListener("keydown", (event) => {
    const open = document.querySelector(".header-bar.menu-open");
    if (event.key === "Escape" && open) {
      setMenu(false).focus();
    }
  });
})();
