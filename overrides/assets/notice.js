// Progressive enhancement: the language menu keeps the reader's place. Every language shares
// the same section ids, so the section in view (or the one in the address) carries over.
// Only the menu's links (data-notice-language) are rewritten: a link in the text that already
// names a section ("Open it in the original") keeps its own.
(function () {
  "use strict";
  // A heading counts as reached once it is at or above where an anchor jump puts it: the page's
  // scroll-padding-top plus the heading's scroll-margin-top (about 132 px with the header), not a
  // fixed number of pixels; 80 px for a heading scrolled to by hand.
  var SLACK = 8;
  function reached(heading) {
    var padding = parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) || 0;
    var margin = parseFloat(getComputedStyle(heading).scrollMarginTop) || 0;
    return heading.getBoundingClientRect().top <= Math.max(padding + margin, 80) + SLACK;
  }
  // Right after an anchor jump the section is the one jumped to, while its heading is still near
  // the top (opening the menu may scroll the page a little); otherwise the last heading reached.
  function jumpedTo() {
    var id = decodeURIComponent(location.hash.slice(1));
    var heading = id && document.getElementById(id);
    if (!heading || !/^H[23]$/.test(heading.tagName) || !heading.closest("article")) return "";
    var top = heading.getBoundingClientRect().top;
    return top >= 0 && top <= window.innerHeight / 3 ? id : "";
  }
  function currentSection() {
    var jumped = jumpedTo();
    if (jumped) return jumped;
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

// A notice that moved from the language's root into its own folder: a reader arriving at the home
// page with one of its section ids in the address (an old link to /#datalagring) is sent on to
// that section of the notice. Without JavaScript the home page lists the notice's link.
(function () {
  "use strict";
  var id = decodeURIComponent(location.hash.slice(1));
  if (!id || document.getElementById(id)) return;
  var moved = document.querySelectorAll("[data-notice-forward]");
  for (var i = 0; i < moved.length; i++) {
    var sections = (moved[i].getAttribute("data-notice-sections") || "").split(" ");
    if (sections.indexOf(id) >= 0) {
      location.replace(moved[i].getAttribute("data-notice-forward") + "#" + encodeURIComponent(id));
      return;
    }
  }
})();
