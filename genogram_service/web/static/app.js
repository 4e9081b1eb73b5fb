/* The person page: zoom and pan (svg-pan-zoom), overlay toggles and the date redraw the
   genogram in place (same-origin fetch with the session cookie), keyboard use. */
(function () {
  "use strict";
  var form = document.getElementById("options");
  if (!form) { return; }
  var zoomer = null;
  var slider = document.getElementById("opt-slider");
  var dateField = document.getElementById("opt-at");
  var statusLine = document.getElementById("status");
  var DAY = 86400000;
  var minDay = Date.parse(slider.dataset.min), maxDay = Date.parse(slider.dataset.max);
  var span = Math.max(1, Math.round((maxDay - minDay) / DAY));
  slider.max = String(span);

  function iso(ms) { return new Date(ms).toISOString().slice(0, 10); }
  function syncSlider() {
    var v = Date.parse(dateField.value);
    if (!isNaN(v)) {
      slider.value = String(Math.round((v - minDay) / DAY));
      slider.setAttribute("aria-valuetext", dateField.value);
    }
  }

  function initZoom() {
    var box = document.getElementById("svg-box");
    var svg = box && box.querySelector("svg");
    if (zoomer) { try { zoomer.destroy(); } catch (e) { /* replaced already */ } zoomer = null; }
    if (!svg || typeof window.svgPanZoom !== "function") { return; }
    svg.removeAttribute("width"); svg.removeAttribute("height");
    zoomer = window.svgPanZoom(svg, { controlIconsEnabled: false, fit: true, center: true,
                                      minZoom: 0.2, maxZoom: 20, dblClickZoomEnabled: false });
    box.addEventListener("keydown", function (ev) {
      if (!zoomer) { return; }
      var step = 40, handled = true;
      switch (ev.key) {
        case "+": case "=": zoomer.zoomIn(); break;
        case "-": zoomer.zoomOut(); break;
        case "0": zoomer.resetZoom(); zoomer.fit(); zoomer.center(); break;
        case "ArrowLeft": zoomer.panBy({ x: step, y: 0 }); break;
        case "ArrowRight": zoomer.panBy({ x: -step, y: 0 }); break;
        case "ArrowUp": zoomer.panBy({ x: 0, y: step }); break;
        case "ArrowDown": zoomer.panBy({ x: 0, y: -step }); break;
        default: handled = false;
      }
      if (handled) { ev.preventDefault(); }
    });
    document.querySelectorAll("#genogram-panel .zoom").forEach(function (b) {
      b.addEventListener("click", function () {
        if (!zoomer) { return; }
        if (b.dataset.zoom === "in") { zoomer.zoomIn(); }
        else if (b.dataset.zoom === "out") { zoomer.zoomOut(); }
        else { zoomer.resetZoom(); zoomer.fit(); zoomer.center(); }
      });
    });
  }

  var pending = null;
  function redraw() {
    var params = new URLSearchParams(new FormData(form));
    var url = form.dataset.panel + "?" + params.toString();
    var panel = document.getElementById("genogram-panel");
    if (pending) { pending.abort(); }
    pending = new AbortController();
    panel.classList.add("busy");
    statusLine.textContent = statusLine.dataset.loading;
    fetch(url, { credentials: "same-origin", signal: pending.signal })
      .then(function (r) {
        if (r.redirected && r.url.indexOf("/ui/login") >= 0) { window.location = r.url; return null; }
        return r.ok ? r.text() : "";
      })
      .then(function (text) {
        if (text === null) { return; }
        var holder = document.createElement("div");
        holder.innerHTML = text;
        var fresh = holder.querySelector("#genogram-panel");
        if (!fresh) {  // not drawn (e.g. a date before the person's birth): say so
          panel.classList.remove("busy");
          statusLine.textContent = statusLine.dataset.failed;
          return;
        }
        panel.replaceWith(fresh);
        history.replaceState(null, "", form.action + "?" + params.toString());
        statusLine.textContent = "";
        initZoom();
      })
      .catch(function (err) { if (err.name !== "AbortError") { statusLine.textContent = String(err); } });
  }

  form.addEventListener("change", function (ev) {
    if (ev.target === slider) { return; }
    if (ev.target === dateField) { syncSlider(); }
    redraw();
  });
  form.addEventListener("submit", function (ev) { ev.preventDefault(); redraw(); });
  slider.addEventListener("input", function () {
    dateField.value = iso(minDay + Number(slider.value) * DAY);
    slider.setAttribute("aria-valuetext", dateField.value);
  });
  slider.addEventListener("change", redraw);
  document.getElementById("opt-today").addEventListener("click", function (ev) {
    dateField.value = ev.target.dataset.today; syncSlider(); redraw();
  });
  syncSlider();
  initZoom();
}());
