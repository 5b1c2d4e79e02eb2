// kiyaku default theme. Everything works without this script; it only
// (1) makes the language switcher keep the clause you are reading, and
// (2) keeps the effective-date banner right after the day the site was
// built: when the reader's date in Japan has passed a scheduled effective
// date, the banner prepared for that day replaces the built one.
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-keep-hash]");
    if (!link || !window.location.hash) return;
    var url = new URL(link.href, window.location.href);
    url.hash = window.location.hash;
    link.href = url.toString();
  });

  // Today in Japan (UTC+9, no daylight saving) as YYYY-MM-DD.
  function todayInJapan() {
    var shifted = new Date(Date.now() + 9 * 60 * 60 * 1000);
    return shifted.toISOString().slice(0, 10);
  }

  function updateBanner() {
    var slot = document.querySelector(".k-banner-slot");
    if (!slot) return;
    var today = todayInJapan();
    if (today <= (slot.getAttribute("data-k-today") || "")) return;
    var chosen = null;
    document.querySelectorAll("template.k-banner-later").forEach(function (later) {
      if (later.getAttribute("data-k-from") <= today) chosen = later;
    });
    if (!chosen) return;
    slot.replaceChildren(chosen.content.cloneNode(true));
    var banner = slot.querySelector(".k-banner");
    var article = slot.closest("[data-status]");
    if (banner && article) {
      var status = (banner.className.match(/k-banner-(in-force|upcoming|archived)/) || [])[1];
      if (status) article.setAttribute("data-status", status);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", updateBanner);
  } else {
    updateBanner();
  }
})();
