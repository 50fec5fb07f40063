// Progressive enhancement only: every page works without this file.
// With scripts on, controls meant for script-less browsers (class "nojs") are hidden.
document.documentElement.classList.add("js");
