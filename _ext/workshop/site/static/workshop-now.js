/* Optional: "Now" and "Next" on the program while the event is on.
 *
 * The program is complete without this script.  With it, the slots running at the
 * reader's moment get a "Now" badge, the slots starting next (later the same day of the
 * program, at the venue: never tomorrow's first talk) a "Next" badge, and a line under the zone note says what is on and what comes next, with the
 * times in the reader's own zone.  A slot is an element whose id starts with "slot-" in
 * a program table; its first two <time datetime="..."> are its start and its end
 * (instants with their offset, so the reader's zone does not matter to the comparison).
 * Text from the page is copied as text, never as markup.  Checked again every 30 seconds.
 */
(function () {
  "use strict";
  // The venue's date of an instant, from a slot's "2024-05-17T10:00:00-07:00" (its offset).
  function venueDay(moment, iso) {
    var m = /([+-])(\d{2}):(\d{2})$/.exec(iso);
    var offset = m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
    return new Date(moment + offset * 60000).toISOString().slice(0, 10);
  }
  var note = document.querySelector(".workshop-zone-note");
  if (!note || !window.Intl || !Intl.DateTimeFormat) {
    return;
  }
  var slots = [];
  Array.prototype.forEach.call(
    document.querySelectorAll("table.workshop-schedule [id^='slot-']"),
    function (element) {
      var times = element.querySelectorAll("time[datetime]");
      if (times.length < 2) {
        return;
      }
      var start = Date.parse(times[0].getAttribute("datetime"));
      var end = Date.parse(times[1].getAttribute("datetime"));
      // A paper talk's title is a link to the paper (Sphinx's reference replaces the class).
      var title = element.querySelector(".workshop-title, .std-ref");
      if (isNaN(start) || isNaN(end)) {
        return;
      }
      slots.push({
        element: element,
        start: start,
        end: end,
        iso: times[0].getAttribute("datetime"),
        title: title ? title.textContent : "",
        badge: null
      });
    });
  if (!slots.length) {
    return;
  }

  var clock = new Intl.DateTimeFormat(undefined, {hour: "numeric", minute: "2-digit"});
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "your time zone";
  var status = document.createElement("p");
  status.className = "workshop-now-status";
  status.hidden = true;
  note.parentNode.insertBefore(status, note.nextSibling);

  function mark(slot, word) {
    slot.element.classList.add("workshop-" + word.toLowerCase());
    var badge = document.createElement("strong");
    badge.className = "workshop-badge workshop-badge-" + word.toLowerCase();
    badge.textContent = word;
    var where = slot.element.querySelector("p") || slot.element;
    where.insertBefore(document.createTextNode(" "), where.firstChild);
    where.insertBefore(badge, where.firstChild);
    slot.badge = badge;
  }

  function unmark(slot) {
    slot.element.classList.remove("workshop-now", "workshop-next");
    if (slot.badge) {
      slot.badge.parentNode.removeChild(slot.badge.nextSibling); // the space after it
      slot.badge.parentNode.removeChild(slot.badge);
      slot.badge = null;
    }
  }

  function sayList(label, list, when) {
    var part = document.createElement("span");
    part.className = "workshop-now-part";
    var word = document.createElement("strong");
    word.textContent = label;
    part.appendChild(word);
    part.appendChild(document.createTextNode(" " + when + ": "));
    list.forEach(function (slot, i) {
      if (i) {
        part.appendChild(document.createTextNode(" \u00b7 "));
      }
      var link = document.createElement("a");
      link.href = "#" + slot.element.id;
      link.textContent = slot.title || slot.element.id;
      part.appendChild(link);
    });
    part.appendChild(document.createTextNode(". "));
    status.appendChild(part);
  }

  function update() {
    var now = Date.now();
    slots.forEach(unmark);
    var current = slots.filter(function (s) { return s.start <= now && now < s.end; });
    // "Next": what starts first after now, on the program day it is now at the venue.
    var first = Infinity;
    slots.forEach(function (s) {
      if (s.start > now && s.start < first && s.iso.slice(0, 10) === venueDay(now, s.iso)) {
        first = s.start;
      }
    });
    var coming = slots.filter(function (s) { return s.start === first; });
    current.forEach(function (s) { mark(s, "Now"); });
    coming.forEach(function (s) { mark(s, "Next"); });
    while (status.firstChild) {
      status.removeChild(status.firstChild);
    }
    status.hidden = !current.length && !coming.length;
    if (status.hidden) {
      return;
    }
    status.appendChild(document.createTextNode(
      "It is " + clock.format(new Date(now)) + " where you are (" + zone + "). "));
    if (current.length) {
      var end = Math.min.apply(null, current.map(function (s) { return s.end; }));
      sayList("Now", current, "until " + clock.format(new Date(end)));
    }
    if (coming.length) {
      sayList("Next", coming, "at " + clock.format(new Date(first)));
    }
  }

  update();
  window.setInterval(update, 30000);
})();
