// Ticking a facet value submits the search form, so the URL (and the back button) keeps the state.
// Without JavaScript each value is also a plain link, and the form has an "Apply filters" button.
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("search-form");
  if (!form) { return; }
  form.addEventListener("change", function (event) {
    if (event.target && event.target.type === "checkbox") { form.submit(); }
  });
});
