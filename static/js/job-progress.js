// Polite polling instead of <meta http-equiv="refresh">: while the job runs, fetch its page every
// 2 s and put the fresh state into the live region, so a screen reader hears the change and the
// page does not reload under the user (axe: meta-refresh).
(function () {
  "use strict";
  var region = document.getElementById("job-state");
  if (!region || !region.dataset.poll || !window.fetch) {
    return;
  }
  var url = region.dataset.poll;
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        if (html === null) {
          return;
        }
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("job-state");
        if (!fresh) {
          return;
        }
        if (fresh.innerHTML !== region.innerHTML) {
          region.innerHTML = fresh.innerHTML;
        }
        if (fresh.dataset.poll) {
          window.setTimeout(poll, 2000);
        }
      })
      .catch(function () {
        window.setTimeout(poll, 5000); // offline for a moment: try again, less often
      });
  }
  window.setTimeout(poll, 2000);
})();
