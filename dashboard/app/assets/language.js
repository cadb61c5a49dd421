// The page's language travels with it: every request the page makes says it (the server answers
// callbacks in it, dashboard/app/language.py), the address keeps `lang` as the reader moves on
// (so a copied link opens in the same language), and the header's language links keep the
// page's state (its URL parameters) when they switch.
(function () {
  "use strict";
  const language = document.documentElement.lang || "en";

  const originalFetch = window.fetch;
  window.fetch = function (input, init) {
    const options = Object.assign({}, init);
    const headers = new Headers(options.headers || (input instanceof Request ? input.headers : {}));
    headers.set("X-OCSE-Language", language);
    options.headers = headers;
    return originalFetch.call(this, input, options);
  };

  const named = new URLSearchParams(window.location.search).has("lang");
  function withLanguage(url) {
    if (url === undefined || url === null) {
      return url;
    }
    const target = new URL(url, window.location.href);
    if (target.origin !== window.location.origin || target.searchParams.has("lang")) {
      return url;
    }
    target.searchParams.set("lang", language);
    return target.pathname + target.search + target.hash;
  }
  if (named || language !== "en") {
    for (const name of ["pushState", "replaceState"]) {
      const original = window.history[name];
      window.history[name] = function (state, title, url) {
        return original.call(this, state, title, withLanguage(url));
      };
    }
  }

  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest("a[data-language]");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) {
      return;
    }
    event.preventDefault();
    const target = new URL(window.location.href);
    target.searchParams.set("lang", link.dataset.language);
    window.location.assign(target.href);
  });
})();
