// Reads .ics files with Mozilla's ical.js (Thunderbird's parser) and prints, as JSON, every
// event's start, end, place and version as ical.js understands them: {file: {uid: {start, end,
// startZone, endZone, sequence, location, stamp}}}, times in POSIX seconds (stamp: DTSTAMP). TZIDs resolve through
// the file's own VTIMEZONEs (registered with ical.js's TimezoneService too), as a client does for
// a zone it does not know.
// Used by tests/test_calendar_feed.py: node tests/icaljs_read.mjs FILE.ics [FILE.ics ...]
import { readFileSync } from "node:fs";

const HINT = "ical.js is not installed in tests/browser/node_modules: run TRAINOPS_BROWSER=1 scripts/bootstrap";

let ICAL;
try {
  ({ default: ICAL } = await import(new URL("./browser/node_modules/ical.js/dist/ical.js", import.meta.url)));
} catch (error) {
  console.error(`${HINT} (${error.message})`);
  process.exit(3);
}

const out = {};
for (const file of process.argv.slice(2)) {
  const calendar = new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")));
  for (const vtimezone of calendar.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(new ICAL.Timezone(vtimezone));
  }
  const events = {};
  for (const vevent of calendar.getAllSubcomponents("vevent")) {
    const event = new ICAL.Event(vevent);
    const zoneOf = (time) => {
      // A time with a TZID must have found that VTIMEZONE (not fallen back to floating time).
      const tzid = time.zone ? time.zone.tzid : null;
      return tzid === "UTC" || (time.zone && time.zone.component) ? tzid : `unresolved:${tzid}`;
    };
    if (event.uid in events) {
      throw new Error(`${file}: UID ${event.uid} twice`);
    }
    events[event.uid] = {
      start: event.startDate.toUnixTime(),
      end: event.endDate.toUnixTime(),
      startZone: zoneOf(event.startDate),
      endZone: zoneOf(event.endDate),
      sequence: event.sequence,
      location: event.location,
      stamp: vevent.getFirstPropertyValue("dtstamp").toUnixTime(),
    };
  }
  out[file] = events;
}
process.stdout.write(JSON.stringify(out));
