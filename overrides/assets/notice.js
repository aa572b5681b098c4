// Progressive enhancement: the language links keep the reader's place. Every language shares
// the same section ids, so the section in view (or the one in the address) carries over.
(function () {
  "use strict";
  function currentSection() {
    var headings = document.querySelectorAll("article h2[id], article h3[id]");
    var found = "";
    for (var i = 0; i < headings.length; i++) {
      if (headings[i].getBoundingClientRect().top <= 80) found = headings[i].id;
    }
    return found;
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[hreflang]");
    if (!link) return;
    var id = currentSection() || location.hash.slice(1);
    if (id) link.hash = id;
  }, true);
})();
