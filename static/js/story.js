// Starts TimelineJS on the story page. Kept in a file (no inline script) so the
// Content-Security-Policy can forbid inline code. Fonts come from our own CSS.
// The page keeps the site's CSP, with no 'unsafe-inline' and no exception: our copy of timeline.js sets no inline
// event handlers, and its inert polyfill finds its rules in story.css (linked as id="inert-style") instead of
// injecting a <style>. static/vendor/timelinejs/VERSION lists these changes, to redo on an upgrade.
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
