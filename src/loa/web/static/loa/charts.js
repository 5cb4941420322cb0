// Download a dashboard chart as PNG: draw its SVG onto a canvas, then save the canvas.
// Delegated on document so charts swapped in by htmx keep working.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button.png-download");
    if (!button) return;
    var svg = document.getElementById(button.dataset.chart);
    if (!svg) return;
    var box = svg.viewBox.baseVal;
    var scale = 2;
    var xml = new XMLSerializer().serializeToString(svg);
    var img = new Image();
    img.onload = function () {
      var canvas = document.createElement("canvas");
      canvas.width = box.width * scale;
      canvas.height = box.height * scale;
      var ctx = canvas.getContext("2d");
      ctx.fillStyle = "#fff";
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
      var link = document.createElement("a");
      link.download = button.dataset.file || "bieu-do.png";
      link.href = canvas.toDataURL("image/png");
      document.body.appendChild(link);
      link.click();
      link.remove();
    };
    img.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(xml);
  });
})();
