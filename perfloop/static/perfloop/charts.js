// Draw every chart whose options the server put in a JSON script tag: <div data-chart="id-of-json">.
// The figures are in the page already; the chart library (600 KB) is fetched once the page has
// loaded, so that it never holds up the first view of the page.
(function () {
  var library = document.currentScript.dataset.echarts;

  function draw() {
    document.querySelectorAll("[data-chart]").forEach(function (element) {
      var source = document.getElementById(element.dataset.chart);
      if (!source) return;
      var chart = echarts.init(element, null, { renderer: "svg" });
      chart.setOption(JSON.parse(source.textContent));
      window.addEventListener("resize", function () { chart.resize(); });
      element.dataset.rendered = "true";
    });
    performance.mark("charts-drawn");
  }

  function load() {
    var script = document.createElement("script");
    script.src = library;
    script.onload = draw;
    document.head.appendChild(script);
  }

  if (!document.querySelector("[data-chart]")) return;
  if (document.readyState === "complete") load();
  else window.addEventListener("load", load);
})();
