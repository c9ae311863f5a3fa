// The decision screen from the keyboard: each control marked data-key="x" answers to key x
// (a approve, f feature, r reject, s spam, j skip to the next, n the note, k back). The page
// works without this file: the keys only press the buttons that are there anyway.
(function () {
  "use strict";
  var typing = function (element) {
    return element && (element.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName));
  };
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (typing(event.target)) {
      if (event.key === "Escape") event.target.blur();  // back to the keys
      return;
    }
    if (event.key === "k") {
      event.preventDefault();
      history.back();
      return;
    }
    var control = document.querySelector('[data-key="' + event.key + '"]');
    if (!control || control.disabled) return;
    event.preventDefault();
    if (control.tagName === "TEXTAREA" || control.tagName === "SELECT") {
      control.focus();
    } else {
      control.click();
    }
  });
})();
