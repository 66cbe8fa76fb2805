// A goal form shows which SMART letters the goal meets as it is typed, and "Fill in the fields"
// sends the sentence to the parser and fills the fields for the writer to check before saving.
// The letters follow the server's rule (plans/smart.py `letters`): S metric, M target, A means,
// R improvement item, T deadline. Without JavaScript the form still saves; the page shows the letters.
document.querySelectorAll("form[data-goal-form]").forEach(function (form) {
  var field = function (name) { return form.querySelector("[name=" + name + "]"); };
  var rule = { S: "metric", M: "target", A: "means", R: "source", T: "deadline" };
  var missing = form.querySelector("[data-missing]");

  function letters() {
    var lacking = [];
    Object.keys(rule).forEach(function (letter) {
      var met = field(rule[letter]) && field(rule[letter]).value.trim() !== "";
      var badge = form.querySelector("[data-letter=" + letter + "]");
      if (badge) {
        badge.classList.toggle("text-bg-success", met);
        badge.classList.toggle("text-bg-light", !met);
        badge.classList.toggle("border", !met);
      }
      if (!met) lacking.push(letter);
    });
    if (missing) {
      missing.textContent = lacking.length ? missing.dataset.label + " " + lacking.join(", ") : missing.dataset.none;
    }
    form.dataset.missing = lacking.join("");
  }

  // A deadline outside the plan is said at once (the dates are ISO strings: they compare as text).
  var note = form.querySelector("[data-deadline-note]");
  function deadline() {
    if (!note || !field("deadline")) return;
    var day = field("deadline").value;
    var text = day && day > form.dataset.end ? note.dataset.after : day && day < form.dataset.start ? note.dataset.before : "";
    note.textContent = text;
    note.hidden = !text;
  }

  form.addEventListener("input", function () { letters(); deadline(); });
  form.addEventListener("change", function () { letters(); deadline(); });
  letters();
  deadline();

  var button = form.querySelector("[data-parse]");
  if (!button) return;
  var ask = form.querySelector("[data-ask]");
  button.addEventListener("click", function () {
    var sentence = field("sentence").value.trim();
    if (!sentence) return;
    var body = new FormData();
    body.append("text", sentence);
    if (form.dataset.start) body.append("start", form.dataset.start);  // "2个月内" counts from the plan's start
    fetch(button.dataset.parse, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": form.querySelector("input[name=csrfmiddlewaretoken]").value },
    })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (found) {
        if (!field("description").value.trim()) field("description").value = sentence;
        ["metric", "unit", "means", "deadline"].forEach(function (name) {
          if (found[name] !== null) field(name).value = found[name];
        });
        ["baseline", "target"].forEach(function (name) {
          if (found[name] !== null) field(name).value = String(found[name]);
        });
        if (found.direction) field("direction").value = found.direction;
        if (ask) {
          ask.textContent = found.ask.map(function (what) { return ask.dataset[what] || ""; }).join(" ");
        }
        form.dataset.parsed = "1";
        letters();
        deadline();
      })
      .catch(function () { form.dataset.parsed = "failed"; });
  });
});
