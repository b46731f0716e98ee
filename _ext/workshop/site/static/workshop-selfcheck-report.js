/* The self-check's report: what the page shows of the engine's record (the same record as
 * `proceedings check --json` gives for the file; workshop.engine.page): one sentence for the
 * live region, then the facts, the reasons for the verdict, what else was found, and a
 * drawing of each page with a margin finding (the record's pictures: its size, the text
 * area, its text and drawings as boxes, and what lies past the area) or marked by another
 * finding (a finding's marks: the page's size, text area and boxes), drawn here as SVG.
 *
 * Loaded before workshop-selfcheck.js, which calls window.WorkshopSelfcheckReport.  Every
 * text from the record (a PDF's words among them) is set as text, never as markup.
 */
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var HEADLINES = {
    pass: "Passes",
    fail: "Does not pass",
    review: "A chair must look at it",
    error: "Cannot be checked"
  };

  function capital(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  function plural(count, word) {
    return count + " " + word + (count === 1 ? "" : "s");
  }

  /* The live region's sentence: the verdict, and why in a few words. */
  function sentence(record, track) {
    var reasons = record.reasons || [];
    if (record.verdict === "error") {
      return HEADLINES.error + ": " + reasons.join(" ");
    }
    var said = record.admitted_by_decision ? "Admitted by the chair's decision" : HEADLINES[record.verdict];
    if (reasons.length > 1) { // the first is the count's summary; the rest say why
      said += ". " + reasons.slice(1).map(capital).join(". ");
    } else if (typeof record.pages_counted === "number") {
      said += ": " + record.pages_counted + " of " + plural(record.pages_total, "page") +
        " count, within the " + record.min_pages + "-" + record.max_pages + " pages of " +
        (track ? track.name : record.track);
    }
    var others = (record.warnings || []).length;
    return said + "." + (others ? " " + plural(others, "other finding") + " below." : "");
  }

  function element(name, text, className) {
    var made = document.createElement(name);
    if (text !== undefined) {
      made.textContent = text;
    }
    if (className) {
      made.className = className;
    }
    return made;
  }

  function list(title, items) {
    var part = document.createDocumentFragment();
    if (!items.length) {
      return part;
    }
    part.appendChild(element("p", title, "workshop-selfcheck-heading"));
    var ul = element("ul");
    items.forEach(function (text) { ul.appendChild(element("li", text)); });
    part.appendChild(ul);
    return part;
  }

  function facts(record, track, paper) {
    var said = [];
    if (paper) {
      said.push("Paper: " + paper.title + " (" + paper.id + ")");
    } else if (record.paper_id) {
      said.push("Paper: " + record.paper_id);
    }
    if (track) {
      said.push("Track: " + track.name + " (" + track.min_pages + "-" + track.max_pages + " pages)");
    }
    if (typeof record.pages_total === "number") {
      said.push("Pages in the file: " + record.pages_total +
        (typeof record.pages_counted === "number" ? ", counted: " + record.pages_counted : ""));
    }
    if (record.decision_text) {
      said.push("Chair's decision: " + record.decision_text);
    }
    if (record.page_one && record.page_one.title) { // what the metadata check read on page 1
      said.push("Page 1 reads: " + record.page_one.title +
        (record.page_one.authors && record.page_one.authors.length ? ", by " + record.page_one.authors.join(", ") : ""));
    }
    return list("Your paper", said);
  }

  function shape(name, attributes) {
    var made = document.createElementNS(SVG, name);
    Object.keys(attributes).forEach(function (key) { made.setAttribute(key, attributes[key]); });
    return made;
  }

  function rect(box, className) {
    // Boxes are [x0, y0, x1, y1] in points from the page's lower left corner.
    var x = Math.min(box[0], box[2]);
    var y = Math.min(box[1], box[3]);
    return shape("rect", {
      x: x, y: y, "class": className,
      width: Math.max(Math.abs(box[2] - box[0]), 0.5),
      height: Math.max(Math.abs(box[3] - box[1]), 0.5)
    });
  }

  /* A page as a figure: the sheet, the text area (dashed), then each layer of boxes
   * ([boxes, class]) in order, the caption naming it for a screen reader too. */
  function drawing(size, area, layers, text, ident) {
    var figure = element("figure", undefined, "workshop-selfcheck-picture");
    var caption = element("figcaption", text);
    caption.id = ident;
    var svg = shape("svg", {viewBox: "0 0 " + size[0] + " " + size[1], role: "img", "aria-labelledby": ident});
    var page = shape("g", {transform: "matrix(1 0 0 -1 0 " + size[1] + ")"}); // y up, as in PDF
    page.appendChild(shape("rect", {x: 0, y: 0, width: size[0], height: size[1], "class": "workshop-selfcheck-sheet"}));
    layers.forEach(function (layer) {
      if (layer[1] === "workshop-selfcheck-past") { // the text area under what passes it
        page.appendChild(rect(area, "workshop-selfcheck-area"));
      }
      layer[0].forEach(function (box) { page.appendChild(rect(box, layer[1])); });
    });
    svg.appendChild(page);
    figure.appendChild(svg);
    figure.appendChild(caption);
    return figure;
  }

  /* A page with a margin finding (the record's pictures): its text and drawings, and what
   * lies past the text area. */
  function picture(drawn, ident) {
    var past = drawn.past.map(function (thing) {
      return thing.kind + (thing.text ? " \u201c" + thing.text + "\u201d" : "") + ", " +
        thing.distance + " pt into the " + thing.side + " margin";
    });
    var text = "Page " + drawn.page + ": the text area (dashed), the page's text and drawings " +
      "(grey), and what lies past the area (red): " + past.join("; ") +
      (drawn.complete ? "." : " (the page holds more than is drawn).");
    return drawing(drawn.size, drawn.area, [
      [drawn.marks, "workshop-selfcheck-mark"],
      [drawn.text, "workshop-selfcheck-text"],
      [drawn.past.map(function (thing) { return thing.box; }), "workshop-selfcheck-past"]
    ], text, ident);
  }

  /* The pages a finding marks (its "marks": each page's size, text area and boxes), but
   * a margin finding's, which the record's pictures draw with the page's text. */
  function marked(record, ident) {
    var figures = [];
    (record.findings || []).forEach(function (finding) {
      if (finding.code === "margin" && (record.pictures || []).length) {
        return;
      }
      (Array.isArray(finding.marks) ? finding.marks : []).forEach(function (mark) {
        var text = "Page " + mark.page + ": the text area (dashed) and what the finding marks (red): " +
          finding.message;
        figures.push(drawing(mark.size, mark.area, [[mark.boxes, "workshop-selfcheck-past"]], text,
          ident + "-marks-" + figures.length));
      });
    });
    return figures;
  }

  /* Everything below the sentence, for the record of ``track`` (and ``paper``, if chosen). */
  function details(record, track, paper, ident) {
    var part = document.createDocumentFragment();
    part.appendChild(facts(record, track, paper));
    if (record.verdict !== "error") {
      part.appendChild(list("Why this verdict", record.reasons || []));
    }
    part.appendChild(list("Also found (these do not change the verdict)", record.warnings || []));
    (record.pictures || []).forEach(function (drawn, index) {
      part.appendChild(picture(drawn, ident + "-picture-" + index));
    });
    marked(record, ident).forEach(function (figure) { part.appendChild(figure); });
    return part;
  }

  window.WorkshopSelfcheckReport = {sentence: sentence, details: details};
}());
