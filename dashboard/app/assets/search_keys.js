// Site search from the keyboard: Down from the search box moves to the first result, Up and
// Down move between results, Escape closes the list and returns to the box.
document.addEventListener("keydown", function (event) {
    const box = document.getElementById("site-search");
    const results = document.getElementById("site-search-results");
    if (!box || !results) { return; }
    const links = Array.from(results.querySelectorAll("a.site-search-link"));
    const at = links.indexOf(document.activeElement);
    const inBox = document.activeElement === box;
    if (!inBox && at < 0) { return; }
    if (event.key === "ArrowDown" && links.length) {
        event.preventDefault();
        links[inBox ? 0 : Math.min(at + 1, links.length - 1)].focus();
    } else if (event.key === "ArrowUp" && at >= 0) {
        event.preventDefault();
        (at === 0 ? box : links[at - 1]).focus();
    } else if (event.key === "Escape") {
        results.hidden = true;
        box.focus();
    }
});

// The list closes when the reader clicks or tabs elsewhere, and opens again when they come
// back to a search that has results. The server's callback fills it as the reader types.
function siteSearchResults() {
    return document.getElementById("site-search-results");
}
document.addEventListener("click", function (event) {
    const results = siteSearchResults();
    if (results && !results.hidden && !event.target.closest(".site-search")) {
        results.hidden = true;
    }
});
document.addEventListener("focusin", function (event) {
    const results = siteSearchResults();
    if (!results) { return; }
    const inside = event.target.closest && event.target.closest(".site-search");
    if (!inside) {
        results.hidden = true;
    } else if (event.target.id === "site-search" && event.target.value.trim()
               && results.querySelector("a.site-search-link")) {
        results.hidden = false;
    }
});
document.addEventListener("input", function (event) {
    const results = siteSearchResults();
    if (results && event.target.id === "site-search") {
        results.hidden = !event.target.value.trim();
    }
});
