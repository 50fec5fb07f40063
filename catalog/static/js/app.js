// Progressive enhancement only: every page works without this file.
// With scripts on, controls meant for script-less browsers (class "nojs") are hidden.
document.documentElement.classList.add("js");

// The configurator changes the address in place (htmx); a language link must switch the page
// the user sees now, not the one first loaded.
document.addEventListener("click", (event) => {
  const link = event.target.closest && event.target.closest("a[hreflang]");
  if (!link) return;
  const here = new URL(window.location.href);
  here.searchParams.set("lang", link.hreflang);
  link.href = here.toString();
});

// An in-place update that does not come back as the configurator (the session ended and the
// server sent the login page, or an error page): show that answer as a whole page instead.
document.addEventListener("htmx:beforeSwap", (event) => {
  const { xhr, target } = event.detail;
  const ok = xhr.status < 400 && xhr.responseText.includes('id="cfg"');
  if (target && target.id === "cfg" && !ok) {
    event.detail.shouldSwap = false;
    window.location.assign(xhr.responseURL || window.location.href);
  }
});

// Keep the reader where they were: replacing the options block must not move the page (scroll
// anchoring, or focus moving into the new block, would otherwise jump it after each choice).
let keptScroll = null;
document.addEventListener("htmx:beforeSwap", (event) => {
  if (event.detail.target && event.detail.target.id === "cfg") keptScroll = window.scrollY;
});
document.addEventListener("htmx:afterSettle", () => {
  if (keptScroll !== null) {
    window.scrollTo({ top: keptScroll, behavior: "instant" });
    keptScroll = null;
  }
});
