/* Optional: the program in the reader's own time zone.
 *
 * The program table is complete without this script: every time is printed in the
 * venue's zone, with the zone named.  When the reader's clock is in another zone, this
 * adds one toggle button (aria-pressed) under the zone note; pressing it rewrites each
 * <time datetime="..."> of the table into the reader's zone, and a polite live region
 * says which zone is shown.  Pressing it again restores the printed times.
 */
(function () {
  "use strict";
  var times = Array.prototype.slice.call(
    document.querySelectorAll("table.workshop-schedule time[datetime]"));
  var note = document.querySelector(".workshop-zone-note");
  if (!times.length || !note || !window.Intl || !Intl.DateTimeFormat) {
    return;
  }

  // The offset the page printed, from the datetime attribute ("...-04:00").
  function venueOffset(iso) {
    var m = /([+-])(\d{2}):(\d{2})$/.exec(iso);
    return m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  }
  var differs = times.some(function (t) {
    var iso = t.getAttribute("datetime");
    return -new Date(iso).getTimezoneOffset() !== venueOffset(iso);
  });
  if (!differs) {
    return; // the reader already sees local times
  }

  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "your time zone";
  var startFormat = new Intl.DateTimeFormat(undefined, {weekday: "short", hour: "numeric", minute: "2-digit"});
  var endFormat = new Intl.DateTimeFormat(undefined, {hour: "numeric", minute: "2-digit", timeZoneName: "short"});

  times.forEach(function (t) {
    t.setAttribute("data-venue", t.textContent);
    // The first <time> of a cell is the start, the second the end (which names the zone).
    var isEnd = t.previousElementSibling && t.previousElementSibling.tagName === "TIME";
    var format = isEnd ? endFormat : startFormat;
    t.setAttribute("data-local", format.format(new Date(t.getAttribute("datetime"))));
  });

  var box = document.createElement("p");
  box.className = "workshop-localtime";
  var button = document.createElement("button");
  button.type = "button";
  button.className = "workshop-localtime-toggle";
  button.setAttribute("aria-pressed", "false");
  button.textContent = "Show times in my time zone (" + zone + ")";
  var status = document.createElement("span");
  status.className = "workshop-localtime-status";
  status.setAttribute("role", "status");
  box.appendChild(button);
  box.appendChild(document.createTextNode(" "));
  box.appendChild(status);
  note.parentNode.insertBefore(box, note.nextSibling);

  button.addEventListener("click", function () {
    var local = button.getAttribute("aria-pressed") !== "true";
    button.setAttribute("aria-pressed", local ? "true" : "false");
    times.forEach(function (t) {
      t.textContent = t.getAttribute(local ? "data-local" : "data-venue");
    });
    status.textContent = local
      ? "Times are shown in your time zone, " + zone + "."
      : "Times are shown in the venue's time zone.";
  });
})();
