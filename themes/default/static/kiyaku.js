// kiyaku default theme. Everything works without this script; it only
// (1) makes the language switcher open the other language at the clause
// you are reading (scrolled to, or linked); (2) on the history page, says
// which version applies on a date the reader picks; and (3) keeps the
// effective-date banner right after the day the site was built: when the
// reader's date in Japan has passed a scheduled effective date, the banner
// prepared for that day replaces the built one.
(function () {
  "use strict";

  // The clause being read: the last one (sub-clauses count) whose top has
  // passed the upper quarter of the window. Clause ids are the same in
  // every language, so the other language's page opens at the same place.
  function clauseInView() {
    var line = window.innerHeight / 4;
    var current = null;
    document.querySelectorAll(".k-clause[id]").forEach(function (section) {
      if (section.getBoundingClientRect().top <= line) current = section;
    });
    return current ? current.id : null;
  }

  // The switcher is at the top of the page: a reader scrolls up to it from
  // the clause they were reading. The clause the view last rested on (for
  // a second) is remembered, so that scrolling up past others does not
  // lose it.
  var restedOn = null;
  var resting = null;
  window.addEventListener("scroll", function () {
    clearTimeout(resting);
    resting = setTimeout(function () {
      restedOn = clauseInView() || restedOn;
    }, 1000);
  }, { passive: true });
  window.addEventListener("hashchange", function () {
    restedOn = window.location.hash.slice(1) || restedOn;
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-keep-hash]");
    if (!link) return;
    var id = clauseInView() || restedOn || window.location.hash.slice(1);
    if (!id) return;
    var url = new URL(link.href, window.location.href);
    url.hash = id;
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

  // The history page's "as of a date": the version that applies on a day
  // is the last one whose effective date is on or before it (days in Japan).
  function setUpAsOf() {
    var form = document.querySelector("form[data-k-as-of]");
    if (!form) return;
    var input = form.querySelector("input[type=date]");
    var output = form.querySelector("output");
    var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-k-effective]"));
    form.hidden = false;
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    input.addEventListener("input", function () {
      var day = input.value;
      var match = null;
      rows.forEach(function (row) {
        row.classList.remove("k-as-of-match");
        var effective = row.getAttribute("data-k-effective");
        if (day && effective <= day && (!match || effective > match.getAttribute("data-k-effective"))) match = row;
      });
      output.replaceChildren();
      if (!day) return;
      if (!match) {
        output.textContent = form.getAttribute("data-k-none");
        return;
      }
      match.classList.add("k-as-of-match");
      output.append(form.getAttribute("data-k-found") + " ");
      output.append(match.querySelector("th a").cloneNode(true));
    });
  }

  // The history page's "compare any two": the newer version's 新旧対照表
  // against the one before it is its changes page; against an earlier one,
  // the page below it named by that one's date (…/NEW/changes/OLD/, as the
  // URL table of the build publishes it).
  function setUpCompare() {
    var form = document.querySelector("form[data-k-compare]");
    if (!form) return;
    var output = form.querySelector("output");
    form.hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var a = form.elements.from.selectedOptions[0];
      var b = form.elements.to.selectedOptions[0];
      if (a.value === b.value) {
        output.textContent = form.getAttribute("data-k-same");
        return;
      }
      var older = a.value < b.value ? a : b;
      var newer = older === a ? b : a;
      var dates = Array.prototype.map.call(form.elements.to.options, function (o) { return o.value; }).sort();
      var next = dates[dates.indexOf(older.value) + 1] === newer.value;
      var changes = newer.getAttribute("data-k-changes");
      window.location.href = next ? changes : changes + older.value + "/";
    });
  }

  function start() {
    updateBanner();
    setUpAsOf();
    setUpCompare();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
