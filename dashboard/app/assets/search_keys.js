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
