/* Site search with Pagefind, in Material's header search box.
 *
 * Pagefind loads its index in small chunks, only for the words typed, and folds tone marks
 * ("quyet" finds "quyết"). Words with "đ" are also indexed in a folded form by the build, so
 * "dong bang" finds "Đồng bằng". Filters (with counts) narrow the results; they can be sorted
 * by date. Nothing is fetched before the first keystroke, and the filter lists only when the
 * filter panel is opened.
 */
(function () {
  "use strict";
  var input = document.getElementById("nq-search-input");
  if (!input) return;
  var root = document.getElementById("nq-search-results");
  var list = root.querySelector(".md-search-result__list");
  var meta = root.querySelector(".md-search-result__meta");
  var controls = root.querySelector(".nq-search__controls");
  var panel = controls.querySelector(".nq-search__filters");
  var filtersLoaded = null;
  var toggle = document.getElementById("__search");
  var base = new URL(document.querySelector("script[src*='nq-search.js']").src, location.href);
  var siteRoot = new URL("../", base);
  var pagefind = null;
  var OPTIONS = { baseUrl: siteRoot.pathname, excerptLength: 24 };   /* the site's index and the preview's shares */
  var serial = 0;
  var selected = {};
  var PAGE = 10;           /* results whose text is fetched at a time: a slow connection pays for 10 */
  var more = document.createElement("button");
  more.type = "button";
  more.className = "md-button nq-search__more";
  more.textContent = "Xem thêm kết quả";
  more.hidden = true;
  root.appendChild(more);
  var pending = [];

  function load() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", siteRoot).href).then(function (pf) {
        return pf.options(OPTIONS)
          .then(function () { return merged(pf); })
          .then(function () { return pf; });
      });
    }
    return pagefind;
  }

  /* The live preview (`mkdocs serve`) serves the index in shares, merged here: its pages carry a
     mark naming the list of the other shares' bundles (search/shards.py, index_preview). */
  function merged(pf) {
    var mark = document.querySelector('meta[name="nq-search-preview"]');
    if (!mark) { return Promise.resolve(); }
    return fetch(new URL(mark.getAttribute("content"), siteRoot).href, { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (list) {
        return Promise.all(list.merge.map(function (path) {
          return pf.mergeIndex(new URL(path, siteRoot).pathname, OPTIONS);
        }));
      });
  }

  /* "NQ 11", "11 NQ/TW", "nghị quyết 11" -> "11-NQ/TW": the form document pages are indexed under. */
  function normalise(q) {
    return q
      .replace(/\b(?:ngh[iị]\s*quy[eế]t|nq)\s*(?:s[oố]\s*:?\s*)?(\d{1,4})\b(?!\s*[-\/])/gi, "$1-NQ/TW")
      .replace(/\b(\d{1,4})\s*[-–]?\s*(nq|kl|qđ|qd|ct|tb)\s*\/\s*tw\b/gi, function (_, n, t) {
        return n + "-" + t.toUpperCase().replace("QD", "QĐ") + "/TW";
      });
  }

  function text(el, value) { el.textContent = value; return el; }

  /* Counts come with results once Pagefind has the filter lists; fetch them on first opening. */
  function loadFilters() {
    if (!filtersLoaded) {
      filtersLoaded = load().then(function (pf) { return pf.filters(); });
    }
    return filtersLoaded;
  }

  function fillFilters(search) {
    controls.hidden = false;
    if (!filtersLoaded) return;
    var counts = search.filters || {};
    controls.querySelectorAll("select[data-filter]").forEach(function (sel) {
      var name = sel.getAttribute("data-filter");
      var values = counts[name] || {};
      var current = selected[name] || "";
      sel.innerHTML = "";
      sel.appendChild(text(document.createElement("option"), "Tất cả")).value = "";
      Object.keys(values).sort().forEach(function (v) {
        if (!values[v] && v !== current) return;
        var opt = text(document.createElement("option"), v + " (" + values[v] + ")");
        opt.value = v;
        if (v === current) opt.selected = true;
        sel.appendChild(opt);
      });
      sel.parentElement.hidden = sel.options.length <= 1 && !current;
    });
  }

  function render(results, append) {
    if (!append) { list.innerHTML = ""; active = -1; }
    results.forEach(function (r) {
      var li = document.createElement("li");
      li.className = "md-search-result__item";
      var a = document.createElement("a");
      a.className = "md-search-result__link";
      a.href = r.url;
      var art = document.createElement("article");
      art.className = "md-search-result__article md-typeset";
      art.appendChild(text(document.createElement("h3"), r.meta.title || r.url));
      var facts = [r.meta.kind, r.meta.date, r.meta.source].filter(Boolean).join(" · ");
      if (facts) art.appendChild(text(document.createElement("p"), facts)).className = "nq-search__facts";
      var p = document.createElement("p");
      p.innerHTML = r.excerpt; /* Pagefind escapes the page text and adds only <mark> */
      art.appendChild(p);
      a.appendChild(art);
      li.appendChild(a);
      list.appendChild(li);
    });
  }

  /* Pages the search scores alike keep their order, but for their rank (a document page's: the
     articles that cite it, then its year): "nghị quyết 11" matches 11-NQ/TW of 2007, 2012 and
     2022 with the same words, and the one a reader means is the cited, newer one. */
  function settleTies(data, results) {
    var items = data.map(function (d, k) {
      return { data: d, score: results[k].score || 0, rank: Number((d.meta || {}).rank) || 0 };
    });
    for (var i = 1; i < items.length; i++) {
      for (var j = i; j > 0 && items[j].score >= items[j - 1].score * 0.95 && items[j].rank > items[j - 1].rank; j--) {
        var t = items[j]; items[j] = items[j - 1]; items[j - 1] = t;
      }
    }
    return items.map(function (x) { return x.data; });
  }

  function run() {
    var q = input.value.trim();
    var mine = ++serial;
    if (!q) { list.innerHTML = ""; controls.hidden = true; more.hidden = true; text(meta, "Gõ để tìm."); return; }
    load().then(function (pf) {
      var filters = {};
      Object.keys(selected).forEach(function (k) { if (selected[k]) filters[k] = selected[k]; });
      var sort = controls.querySelector("select[data-sort]").value;
      var opts = { filters: filters };
      if (sort) opts.sort = { date: sort };
      return pf.search(normalise(q), opts).then(function (search) {
        if (!search || mine !== serial) return null;
        pending = search.results.slice(PAGE);
        var first = search.results.slice(0, PAGE);
        return Promise.all(first.map(function (r) { return r.data(); })).then(function (data) {
          if (mine !== serial) return;
          data = settleTies(data, first);
          fillFilters(search);
          text(meta, search.results.length ? search.results.length + " kết quả" : "Không tìm thấy kết quả");
          render(data, false);
          more.hidden = pending.length === 0;
        });
      });
    }).catch(function () { text(meta, "Không tải được chỉ mục tìm kiếm."); });
  }

  more.addEventListener("click", function () {
    var next = pending.slice(0, PAGE);
    pending = pending.slice(PAGE);
    var mine = serial;
    Promise.all(next.map(function (r) { return r.data(); })).then(function (data) {
      if (mine !== serial) return;
      render(data, true);
      more.hidden = pending.length === 0;
    });
  });

  input.addEventListener("focus", function () { if (toggle) toggle.checked = true; });
  /* Our own debounce: Pagefind's debouncedSearch preloads the index for every partial word
     typed ("t", "th", …), and a one-letter prefix covers a large part of the index. */
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    serial++;
    timer = setTimeout(run, 250);
  });
  /* The keyboard, as in Material's own search: "/" or "s" opens the search from anywhere; in
     the box, arrows move through the results, Enter opens the highlighted one (else the first),
     Escape closes the search and returns focus where it was. */
  var before = null;
  var active = -1;
  function links() { return list.querySelectorAll(".md-search-result__link"); }
  function highlight(i) {
    var all = links();
    if (!all.length) return;
    active = (i + all.length) % all.length;
    all.forEach(function (a, k) {
      a.classList.toggle("nq-search__link--active", k === active);
      if (k === active) { a.setAttribute("aria-current", "true"); a.scrollIntoView({ block: "nearest" }); }
      else a.removeAttribute("aria-current");
    });
  }
  function open() {
    before = document.activeElement !== input ? document.activeElement : before;
    if (toggle) toggle.checked = true;
    if (button) button.setAttribute("aria-expanded", "true");
    input.focus();
    input.select();
  }
  function close() {
    if (toggle) toggle.checked = false;
    if (button) button.setAttribute("aria-expanded", "false");
    input.blur();
    /* Back where the reader was; else the search button (phones), else the page's content
       (wide screens show the box itself, and focusing it would open the search again). */
    var button = document.querySelector(".nq-search-button");
    var content = document.querySelector(".md-content");
    var back = before && before !== document.body && document.contains(before) ? before
      : button && button.offsetParent !== null ? button : content;
    if (back === content && content && !content.hasAttribute("tabindex")) content.setAttribute("tabindex", "-1");
    if (back && back.focus) back.focus();
  }
  document.addEventListener("keydown", function (e) {
    var typing = /^(input|textarea|select)$/i.test(e.target.tagName) || e.target.isContentEditable;
    if (!typing && !e.ctrlKey && !e.metaKey && !e.altKey && (e.key === "/" || e.key === "s" || e.key === "S")) {
      e.preventDefault();
      open();
    }
  });
  input.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { e.preventDefault(); close(); }
    else if (e.key === "ArrowDown") { e.preventDefault(); highlight(active + 1); }
    else if (e.key === "ArrowUp") { e.preventDefault(); highlight(active - 1); }
    else if (e.key === "Enter") {
      var all = links();
      if (all.length) { e.preventDefault(); location.href = all[Math.max(active, 0)].href; }
    }
  });
  list.addEventListener("keydown", function (e) { if (e.key === "Escape") close(); });
  var button = document.querySelector(".nq-search-button");
  if (button) button.addEventListener("click", function (e) { e.preventDefault(); open(); });
  if (toggle) toggle.addEventListener("change", function () {
    if (button) button.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
  });
  /* Material marks its drawer and search toggles autocomplete="off" so that a browser does not
     restore them checked on "back"; HTML allows that attribute on no checkbox, so the build drops
     it (render/site.py) and this resets the toggles when a page is shown from the history. */
  window.addEventListener("pageshow", function () {
    ["__drawer", "__search"].forEach(function (id) {
      var box = document.getElementById(id);
      if (box) box.checked = false;
    });
  });
  panel.addEventListener("toggle", function () {
    if (panel.open && !filtersLoaded) loadFilters().then(run);
  });
  controls.addEventListener("change", function (e) {
    var name = e.target.getAttribute("data-filter");
    if (name) selected[name] = e.target.value;
    run();
  });
  /* Enter in the box searches what is typed; the form is never sent. */
  input.form.addEventListener("submit", function (e) { e.preventDefault(); });
  input.form.addEventListener("reset", function () { selected = {}; setTimeout(run, 0); });
})();
