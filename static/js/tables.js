// On a narrow screen a wide table scrolls inside its own region, not the whole page: each table
// is wrapped in a focusable region named by its caption, so it can be scrolled with the keyboard.
(function () {
  "use strict";
  var tables = document.querySelectorAll("main table");
  for (var index = 0; index < tables.length; index++) {
    var table = tables[index];
    var parent = table.parentElement;
    if (parent.classList.contains("table-scroll")) {
      continue;
    }
    var region = document.createElement("div");
    region.className = "table-scroll";
    region.setAttribute("role", "region");
    region.setAttribute("tabindex", "0");
    var caption = table.querySelector("caption");
    var heading = caption ? caption.textContent : (document.querySelector("h1") || {}).textContent;
    region.setAttribute("aria-label", (heading || "").trim() || document.title);
    parent.insertBefore(region, table);
    region.appendChild(table);
  }
})();
