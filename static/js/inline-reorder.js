// Drag to reorder the rows of an ordered inline (any tabular inline with a Position column).
// Progressive: without this file the positions are typed by hand, as before; with it, each row
// gets a handle to drag (or to move with the arrow keys), and the positions are renumbered in
// the order the rows now stand. Nothing is saved until the form is.
(function () {
  "use strict";

  function rows(tbody) {
    return Array.prototype.filter.call(tbody.querySelectorAll("tr.form-row"), function (row) {
      return !row.classList.contains("empty-form") && row.querySelector("td.field-position input");
    });
  }

  function renumber(tbody) {
    rows(tbody).forEach(function (row, index) {
      row.querySelector("td.field-position input").value = index + 1;
    });
  }

  function addHandle(row, tbody) {
    if (row.querySelector(".reorder-handle")) return;
    var cell = row.querySelector("td.field-position");
    var handle = document.createElement("button");
    handle.type = "button";
    handle.className = "reorder-handle";
    handle.textContent = "⇅";
    handle.title = "Drag to reorder, or use the up and down arrow keys";
    handle.setAttribute("aria-label", "Move this row (arrow keys)");
    cell.insertBefore(handle, cell.firstChild);
    row.draggable = true;
    row.addEventListener("dragstart", function (event) {
      tbody.dragging = row;
      row.classList.add("reorder-dragging");
      event.dataTransfer.effectAllowed = "move";
    });
    row.addEventListener("dragend", function () {
      row.classList.remove("reorder-dragging");
      tbody.dragging = null;
      renumber(tbody);
    });
    row.addEventListener("dragover", function (event) {
      var dragged = tbody.dragging;
      if (!dragged || dragged === row) return;
      event.preventDefault();
      var box = row.getBoundingClientRect();
      tbody.insertBefore(dragged, event.clientY < box.top + box.height / 2 ? row : row.nextSibling);
    });
    handle.addEventListener("keydown", function (event) {
      var sibling = event.key === "ArrowUp" ? row.previousElementSibling : event.key === "ArrowDown" ? row.nextElementSibling : null;
      if (!sibling || !sibling.classList.contains("form-row") || sibling.classList.contains("empty-form")) return;
      event.preventDefault();
      tbody.insertBefore(row, event.key === "ArrowUp" ? sibling : sibling.nextSibling);
      renumber(tbody);
      handle.focus();
    });
  }

  function enhance(tbody) {
    rows(tbody).forEach(function (row) { addHandle(row, tbody); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".inline-group .tabular tbody").forEach(function (tbody) {
      if (!tbody.querySelector("td.field-position")) return;
      enhance(tbody);
      // Rows added with "Add another" get a handle too.
      new MutationObserver(function () { enhance(tbody); }).observe(tbody, { childList: true });
    });
  });
})();
