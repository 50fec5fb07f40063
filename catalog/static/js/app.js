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
