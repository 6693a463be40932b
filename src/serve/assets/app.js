// dossier serve: keyboard shortcuts only; every page works without this file.
// "/" moves the focus to the search field (unless typing in a field already).
document.addEventListener("keydown", function (event) {
  if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
  var active = document.activeElement;
  if (active && (active.tagName === "INPUT" || active.tagName === "TEXTAREA" || active.tagName === "SELECT")) return;
  var field = document.getElementById("q") || document.getElementById("tq");
  if (!field) return;
  event.preventDefault();
  field.focus();
  field.select();
});
