(function () {
  "use strict";
  var options = {
    throwOnError: false, strict: "ignore", trust: false, maxExpand: 1000, maxSize: 40,
    output: "htmlAndMathml"
  };
  var nodes = document.querySelectorAll(".math");
  for (var i = 0; i < nodes.length; i++) {
    var el = nodes[i];
    var tex = el.textContent;
    try {
      katex.render(tex, el, Object.assign({displayMode: el.classList.contains("display")}, options));
      el.classList.add("typeset");
    } catch (error) {
      el.classList.add("tex-fallback");
    }
  }
  document.documentElement.classList.add("math-ready");
})();
