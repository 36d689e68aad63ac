/* statusgen: the Subscribe page's component picker. The page lists every component's feeds;
   this adds a checkbox to each and writes the chosen components' feed addresses, in full, to
   paste into a feed reader or chat. No dependencies. */
(function () {
  "use strict";
  function link(url) {
    var a = document.createElement("a");
    a.href = url;
    a.textContent = url;
    return a;
  }

  document.querySelectorAll("[data-sg-picker]").forEach(function (picker) {
    var base = picker.getAttribute("data-base") || "";
    var pattern = picker.getAttribute("data-feed") || "";
    var boxes = Array.prototype.slice.call(picker.querySelectorAll("[data-sg-pick]"));
    var out = picker.querySelector("[data-sg-picked]");
    var list = picker.querySelector("[data-sg-picked-list]");
    var none = picker.querySelector("[data-sg-picked-none]");
    if (!out || !list || !none) return;

    function update() {
      list.textContent = "";
      var chosen = boxes.filter(function (box) { return box.checked; });
      none.hidden = chosen.length > 0;
      chosen.forEach(function (box) {
        var feed = new URL(pattern.replace("__ID__", box.value), base).href;
        var item = document.createElement("li");
        item.appendChild(document.createTextNode(box.parentNode.textContent.trim() + ": "));
        item.appendChild(link(feed + ".rss"));
        item.appendChild(document.createTextNode(" · "));
        item.appendChild(link(feed + ".atom"));
        list.appendChild(item);
      });
    }

    boxes.forEach(function (box) {
      box.hidden = false;
      box.addEventListener("change", update);
    });
    picker.querySelector("[data-sg-picker-help]").hidden = false;
    out.hidden = false;
    update();
  });
})();
