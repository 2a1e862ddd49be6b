// Mark the $...$ formulas of executed notebook outputs (rich HTML displays of results) as
// .math elements, which render-math.js then typesets with the shipped KaTeX, as Jupyter does.
(function () {
  "use strict";
  var formula = /\$([^$\n]+)\$/g;
  var outputs = document.querySelectorAll(".cell_output");
  for (var i = 0; i < outputs.length; i++) {
    var walker = document.createTreeWalker(outputs[i], NodeFilter.SHOW_TEXT);
    var texts = [];
    while (walker.nextNode()) {
      var parent = walker.currentNode.parentNode;
      if (formula.test(walker.currentNode.nodeValue) && !parent.closest("pre, code, .math")) {
        texts.push(walker.currentNode);
      }
      formula.lastIndex = 0;
    }
    texts.forEach(function (node) {
      var parts = node.nodeValue.split(formula);  // text, tex, text, tex, ..., text
      var frag = document.createDocumentFragment();
      parts.forEach(function (part, k) {
        if (k % 2) {
          var span = document.createElement("span");
          span.className = "math";
          span.textContent = part;
          frag.appendChild(span);
        } else if (part) {
          frag.appendChild(document.createTextNode(part));
        }
      });
      node.parentNode.replaceChild(frag, node);
    });
  }
})();
