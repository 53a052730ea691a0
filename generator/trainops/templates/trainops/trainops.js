/* trainops: beside each session time (shown in the session's own zone), the reader's local time
   when their zone differs. Progressive enhancement: without JavaScript the page is complete.
   Override with theme/trainops/trainops.js. */
(function () {
  function localise() {
    var zone;
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
    document.querySelectorAll("time.trainops-when[datetime]").forEach(function (el) {
      if (el.dataset.localised) return;
      var start = new Date(el.getAttribute("datetime"));
      var end = new Date(el.dataset.end || el.getAttribute("datetime"));
      if (isNaN(start)) return;
      var day = { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: zone };
      var hm = { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: zone };
      var text = start.toLocaleDateString("en-GB", day) + ", " + start.toLocaleTimeString("en-GB", hm) +
        "\u2013" + end.toLocaleTimeString("en-GB", hm);
      if (el.dataset.zone === zone) return;
      var span = document.createElement("span");
      span.className = "trainops-local";
      span.textContent = "Your time: " + text + " (" + zone + ")";
      el.insertAdjacentElement("afterend", span);
      el.dataset.localised = "1";
    });
  }
  if (typeof document$ !== "undefined") { document$.subscribe(localise); } else { localise(); }
})();
