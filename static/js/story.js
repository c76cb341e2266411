// Starts TimelineJS on the story page. Kept in a file (no inline script) so the
// Content-Security-Policy can forbid inline code. Fonts come from our own CSS.
(function () {
  "use strict";
  var element = document.getElementById("story");
  if (!element || !window.TL) {
    return;
  }
  // TimelineJS finds its locale files next to the script tagged "timeline-script-tag".
  window.storyTimeline = new window.TL.Timeline(element, element.dataset.source, {
    font: false,
    language: "en",
    hash_bookmark: false,
    initial_zoom: 2
  });
})();
