/* My schedule: the stars on the program and the paper pages, and the page that lists them.
 *
 * Each star is a toggle button (aria-pressed) the page writes hidden, with its slot's key
 * (data-slot): this script shows it and keeps the starred keys in localStorage, per site
 * (the key names the site's root path, so two editions on one host keep their own).
 * Nothing leaves the browser.  On the "My schedule" page it reads calendar/starred.json
 * (written by the build: each talk's title, time, room, row and calendar event) and lists
 * the starred talks in time order, says which were cancelled or are no longer in the
 * program, and offers one link that downloads exactly those events as an .ics file (the
 * events as the site's calendars have them: same UIDs, folded lines ending in CRLF).
 * Text from the data is set as text, never as markup.
 */
(function () {
  "use strict";
  var root = document.documentElement.getAttribute("data-content_root") || "./";
  var rootUrl = new URL(root, window.location.href);
  var storageKey = "workshop-stars:" + rootUrl.pathname;
  var storage = null;
  try {
    window.localStorage.setItem(storageKey + ":probe", "1");
    window.localStorage.removeItem(storageKey + ":probe");
    storage = window.localStorage;
  } catch (error) {
    return; // no storage (private mode, blocked): the stars stay hidden, the program is whole
  }

  function starred() {
    try {
      var value = JSON.parse(storage.getItem(storageKey) || "[]");
      return Array.isArray(value) ? value.filter(function (k) { return typeof k === "string"; }) : [];
    } catch (error) {
      return [];
    }
  }

  function setStarred(keys) {
    try {
      storage.setItem(storageKey, JSON.stringify(keys));
    } catch (error) {
      /* full storage: the star is not kept */
    }
    refresh();
  }

  function toggle(key) {
    var keys = starred();
    var at = keys.indexOf(key);
    if (at >= 0) {
      keys.splice(at, 1);
    } else {
      keys.push(key);
    }
    setStarred(keys);
  }

  var buttons = Array.prototype.slice.call(document.querySelectorAll("button.workshop-star[data-slot]"));
  buttons.forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { toggle(button.getAttribute("data-slot")); });
  });

  function showButton(button, keys) {
    var on = keys.indexOf(button.getAttribute("data-slot")) >= 0;
    button.setAttribute("aria-pressed", on ? "true" : "false");
    var icon = button.querySelector(".workshop-star-icon");
    if (icon) {
      icon.textContent = on ? "\u2605" : "\u2606";
    }
  }

  var view = document.querySelector(".workshop-my-schedule[data-source]");
  var program = null; // calendar/starred.json, once read

  function refresh() {
    var keys = starred();
    buttons.forEach(function (button) { showButton(button, keys); });
    if (view && program) {
      render(keys);
    }
  }

  window.addEventListener("storage", function (event) {
    if (event.key === storageKey) {
      refresh();
    }
  });

  // --- the view ----------------------------------------------------------------------------

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function when(slot) {
    var options = {weekday: "short", month: "long", day: "numeric", hour: "numeric", minute: "2-digit"};
    var end = {hour: "numeric", minute: "2-digit", timeZoneName: "short"};
    try {
      options.timeZone = end.timeZone = program.zone;
      return new Intl.DateTimeFormat(undefined, options).format(new Date(slot.start)) + "\u2013" +
        new Intl.DateTimeFormat(undefined, end).format(new Date(slot.end));
    } catch (error) {
      return slot.start.slice(0, 16).replace("T", " ");
    }
  }

  function unstarButton(key, name) {
    var button = element("button", "workshop-star workshop-unstar");
    button.type = "button";
    button.setAttribute("data-slot", key);
    button.setAttribute("aria-pressed", "true");
    var icon = element("span", "workshop-star-icon", "\u2605");
    icon.setAttribute("aria-hidden", "true");
    button.appendChild(icon);
    button.appendChild(document.createTextNode(" Star"));
    button.setAttribute("aria-label", "Star: " + name);
    button.addEventListener("click", function () { toggle(key); });
    return button;
  }

  function entry(key, slot) {
    var item = element("li", "workshop-my-talk" + (slot.status === "cancelled" ? " workshop-my-cancelled" : ""));
    var time = element("p", "workshop-my-when", when(slot) + (slot.room ? " \u00b7 " + slot.room : ""));
    item.appendChild(time);
    var title = element("p", "workshop-my-title");
    if (slot.status === "cancelled") {
      title.appendChild(element("strong", "workshop-badge workshop-badge-cancelled", "Cancelled"));
      title.appendChild(document.createTextNode(" " + slot.title + ": cancelled since the program was published."));
    } else {
      title.appendChild(element("span", "workshop-kind", slot.kind));
      var link = element("a", null, slot.title);
      link.href = new URL(slot.page, rootUrl).href;
      title.appendChild(link);
    }
    item.appendChild(title);
    item.appendChild(unstarButton(key, slot.title));
    return item;
  }

  function gone(key) {
    var item = element("li", "workshop-my-talk workshop-my-gone");
    item.appendChild(element("p", "workshop-my-title",
      "A talk you starred is no longer in the program (its id was \u201c" + key + "\u201d)."));
    var remove = element("button", "workshop-my-remove", "Remove it from my schedule");
    remove.type = "button";
    remove.addEventListener("click", function () { toggle(key); });
    item.appendChild(remove);
    return item;
  }

  function download(keys) {
    var events = keys.filter(function (k) { return program.slots[k]; })
      .map(function (k) { return program.slots[k].event; });
    var text = program.head + events.join("") + program.tail;
    var link = element("a", "workshop-my-download",
      "Download my schedule (" + events.length + (events.length === 1 ? " talk" : " talks") + ", iCalendar)");
    link.href = "data:text/calendar;charset=utf-8," + encodeURIComponent(text);
    link.setAttribute("download", program.file);
    return link;
  }

  function render(keys) {
    var order = Object.keys(program.slots);
    var known = order.filter(function (k) { return keys.indexOf(k) >= 0; });
    var unknown = keys.filter(function (k) { return !program.slots[k]; });
    while (view.firstChild) {
      view.removeChild(view.firstChild);
    }
    var status = element("p", "workshop-my-status");
    status.setAttribute("role", "status");
    view.appendChild(status);
    if (!known.length && !unknown.length) {
      status.textContent = "You have starred no talk yet: press \u2606 Star beside a talk in the program.";
      return;
    }
    status.textContent = "You have starred " + known.length + (known.length === 1 ? " talk" : " talks") +
      " (kept in this browser only).";
    var list = element("ul", "workshop-my-list");
    known.forEach(function (k) { list.appendChild(entry(k, program.slots[k])); });
    unknown.forEach(function (k) { list.appendChild(gone(k)); });
    view.appendChild(list);
    if (known.length) {
      var para = element("p", "workshop-my-actions");
      para.appendChild(download(known));
      view.appendChild(para);
    }
  }

  refresh();
  if (view) {
    fetch(view.getAttribute("data-source"))
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (found) {
        program = found;
        refresh();
      })
      .catch(function (error) {
        var note = element("p", "workshop-my-status", "Your starred talks could not be listed: the program's " +
          "data did not load (" + error.message + "). Reload the page to try again.");
        note.setAttribute("role", "status");
        view.appendChild(note);
      });
  }
})();
