// Polls the PDF status while a rendering is pending and updates the live region.
// Without JavaScript the page offers a "Check again" link instead.
(function () {
  "use strict";
  var box = document.getElementById("pdf-status");
  if (!box) return;
  var pending = { queued: true, rendering: true };
  if (!pending[box.dataset.status]) return;
  var url = box.dataset.statusUrl;
  var message = document.getElementById("pdf-message");
  var delay = 1000;

  function show(state) {
    message.textContent = state.message;
    box.dataset.status = state.status;
    if (state.download_url && !document.getElementById("pdf-download")) {
      var p = document.createElement("p");
      p.className = "mb-2";
      var a = document.createElement("a");
      a.className = "btn btn-success";
      a.id = "pdf-download";
      a.href = state.download_url;
      a.textContent = interpolate(gettext("Download PDF (version %s)"), [state.number]);
      p.appendChild(a);
      box.appendChild(p);
    }
    if (!pending[state.status]) {
      // The "Check again" button has done its job; a reload offers "Try again" or a new PDF.
      var check = document.getElementById("pdf-check");
      if (check) {
        check.querySelector("button").textContent = state.status === "failed" ? gettext("Try again") : gettext("Make a new PDF");
        check.method = "get";
      }
    }
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (state) {
        show(state);
        if (pending[state.status]) {
          delay = Math.min(delay * 1.5, 5000);
          window.setTimeout(poll, delay);
        }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, delay);
})();
