// A review form keeps what is typed: the whole form is sent a second after the last change (and
// when a box loses focus), so nothing is lost if the phone locks. Without JavaScript the Save
// button posts it.
document.querySelectorAll("form[data-autosave]").forEach(function (form) {
  var status = form.querySelector("[data-autosave-status]");
  var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var timer = null;

  function save() {
    clearTimeout(timer);
    timer = null;
    fetch(form.action || window.location.href, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      keepalive: true,
      headers: { "X-CSRFToken": token, "X-Autosave": "1" },
    })
      .then(function (response) {
        return response.json().then(function (data) { return { ok: response.ok, data: data }; });
      })
      .then(function (answer) {
        if (!answer.ok) throw new Error("refused");
        status.textContent = status.dataset.savedLabel + " " + answer.data.at;
        form.dataset.saved = (parseInt(form.dataset.saved || "0", 10) + 1).toString();
      })
      .catch(function () {
        status.textContent = status.dataset.failedLabel;
      });
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(save, 1000);
  }

  form.addEventListener("input", later);
  form.addEventListener("change", later);
  form.querySelectorAll("textarea, input[type=text], input[type=date]").forEach(function (box) {
    box.addEventListener("blur", function () { if (timer) save(); });
  });
});
