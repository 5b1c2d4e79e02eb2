// kiyaku serve: reloads the page when the sources change and shows build
// errors over it. Injected by `kiyaku serve` only; built sites never carry it.
(function () {
  "use strict";
  var script = document.currentScript;
  var generation = Number(script && script.getAttribute("data-generation")) || 0;
  var key = "kiyaku-scroll:" + location.pathname;
  try {
    var saved = sessionStorage.getItem(key);
    if (saved !== null) {
      sessionStorage.removeItem(key);
      var y = Number(saved);
      if (!location.hash) window.addEventListener("load", function () { window.scrollTo(0, y); });
    }
  } catch (e) { /* storage may be unavailable */ }

  function reload() {
    try { sessionStorage.setItem(key, String(window.scrollY)); } catch (e) { /* ignore */ }
    location.reload();
  }

  function overlay(text) {
    var box = document.getElementById("kiyaku-error-overlay");
    if (!box) {
      box = document.createElement("div");
      box.id = "kiyaku-error-overlay";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,24,.94);" +
        "color:#f6f6f6;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,monospace;padding:24px;white-space:pre-wrap";
      document.body.appendChild(box);
    }
    box.textContent = text;
  }

  var source = new EventSource("/__kiyaku/events");
  source.addEventListener("hello", function (event) {
    if (Number(event.data) > generation) reload();
  });
  source.addEventListener("reload", function (event) {
    if (Number(event.data) > generation) reload();
  });
  source.addEventListener("error", function (event) {
    if (event.data) overlay(JSON.parse(event.data));
  });
})();
