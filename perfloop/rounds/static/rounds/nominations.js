// Choosing a colleague found by the search puts their employee number in the form.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-no]");
  if (!button) return;
  var box = document.getElementById("reviewer");
  box.value = button.dataset.no;
  box.focus();
});
