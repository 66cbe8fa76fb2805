// The guided meeting saves as it is typed: each box is sent a second after the last keystroke
// (and when it loses focus), so nothing is lost if the browser closes. Without JavaScript the
// Save button posts the whole form.
document.querySelectorAll("form[data-autosave]").forEach(function (form) {
  var status = form.querySelector("[data-autosave-status]");
  var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var timers = {};

  function save(box) {
    clearTimeout(timers[box.name]);
    timers[box.name] = null;
    var body = new FormData();
    body.append(box.name, box.value);
    fetch(form.action || window.location.href, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      keepalive: true, // finishes even when the manager leaves the page right after typing
      headers: { "X-CSRFToken": token, "X-Autosave": "1" },
    })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (data) {
        status.textContent = status.dataset.savedLabel + " " + data.at;
        form.dataset.saved = (parseInt(form.dataset.saved || "0", 10) + 1).toString();
      })
      .catch(function () {
        status.textContent = status.dataset.failedLabel;
      });
  }

  form.querySelectorAll("textarea").forEach(function (box) {
    box.addEventListener("input", function () {
      clearTimeout(timers[box.name]);
      timers[box.name] = setTimeout(function () { save(box); }, 1000);
    });
    box.addEventListener("blur", function () {
      if (timers[box.name]) save(box);
    });
  });
});
