/* bkm-site: the header's search field becomes Pagefind's searchbox when a reader first
   focuses it, so readers who do not search download no search code, index or WebAssembly. */
(function () {
  "use strict";
  var box = document.querySelector(".bkm-search");
  if (!box) return;
  var field = box.querySelector("input");
  var bundle = new URL(box.getAttribute("data-bkm-bundle"), document.baseURI);

  function load() {
    field.removeEventListener("focus", load);
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = new URL("pagefind-component-ui.css", bundle).href;
    var script = document.createElement("script");
    script.src = new URL("pagefind-component-ui.js", bundle).href;
    script.onload = function () { customElements.whenDefined("pagefind-searchbox").then(swap); };
    document.head.append(css, script);
  }

  function swap() {
    var config = document.createElement("pagefind-config");
    config.setAttribute("bundle-path", bundle.pathname);
    var searchbox = document.createElement("pagefind-searchbox");
    searchbox.setAttribute("placeholder", field.placeholder);
    searchbox.setAttribute("hide-shortcut", "");
    searchbox.setAttribute("show-sub-results", "");
    box.append(config, searchbox);
    var input = searchbox.querySelector("input");
    if (!input) return;
    input.setAttribute("aria-label", field.getAttribute("aria-label"));
    var focused = document.activeElement === field;
    input.value = field.value;
    field.remove();
    if (focused) input.focus();
    if (input.value) input.dispatchEvent(new Event("input", { bubbles: true }));
  }

  field.addEventListener("focus", load);
})();

/* A link in the phone's drawer to a part of this page closes it, as Material's bundle would. */
addEventListener("hashchange", function () {
  var drawer = document.getElementById("__drawer");
  if (drawer) drawer.checked = false;
});
