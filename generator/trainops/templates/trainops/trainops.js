/* trainops: beside each session time (shown in the session's own zone), the reader's local time
   when their zone differs. Progressive enhancement: without JavaScript the page is complete.
   Override with theme/trainops/trainops.js. */
(function () {
  function localise() {
    var zone;
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
    document.querySelectorAll("time.trainops-when[datetime]").forEach(function (el) {
      if (el.dataset.localised || el.dataset.zone === zone) return;
      var start = new Date(el.getAttribute("datetime"));
      var end = new Date(el.dataset.end || el.getAttribute("datetime"));
      if (isNaN(start) || isNaN(end)) return;
      var day = { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: zone };
      var hm = { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: zone };
      var startDay = start.toLocaleDateString("en-GB", day);
      var endDay = end.toLocaleDateString("en-GB", day);
      // A session can end on the reader's next day (09:30 in New York is 23:30 in Tokyo):
      // then the end says its day too, never a bare "02:00" that reads as the same night.
      var text = startDay + ", " + start.toLocaleTimeString("en-GB", hm) + "\u2013" +
        (endDay === startDay ? "" : endDay + ", ") + end.toLocaleTimeString("en-GB", hm);
      // Inline after a line break, not a block: a <br> that follows in the template would
      // otherwise leave an empty line.
      var span = document.createElement("span");
      span.className = "trainops-local";
      span.textContent = "Your time: " + text + " (" + zone + ")";
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
  function enhance() { localise(); nameSearchDialog(); }
  if (typeof document$ !== "undefined") { document$.subscribe(enhance); } else { enhance(); }
})();
