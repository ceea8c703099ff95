// Enhancement only: move focus to the error summary (or the rejection message) after a failed post.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.getElementById("error-summary") || document.getElementById("form-problem");
  if (summary) {
    summary.focus();
  }
});
