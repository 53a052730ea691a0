/* trainops: beside each session time (shown in the session's own zone), the reader's local time
   when their clock differs. Progressive enhancement: without JavaScript the page is complete.
   Also the helpers the schedule's script uses (window.trainops). Override with
   theme/trainops/trainops.js. */
(function () {
  var formats = {};
  var DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  function format(zone, options) {
    var key = zone + JSON.stringify(options);
    if (!formats[key]) formats[key] = new Intl.DateTimeFormat("en-GB", Object.assign({ timeZone: zone }, options));
    return formats[key];
  }

  // The reader's zone, or null when the browser does not say (then nothing is added).
  function readerZone() {
    try { return Intl.DateTimeFormat().resolvedOptions().timeZone || null; } catch (e) { return null; }
  }

  // An instant's wall clock in a zone: {key: "2026-12-10", day: "Thu 10 Dec 2026", time: "18:00",
  // offset: minutes east of UTC}. Built from numbers, not from a locale's date text, so it reads
  // like the server's dates whatever the browser's language.
  function clock(date, zone) {
    var p = {};
    format(zone, { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(date).forEach(function (part) { p[part.type] = part.value; });
    var y = +p.year, m = +p.month, d = +p.day, h = +p.hour % 24, min = +p.minute;
    var wall = Date.UTC(y, m - 1, d, h, min);
    var weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;  // Monday 0
    return {
      key: p.year + "-" + p.month + "-" + p.day,
      day: DAYS[weekday] + " " + d + " " + MONTHS[m - 1] + " " + y,
      weekday: weekday,
      time: p.hour.replace(/^24/, "00") + ":" + p.minute,
      offset: Math.round((wall - Math.floor(date.getTime() / 60000) * 60000) / 60000)
    };
  }

  // "UTC+05:30", "UTC\u221208:00", "UTC+00:00": as the pages write it (format_utc_offset).
  function utcOffset(offset) {
    var a = Math.abs(offset), pad = function (n) { return String(n).padStart(2, "0"); };
    return "UTC" + (offset < 0 ? "\u2212" : "+") + pad(Math.floor(a / 60)) + ":" + pad(a % 60);
  }

  // A zone as every page names it, with its offset at that instant: "India Standard Time
  // (UTC+05:30)". The same wording as the server's (trainops.model.formatting.zone_label, from
  // the same CLDR names); never the browser's zone id (Asia/Calcutta is India's, for historical
  // reasons).
  function zoneLabel(date, zone) {
    var offset = utcOffset(clock(date, zone).offset), name = "";
    try {
      format(zone, { timeZoneName: "long" }).formatToParts(date).forEach(function (part) {
        if (part.type === "timeZoneName") name = part.value;
      });
    } catch (e) { name = ""; }
    // Where the language has no name for a zone it gives an offset ("GMT+03:00"): said once.
    return name && !/^(GMT|UTC)([+\u2212-]|$)/.test(name) ? name + " (" + offset + ")" : offset;
  }

  // "18:00\u201320:30"; a session that ends on the reader's next day says that day, never a
  // bare "02:00" that reads as the same night: "23:30 \u2013 Wed 2 Dec 2026 02:00".
  function range(start, end, zone) {
    var a = clock(start, zone), b = clock(end, zone);
    return a.key === b.key ? a.time + "\u2013" + b.time : a.time + " \u2013 " + b.day + " " + b.time;
  }

  // Whether the reader's clock reads the same as the session's at its start and end (their own
  // zone, or another with the same time then): nothing to add.
  function sameClock(start, end, zone, reader) {
    return clock(start, zone).offset === clock(start, reader).offset &&
      clock(end, zone).offset === clock(end, reader).offset;
  }

  window.trainops = { readerZone: readerZone, clock: clock, zoneLabel: zoneLabel, range: range, sameClock: sameClock };

  function localise() {
    var zone = readerZone();
    if (!zone) return;
    document.querySelectorAll("time.trainops-when[datetime]").forEach(function (el) {
      if (el.dataset.localised) return;
      var start = new Date(el.getAttribute("datetime"));
      var end = new Date(el.dataset.end || el.getAttribute("datetime"));
      if (isNaN(start) || isNaN(end) || !el.dataset.zone) return;
      try { if (sameClock(start, end, el.dataset.zone, zone)) return; } catch (e) { return; }
      var strong = document.createElement("strong");
      strong.textContent = clock(start, zone).day + ", " + range(start, end, zone);
      if (el.classList.contains("trainops-when--inline")) {
        // A time within a sentence (a change note's old and new time): the reader's in brackets
        // after it, their zone named once by the row's own "Your time".
        var aside = document.createElement("span");
        aside.className = "trainops-local trainops-local--inline";
        aside.append(" (your time: ", strong, ")");
        el.insertAdjacentElement("afterend", aside);
        el.dataset.localised = "1";
        return;
      }
      // Inline after a line break, not a block: a <br> that follows in the template would
      // otherwise leave an empty line.
      var span = document.createElement("span");
      span.className = "trainops-local";
      span.append("Your time: ", strong, " " + zoneLabel(start, zone));
      el.insertAdjacentElement("afterend", span);
      el.insertAdjacentElement("afterend", document.createElement("br"));
      el.dataset.localised = "1";
    });
  }
  // Material's search dialog has no accessible name (axe: aria-dialog-name); give it one.
  function nameSearchDialog() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (dialog && !dialog.hasAttribute("aria-label") && !dialog.hasAttribute("aria-labelledby")) {
      dialog.setAttribute("aria-label", "Search");
    }
  }
  // A wide table scrolls inside Material's wrapper; a keyboard reaches it only when it can take
  // focus (axe: scrollable-region-focusable). Material does this for code blocks, not tables.
  function focusScrollingTables() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth) wrap.setAttribute("tabindex", "0");
      else wrap.removeAttribute("tabindex");
    });
  }
  function enhance() { localise(); nameSearchDialog(); focusScrollingTables(); }
  if (typeof document$ !== "undefined") { document$.subscribe(enhance); } else { enhance(); }
})();
