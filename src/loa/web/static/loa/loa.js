// Loa's small page helpers, no framework: the phone menu, table cell labels, file pickers.
(function () {
  "use strict";

  // A form with data-confirm asks before it is sent ("Xoá hoạt động này?"): no inline onsubmit,
  // which the Content-Security-Policy refuses.
  document.addEventListener(
    "submit",
    function (event) {
      var form = event.target;
      var question = form.getAttribute && form.getAttribute("data-confirm");
      if (question && !window.confirm(question)) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    },
    true
  );

  // The "Menu" button opens and closes the menu on narrow screens.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".menu-toggle");
    if (!button) return;
    var menu = document.getElementById(button.getAttribute("aria-controls"));
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", open ? "true" : "false");
    if (menu) menu.classList.toggle("open", open);
  });

  // On a phone each table row becomes a card; each cell shows its column's header (data-label).
  function labelCells(root) {
    (root || document).querySelectorAll("table.table").forEach(function (table) {
      var headRow = table.tHead && table.tHead.rows[table.tHead.rows.length - 1];
      if (!headRow) return;
      var labels = [];
      Array.prototype.forEach.call(headRow.cells, function (th) {
        var text = th.textContent.replace(/\s+/g, " ").trim();
        for (var i = 0; i < (th.colSpan || 1); i++) labels.push(text);
      });
      Array.prototype.forEach.call(table.tBodies, function (body) {
        Array.prototype.forEach.call(body.rows, function (row) {
          var col = 0;
          Array.prototype.forEach.call(row.cells, function (cell) {
            if (!cell.hasAttribute("data-label") && labels[col] && (cell.colSpan || 1) === 1) {
              cell.setAttribute("data-label", labels[col]);
            }
            col += cell.colSpan || 1;
          });
        });
      });
    });
  }

  // A file input shows "Chọn tệp…" and the chosen file's name in Vietnamese (not "Choose File").
  function dressFileInputs(root) {
    (root || document).querySelectorAll('input[type="file"]:not([data-dressed])').forEach(function (input) {
      if (!input.id) return;
      input.setAttribute("data-dressed", "1");
      input.classList.add("file-input");
      var label = document.createElement("label");
      label.className = "file-pick";
      label.htmlFor = input.id;
      var button = document.createElement("span");
      button.className = "button";
      button.textContent = input.multiple ? "Chọn các tệp…" : "Chọn tệp…";
      var name = document.createElement("span");
      name.className = "file-name";
      name.textContent = "Chưa chọn tệp";
      label.appendChild(button);
      label.appendChild(name);
      input.insertAdjacentElement("afterend", label);
      input.addEventListener("change", function () {
        var files = input.files || [];
        if (!files.length) name.textContent = "Chưa chọn tệp";
        else if (files.length === 1) name.textContent = files[0].name;
        else name.textContent = files.length + " tệp: " + Array.prototype.map.call(files, function (f) { return f.name; }).join(", ");
      });
    });
  }

  function dress(root) {
    labelCells(root);
    dressFileInputs(root);
  }
  document.addEventListener("DOMContentLoaded", function () { dress(document); });
  document.addEventListener("htmx:afterSettle", function (event) { dress(event.target); });
})();
