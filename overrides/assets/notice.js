// Progressive enhancement: the language menu keeps the reader's place. Every language shares
// the same section ids, so the section in view (or the one in the address) carries over.
// Only the menu's links (data-notice-language) are rewritten: a link in the text that already
// names a section ("Open it in the original") keeps its own.
(function () {
  "use strict";
  // A heading counts as reached once it is at or above where an anchor jump puts it: its
  // scroll-margin-top (the header's height plus a gap), not a fixed number of pixels.
  var SLACK = 8;
  function reached(heading) {
    var margin = parseFloat(getComputedStyle(heading).scrollMarginTop) || 0;
    return heading.getBoundingClientRect().top <= Math.max(margin, 80) + SLACK;
  }
  function currentSection() {
    var headings = document.querySelectorAll("article h2[id], article h3[id]");
    var found = "";
    for (var i = 0; i < headings.length; i++) {
      if (reached(headings[i])) found = headings[i].id;
      else break;
    }
    return found;
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-notice-language]");
    if (!link) return;
    var id = currentSection() || location.hash.slice(1);
    if (id) link.hash = id;
  }, true);
})();
