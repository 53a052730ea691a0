/* trainops: the schedule pages, for the reader. Each session moves under the reader's own date
   with their time first; days are marked "Today" and "This week" by the reader's clock; a filter
   by program and by in person / online, kept in the address (?program=...&mode=...) so that the
   back button and a shared link bring it back. Without JavaScript the page is complete: sessions
   under each session's own date, in its own time. Override with theme/trainops/schedule.js. */
(function () {
  var MODES = { "in-person": "In person", online: "Online" };

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.append(c); });
    return node;
  }

  // "2026-12-10" plus n days.
  function addDays(key, n) {
    var d = new Date(Date.UTC(+key.slice(0, 4), +key.slice(5, 7) - 1, +key.slice(8, 10) + n));
    return d.toISOString().slice(0, 10);
  }

  function regroup(table, zone, now) {
    var T = window.trainops;
    var today = T.clock(now, zone);
    var weekEnd = addDays(today.key, 6 - today.weekday);  // Sunday
    var rows = [];
    table.querySelectorAll("tbody > tr[id^='session-']").forEach(function (row, i) {
      var time = row.querySelector("time.trainops-slot");
      var start = new Date(time.getAttribute("datetime")), end = new Date(time.dataset.end);
      if (isNaN(start) || isNaN(end)) return;
      var mine = T.clock(start, zone);
      rows.push({ row: row, start: start.getTime(), order: i, key: mine.key, day: mine.day });
      var yours = el("span", { class: "trainops-yours" });
      yours.append(el("strong", {}, [T.range(start, end, zone)]), " ",
        el("span", { class: "trainops-yours__zone" }, [T.zoneLabel(start, zone)]));
      time.before(yours);
      // In the reader's own zone the session's time says the same again: shown once.
      if (T.sameClock(start, end, time.dataset.zone, zone)) time.classList.add("trainops-slot--same");
    });
    rows.sort(function (a, b) { return a.start - b.start || a.order - b.order; });
    var bodies = [], body = null;
    rows.forEach(function (r) {
      if (!body || body.dataset.day !== r.key) {
        var th = el("th", { colspan: "3", scope: "rowgroup" }, [r.day]);
        var mark = r.key === today.key ? "Today" : (r.key > today.key && r.key <= weekEnd ? "This week" : "");
        if (mark) {
          th.append(" ", el("span", { class: "trainops-mark trainops-mark--" + (mark === "Today" ? "today" : "week") }, [mark]));
        }
        body = el("tbody", { "data-day": r.key }, [el("tr", { class: "trainops-day" }, [th])]);
        if (mark) body.classList.add(mark === "Today" ? "trainops-today" : "trainops-this-week");
        bodies.push(body);
      }
      body.append(r.row);
    });
    table.querySelectorAll("tbody").forEach(function (old) { old.remove(); });
    bodies.forEach(function (b) { table.append(b); });
    table.classList.add("trainops-schedule--local");
  }

  function programOf(row) {
    var link = row.cells[1] && row.cells[1].querySelector("a[href]");
    var match = link && /(?:^|\/)programs\/([^/]+)\//.exec(link.getAttribute("href"));
    return match ? { slug: match[1], name: link.textContent } : { slug: row.cells[1].textContent.split(" \u2014 ")[0], name: "" };
  }

  function modeMatches(row, mode) {
    if (mode === "in-person") return !!row.querySelector(".trainops-room");
    if (mode === "online") return !!row.querySelector(".trainops-join");
    return true;
  }

  // Links to the other schedule pages carry the filter.
  function relink() {
    document.querySelectorAll("a.trainops-schedule-link").forEach(function (a) { a.search = location.search; });
  }

  function filter(tables) {
    var rows = [];
    var names = {};
    tables.forEach(function (t) {
      t.querySelectorAll("tbody > tr[id^='session-']").forEach(function (row) {
        var p = programOf(row);
        row.dataset.program = p.slug;
        if (p.name || !names[p.slug]) names[p.slug] = p.name || p.slug;
        rows.push(row);
      });
    });
    var params = new URLSearchParams(location.search);
    var wanted = { program: params.get("program") || "", mode: params.get("mode") || "" };
    // A program chosen on another page may have no session on this one: still offered, so the
    // choice stays (and the page says that nothing matches).
    if (wanted.program && !names[wanted.program]) names[wanted.program] = wanted.program;
    if (!MODES[wanted.mode]) wanted.mode = "";

    var program = el("select", { id: "trainops-filter-program", name: "program" }, [el("option", { value: "" }, ["All programs"])]);
    Object.keys(names).sort(function (a, b) { return names[a].localeCompare(names[b]); }).forEach(function (slug) {
      program.append(el("option", { value: slug }, [names[slug]]));
    });
    var mode = el("select", { id: "trainops-filter-mode", name: "mode" }, [el("option", { value: "" }, ["In person or online"])]);
    Object.keys(MODES).forEach(function (m) { mode.append(el("option", { value: m }, [MODES[m]])); });
    program.value = wanted.program;
    mode.value = wanted.mode;
    var status = el("p", { class: "trainops-filter__status", role: "status" });
    var form = el("form", { class: "trainops-filter", role: "search", "aria-label": "Filter the sessions" }, [
      el("span", { class: "trainops-filter__field" }, [el("label", { for: "trainops-filter-program" }, ["Program"]), program]),
      el("span", { class: "trainops-filter__field" }, [el("label", { for: "trainops-filter-mode" }, ["Format"]), mode]),
      status
    ]);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    var first = tables[0].closest(".trainops-section") || tables[0];
    first.before(form);

    function apply(remember) {
      var shown = 0;
      rows.forEach(function (row) {
        var ok = (!program.value || row.dataset.program === program.value) && modeMatches(row, mode.value);
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      tables.forEach(function (t) {
        t.querySelectorAll("tbody").forEach(function (b) { b.hidden = !b.querySelector("tr[id^='session-']:not([hidden])"); });
      });
      var filtered = program.value || mode.value;
      status.textContent = !filtered ? "" : (shown ? "Showing " + shown + " of " + rows.length + " sessions." :
        "No session on this page matches; the other months may have some.");
      if (remember) {
        var url = new URL(location.href);
        ["program", "mode"].forEach(function (name) {
          var value = name === "program" ? program.value : mode.value;
          if (value) url.searchParams.set(name, value); else url.searchParams.delete(name);
        });
        history.replaceState(history.state, "", url.pathname + url.search + url.hash);
        relink();
      }
    }
    program.addEventListener("change", function () { apply(true); });
    mode.addEventListener("change", function () { apply(true); });
    apply(false);
  }

  // A link to one session (#session-...) finds it where it now is.
  function showTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (target && !target.hidden) target.scrollIntoView();
  }

  function enhance() {
    relink();
    var tables = Array.prototype.slice.call(document.querySelectorAll("table.trainops-schedule"));
    if (!tables.length || tables[0].dataset.enhanced) return;
    tables.forEach(function (t) { t.dataset.enhanced = "1"; });
    var zone = window.trainops && window.trainops.readerZone();
    if (zone) {
      try {
        var now = new Date();
        tables.forEach(function (t) { regroup(t, zone, now); });
      } catch (e) { /* a browser without the time zone data: the server's grouping stays */ }
    }
    filter(tables);
    showTarget();
  }
  if (typeof document$ !== "undefined") { document$.subscribe(enhance); } else { enhance(); }
})();
