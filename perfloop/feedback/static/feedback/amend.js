// The amendment form starts from the text as it stands: choosing another field puts that field's
// current text in the box, unless what was typed for the field before would be lost.
document.querySelectorAll("form[data-amend-form]").forEach(function (form) {
  var texts = JSON.parse(document.getElementById("current-texts").textContent);
  var field = form.querySelector("[name=field]");
  var box = form.querySelector("[name=text]");
  var shown = box.value;
  field.addEventListener("change", function () {
    if (box.value !== shown && !window.confirm(form.dataset.discard || "")) return;
    box.value = texts[field.value] || "";
    shown = box.value;
  });
});
