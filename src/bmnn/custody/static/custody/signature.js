/* Signature pad: captures pen strokes on a <canvas data-signature> and writes them into the form's hidden
   input[name=signature_svg] as an SVG path ("M x y L x y …", integers only).  No dependencies. */
(function () {
  "use strict";
  function setup(canvas) {
    var form = canvas.closest("form");
    if (!form) { return; }
    var input = form.querySelector("input[name=signature_svg]");
    var kind = form.querySelector("select[name=receipt_kind]");
    var clear = form.querySelector("[data-signature-clear]");
    if (!input) { return; }
    var ctx = canvas.getContext("2d");
    var path = [];
    var drawing = false;
    ctx.lineWidth = 2;
    ctx.lineCap = "round";
    ctx.strokeStyle = "#1a237e";
    function point(ev) {
      var r = canvas.getBoundingClientRect();
      var x = Math.round((ev.clientX - r.left) * canvas.width / r.width);
      var y = Math.round((ev.clientY - r.top) * canvas.height / r.height);
      return [Math.max(0, x), Math.max(0, y)];
    }
    canvas.addEventListener("pointerdown", function (ev) {
      drawing = true;
      canvas.setPointerCapture(ev.pointerId);
      var p = point(ev);
      path.push("M " + p[0] + " " + p[1]);
      ctx.beginPath();
      ctx.moveTo(p[0], p[1]);
      ev.preventDefault();
    });
    canvas.addEventListener("pointermove", function (ev) {
      if (!drawing) { return; }
      var p = point(ev);
      path.push("L " + p[0] + " " + p[1]);
      ctx.lineTo(p[0], p[1]);
      ctx.stroke();
    });
    function end() {
      if (!drawing) { return; }
      drawing = false;
      input.value = path.join(" ");
      if (kind && input.value) { kind.value = "signature"; }
    }
    canvas.addEventListener("pointerup", end);
    canvas.addEventListener("pointerleave", end);
    if (clear) {
      clear.addEventListener("click", function () {
        path = [];
        input.value = "";
        ctx.clearRect(0, 0, canvas.width, canvas.height);
      });
    }
  }
  document.addEventListener("DOMContentLoaded", function () {
    var pads = document.querySelectorAll("canvas[data-signature]");
    for (var i = 0; i < pads.length; i += 1) { setup(pads[i]); }
  });
})();
