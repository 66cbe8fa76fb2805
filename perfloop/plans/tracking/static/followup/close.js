// The close form: the suggested result follows the final readings as they are typed (the same
// rule as the server's: every goal reached → met, some → partly met, none → not met), the result
// follows the suggestion until the manager chooses another, and the reason is asked for only then.
document.querySelectorAll("form[data-close-form]").forEach(function (form) {
  var result = form.querySelector("[name=result]");
  var reason = form.querySelector("[name=reason]");
  var shown = form.querySelector("[data-suggested-label]");
  var labels = JSON.parse(document.getElementById("result-labels").textContent);
  var chosenByHand = false;

  function reached(row) {
    var typed = row.querySelector("input").value.trim();
    var value = typed === "" ? row.dataset.latest : typed;
    if (value === "" || row.dataset.target === "" || isNaN(Number(value))) return false;
    var figure = Number(value), target = Number(row.dataset.target);
    return row.dataset.direction === "down" ? figure <= target : figure >= target;
  }

  function suggestion() {
    var rows = Array.prototype.slice.call(form.querySelectorAll("tr[data-goal]"));
    var hits = rows.map(reached);
    if (hits.length && hits.every(Boolean)) return "met";
    return hits.some(Boolean) ? "partly_met" : "not_met";
  }

  function update() {
    var suggested = suggestion();
    form.dataset.suggested = suggested;
    shown.textContent = labels[suggested];
    if (!chosenByHand) result.value = suggested;
    var differs = result.value !== suggested;
    reason.required = differs;
    form.querySelector("[data-reason]").hidden = !differs;
  }

  form.querySelectorAll("tr[data-goal] input").forEach(function (input) {
    input.addEventListener("input", update);
  });
  result.addEventListener("change", function () { chosenByHand = true; update(); });
  update();
});
