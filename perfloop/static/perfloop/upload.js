// Upload forms with a progress bar: the bytes sent, then "checking rows" while the server reads them.
// Without JavaScript the form posts as usual.
document.querySelectorAll("form[data-upload]").forEach(function (form) {
  form.addEventListener("submit", function (event) {
    var input = form.querySelector("input[type=file]");
    if (!input || !input.files.length || typeof XMLHttpRequest === "undefined") return;
    event.preventDefault();
    var box = form.querySelector(".upload-progress");
    var bar = box.querySelector(".progress-bar");
    var label = box.querySelector(".upload-label");
    box.hidden = false;
    form.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
    var request = new XMLHttpRequest();
    request.open("POST", form.action);
    request.upload.addEventListener("progress", function (e) {
      if (!e.lengthComputable) return;
      var percent = Math.round((100 * e.loaded) / e.total);
      bar.style.width = percent + "%";
      bar.setAttribute("aria-valuenow", percent);
      label.textContent = form.dataset.uploading + " " + percent + "%";
    });
    request.upload.addEventListener("load", function () {
      bar.classList.add("progress-bar-striped", "progress-bar-animated");
      label.textContent = form.dataset.checking;
    });
    request.addEventListener("load", function () { window.location.assign(request.responseURL); });
    request.addEventListener("error", function () { form.submit(); });
    request.send(new FormData(form));
  });
});

// The fill-in link follows the chosen target (a cycle): the file is pre-filled for it.
document.querySelectorAll("select[data-fill-in]").forEach(function (select) {
  select.addEventListener("change", function () {
    var link = document.getElementById(select.dataset.fillIn);
    if (link) link.search = "?target=" + encodeURIComponent(select.value);
  });
});
