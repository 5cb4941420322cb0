// "Chọn tất cả": a checkbox with data-select-all="NAME" ticks or clears every checkbox named NAME.
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var box = event.target;
    if (!box.matches || !box.matches("input[data-select-all]")) return;
    var form = box.form || document;
    form.querySelectorAll('input[type="checkbox"][name="' + box.dataset.selectAll + '"]').forEach(function (cb) {
      cb.checked = box.checked;
    });
  });
})();
