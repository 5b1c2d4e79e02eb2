// kiyaku search: every clause of every policy in the page's language,
// found in the browser with no server. The index (the build's
// search/current.json; archived.json when the reader asks for past
// versions) is indexed here by character bigrams of its normalised text,
// so Japanese needs no spaces: a query's words are each looked up by their
// rarest bigram, then checked whole. An entry is one clause text with the
// versions that hold it (`w`, the one in force first): a result links to
// the clause's anchor in the first and names every version, each a link
// too. Nothing is sent anywhere.
(function () {
  "use strict";
  var form = document.querySelector("form[data-k-search]");
  if (!form) return;
  var input = form.elements.q;
  var past = form.elements.past;
  var status = form.querySelector(".k-search-status");
  var list = form.querySelector(".k-search-results");
  var LIMIT = 50;
  var sets = {};

  function normalise(text) {
    return text.normalize("NFKC").toLowerCase();
  }

  // Loads one index file and indexes it by bigram.
  function load(path) {
    if (!sets[path]) {
      sets[path] = fetch(path).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      }).then(function (entries) {
        var grams = new Map();
        entries.forEach(function (entry, i) {
          entry.n = normalise(entry.p + " " + entry.t + " " + entry.x);
          entry.title = normalise(entry.t);
          var seen = new Set();
          for (var k = 0; k + 1 < entry.n.length; k++) {
            var g = entry.n.slice(k, k + 2);
            if (seen.has(g)) continue;
            seen.add(g);
            if (!grams.has(g)) grams.set(g, []);
            grams.get(g).push(i);
          }
        });
        return { entries: entries, grams: grams };
      });
    }
    return sets[path];
  }

  // The entries holding every word of the query.
  function find(set, words) {
    var candidates = null;
    words.forEach(function (word) {
      if (word.length < 2) return;
      var best = null;
      for (var k = 0; k + 1 < word.length; k++) {
        var posting = set.grams.get(word.slice(k, k + 2)) || [];
        if (best === null || posting.length < best.length) best = posting;
      }
      var keep = new Set(best);
      candidates = candidates === null ? best : candidates.filter(function (i) { return keep.has(i); });
    });
    var pool = candidates === null ? set.entries.map(function (_, i) { return i; }) : candidates;
    return pool.map(function (i) { return set.entries[i]; }).filter(function (entry) {
      return words.every(function (word) { return contains(entry.n, word); });
    });
  }

  // A word in Latin letters or digits is found at the start of a word
  // ("ip" in "IP address", not in "equipment"); any other is found anywhere.
  var LATIN = /^[a-z0-9]+$/;
  function indexOfWord(text, word, from) {
    if (!LATIN.test(word)) return text.indexOf(word, from || 0);
    for (var at = text.indexOf(word, from || 0); at >= 0; at = text.indexOf(word, at + 1)) {
      if (at === 0 || !/[a-z0-9]/.test(text[at - 1])) return at;
    }
    return -1;
  }
  function contains(text, word) {
    return indexOfWord(text, word) >= 0;
  }

  // Clauses whose title holds the words first, then versions in force,
  // upcoming, archived; else in the order of the site.
  var ORDER = { "in-force": 0, upcoming: 1, archived: 2 };
  function rank(entries, words) {
    var inTitle = function (entry) { return words.every(function (w) { return contains(entry.title, w); }) ? 0 : 1; };
    return entries
      .map(function (entry, i) { return [inTitle(entry), ORDER[entry.w[0].s], i, entry]; })
      .sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]; })
      .map(function (row) { return row[3]; });
  }

  // The text around the first word found, with every word marked.
  function snippet(entry, words) {
    var text = entry.x;
    var lower = normalise(text);
    var at = indexOfWord(lower, words[0]);
    var start = Math.max(0, at - 40);
    var end = Math.min(text.length, (at < 0 ? 0 : at) + 80);
    var piece = text.slice(start, end);
    var lowerPiece = normalise(piece);
    var p = document.createElement("p");
    p.className = "k-search-snippet";
    var i = 0;
    while (i < piece.length) {
      var next = -1, word = null;
      words.forEach(function (w) {
        var j = indexOfWord(lowerPiece, w, i);
        if (j >= 0 && (next < 0 || j < next)) { next = j; word = w; }
      });
      // NFKC may change lengths: mark only where the piece maps one to one.
      if (next < 0 || lowerPiece.length !== piece.length) {
        p.append(piece.slice(i));
        break;
      }
      p.append(piece.slice(i, next));
      var mark = document.createElement("mark");
      mark.textContent = piece.slice(next, next + word.length);
      p.append(mark);
      i = next + word.length;
    }
    if (start > 0) p.prepend("…");
    if (end < text.length) p.append("…");
    return p;
  }

  var limit = LIMIT;
  function show(entries, words) {
    list.textContent = "";
    more.hidden = true;
    if (words.length === 0) {
      status.textContent = "";
      return;
    }
    if (entries.length === 0) {
      status.textContent = form.getAttribute("data-k-none");
      return;
    }
    var count = String(entries.length);
    status.textContent = entries.length > limit
      ? form.getAttribute("data-k-more").replace("{shown}", String(limit)).replace("{count}", count)
      : form.getAttribute("data-k-count").replace("{count}", count);
    more.hidden = entries.length <= limit;
    entries.slice(0, limit).forEach(function (entry) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = entry.w[0].u;
      link.textContent = entry.p + " " + entry.t;
      item.append(link);
      entry.w.forEach(function (place, k) {
        // The first version is the title's link; the others link themselves.
        var meta = document.createElement(k === 0 ? "span" : "a");
        if (k > 0) meta.href = place.u;
        meta.className = "k-search-version k-tag k-tag-" + place.s;
        meta.textContent = form.getAttribute("data-k-status-" + place.s) + " " + place.v;
        item.append(" ", meta);
      });
      item.append(snippet(entry, words));
      list.append(item);
    });
  }

  var pending = 0;
  function search(keepLimit) {
    if (keepLimit !== true) limit = LIMIT;
    var words = normalise(input.value).split(/\s+/).filter(Boolean);
    // The address holds the query: a reload, a bookmark or a link keeps it.
    var address = new URL(window.location.href);
    if (input.value) address.searchParams.set("q", input.value); else address.searchParams.delete("q");
    if (past.checked) address.searchParams.set("past", "1"); else address.searchParams.delete("past");
    window.history.replaceState(null, "", address);
    var run = ++pending;
    var paths = [form.getAttribute("data-k-index")];
    if (past.checked) paths.push(form.getAttribute("data-k-archive"));
    Promise.all(paths.map(load)).then(function (loaded) {
      if (run !== pending) return;
      var found = [];
      loaded.forEach(function (set) { found = found.concat(find(set, words)); });
      show(rank(found, words), words);
    }, function () {
      status.textContent = form.getAttribute("data-k-failed");
    });
  }

  var more = form.querySelector(".k-search-more");
  more.addEventListener("click", function () {
    limit += LIMIT;
    search(true);
  });
  form.hidden = false;
  form.addEventListener("submit", function (event) { event.preventDefault(); search(); });
  // Not while a Japanese input method is composing: only the committed text
  // is searched (and announced).
  input.addEventListener("input", function (event) { if (!event.isComposing) search(); });
  input.addEventListener("compositionend", search);
  past.addEventListener("change", search);
  var params = new URLSearchParams(window.location.search);
  past.checked = params.get("past") === "1";
  if (params.get("q")) {
    input.value = params.get("q");
    search();
  }
})();
