/* The self-check page: an author picks a track (and, where the rules list the accepted
 * papers, the paper) and drops a PDF; the check's engine runs in a Web Worker
 * (workshop-selfcheck-worker.js) under Python compiled to WebAssembly, and the verdict is
 * read out in the page's live region (workshop-selfcheck-report.js says the record).
 * Nothing is uploaded: the file is read by the browser and handed to the worker, which
 * fetches only the site's own files.
 *
 * Nothing loads until a file is picked: then the worker starts and loads the runtime
 * (progress shown, within config.loadSeconds), and the check has config.checkSeconds; past
 * either, the worker is ended and the page says so.  A file over config.maxBytes is refused
 * before it is read.  Text from the result is set as text, never as markup.
 */
(function () {
  "use strict";

  var STEPS = {
    runtime: "Loading the checker (Python for your browser, %s the first time; your browser keeps it for later visits)…",
    python: "Starting the check…",
    checking: "Checking your PDF…"
  };

  function megabytes(bytes) {
    // Millions of bytes, as the chairs' tool (--max-pdf-size) and file managers count them.
    if (bytes < 1000 * 1000) {
      return Math.ceil(bytes / 1000) + " kB";
    }
    var mb = bytes / (1000 * 1000);
    return (mb >= 10 ? Math.round(mb) : Math.round(mb * 10) / 10) + " MB";
  }

  function absolute(config) {
    // The worker resolves addresses against its own; the page's are relative to the page.
    var copy = JSON.parse(JSON.stringify(config));
    copy.runtime = new URL(config.runtime, document.baseURI).href;
    copy.python.forEach(function (archive) {
      archive.url = new URL(archive.url, document.baseURI).href;
    });
    return copy;
  }

  /* The paper picker offers the chosen track's accepted papers (rules.papers, where the
   * rules have them); it stays hidden where there are none. */
  function offerPapers(picker, papers, trackId) {
    var select = picker.querySelector("select");
    var chosen = select.value;
    var mine = papers.filter(function (paper) { return paper.track === trackId; });
    while (select.options.length > 1) { // the first says "none"
      select.remove(1);
    }
    mine.forEach(function (paper) {
      var option = new Option(paper.title + " (" + paper.id + ")", paper.id);
      option.selected = paper.id === chosen;
      select.add(option);
    });
    picker.hidden = mine.length === 0;
  }

  function setup(root) {
    var config = absolute(JSON.parse(root.getAttribute("data-selfcheck")));
    var rules = JSON.parse(config.rules);
    var papers = rules.papers || [];
    var input = root.querySelector("input[type=file]");
    var track = root.querySelector(".workshop-selfcheck-track select");
    var picker = root.querySelector(".workshop-selfcheck-paper");
    var paper = picker.querySelector("select");
    var zone = root.querySelector(".workshop-selfcheck-drop");
    var progress = root.querySelector(".workshop-selfcheck-progress");
    var status = root.querySelector(".workshop-selfcheck-status");
    var details = root.querySelector(".workshop-selfcheck-details");
    var worker = null;
    var timer = null;
    var busy = false;
    var last = null; // the file last picked or dropped: a new track checks it again
    var pending = null; // a file (or the last, for another track) to check once this check ends

    function say(text, verdict) {
      status.textContent = text;
      root.setAttribute("data-verdict", verdict || "");
    }

    function stop(text) {
      clearTimeout(timer);
      if (worker) {
        worker.terminate();
        worker = null;
      }
      finish();
      say(text, "error");
      next();
    }

    function next() {
      var file = pending;
      pending = null;
      check(file);
    }

    function finish() {
      busy = false;
      progress.hidden = true;
      root.removeAttribute("aria-busy");
    }

    function limit(seconds, text) {
      clearTimeout(timer);
      timer = setTimeout(function () { stop(text); }, seconds * 1000);
    }

    function show(record) {
      clearTimeout(timer);
      finish();
      var report = window.WorkshopSelfcheckReport;
      var trackOf = rules.tracks.filter(function (t) { return t.id === record.track; })[0];
      var paperOf = papers.filter(function (p) { return p.id === record.paper_id; })[0];
      details.textContent = "";
      details.appendChild(report.details(record, trackOf, paperOf, root.id || "workshop-selfcheck"));
      say(report.sentence(record, trackOf), record.verdict);
      next();
    }

    function listen(message) {
      var data = message.data;
      if (data.type === "progress") {
        progress.querySelector("span").textContent = STEPS[data.step].replace("%s", megabytes(config.runtimeBytes));
      } else if (data.type === "ready") {
        progress.querySelector("span").textContent = STEPS.checking;
        limit(config.checkSeconds, "The check took longer than " + config.checkSeconds +
          " seconds and was stopped: the file may be damaged. Export it again, or check it with the chairs' tool.");
      } else if (data.type === "result") {
        show(data.result);
      } else if (data.type === "failed") {
        stop(data.stage === "load"
          ? "The checker could not be loaded (" + data.detail + "). Reload the page and try again."
          : "The check failed with an internal error (not a fault of your file). Please tell the organizers.");
      }
    }

    function check(file) {
      if (busy) {
        pending = file;
        return;
      }
      if (!file) {
        return;
      }
      last = file;
      details.textContent = "";
      if (file.size > config.maxBytes) {
        say("Cannot be checked: " + file.name + " is " + megabytes(file.size) + ", more than the " +
          megabytes(config.maxBytes) + " a paper's PDF may be: export it again with its images compressed.", "error");
        return;
      }
      busy = true;
      root.setAttribute("aria-busy", "true");
      progress.hidden = false;
      say("Checking " + file.name + "…");
      file.arrayBuffer().then(function (bytes) {
        if (worker === null) {
          worker = new Worker(config.worker, {type: "module"});
          worker.onmessage = listen;
          worker.onerror = function (error) {
            stop("The checker could not be started (" + (error.message || "a script error") + ").");
          };
          limit(config.loadSeconds, "The checker did not load within " + config.loadSeconds +
            " seconds. Check your connection and reload the page.");
        }
        worker.postMessage({config: config, pdf: bytes, track: track.value, paper: paper.value || null,
          name: file.name}, [bytes]);
      }, function () {
        stop("Your browser could not read " + file.name + ".");
      });
    }

    input.addEventListener("change", function () {
      check(input.files[0]);
    });
    offerPapers(picker, papers, track.value);
    track.addEventListener("change", function () {
      offerPapers(picker, papers, track.value);
      check(last);
    });
    paper.addEventListener("change", function () {
      check(last);
    });
    zone.addEventListener("dragover", function (event) {
      event.preventDefault();
      zone.classList.add("workshop-selfcheck-over");
    });
    zone.addEventListener("dragleave", function () {
      zone.classList.remove("workshop-selfcheck-over");
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      zone.classList.remove("workshop-selfcheck-over");
      check(event.dataTransfer.files[0]);
    });
  }

  // A file dropped beside the zone would replace the page with the PDF: keep the page.
  ["dragover", "drop"].forEach(function (type) {
    window.addEventListener(type, function (event) {
      if (event.dataTransfer && Array.prototype.indexOf.call(event.dataTransfer.types, "Files") >= 0) {
        event.preventDefault();
      }
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll(".workshop-selfcheck[data-selfcheck]"), setup);
}());
