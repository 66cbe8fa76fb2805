// Draw every chart whose options the server put in a JSON script tag: <div data-chart="id-of-json">.
document.querySelectorAll("[data-chart]").forEach(function (element) {
  var source = document.getElementById(element.dataset.chart);
  if (!source || typeof echarts === "undefined") return;
  var chart = echarts.init(element, null, { renderer: "svg" });
  chart.setOption(JSON.parse(source.textContent));
  window.addEventListener("resize", function () { chart.resize(); });
  element.dataset.rendered = "true";
});
