/* Optional, on a paper's page: a button that copies the BibTeX whole, and the talk's video
 * played in the page once the reader asks (a button the page writes hidden: until it is
 * pressed, nothing is requested from the video's host).
 */
(function () {
  "use strict";
  var block = document.querySelector(".workshop-bibtex pre");
  if (block) {
    var bar = document.createElement("p");
    bar.className = "workshop-copy";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "workshop-copy-button";
    button.textContent = "Copy the BibTeX";
    var status = document.createElement("span");
    status.className = "workshop-copy-status";
    status.setAttribute("role", "status");
    bar.appendChild(button);
    bar.appendChild(document.createTextNode(" "));
    bar.appendChild(status);
    var box = block.closest(".workshop-bibtex");
    box.parentNode.insertBefore(bar, box.nextSibling);
    var failed = function () { status.textContent = "Could not copy: select the text and copy it."; };
    button.addEventListener("click", function () {
      status.textContent = "";
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(block.textContent).then(
          function () { status.textContent = "Copied the BibTeX."; }, failed);
        return;
      }
      // An address that is not a secure context (plain http): the selection, copied.
      var range = document.createRange();
      range.selectNodeContents(block);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      try {
        if (document.execCommand("copy")) {
          status.textContent = "Copied the BibTeX.";
        } else {
          failed();
        }
      } catch (error) {
        failed();
      }
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll(".workshop-video[data-embed]"), function (box) {
    var play = box.querySelector(".workshop-video-play");
    if (!play) {
      return;
    }
    play.hidden = false;
    play.addEventListener("click", function () {
      var frame = document.createElement("iframe");
      frame.src = box.getAttribute("data-embed");
      frame.title = box.getAttribute("data-title") || "Video";
      frame.setAttribute("allow", "fullscreen; picture-in-picture");
      frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
      frame.loading = "lazy";
      box.replaceChild(frame, play);
      frame.focus();
    });
  });
})();
