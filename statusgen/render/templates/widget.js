/* statusgen status widget: embed with
     <div data-statusgen-widget></div>
     <script src="https://status.example.com/widget.js" async></script>
   Reads this site's api/v2/summary.json (next to this script), shows the page's status and its
   active incidents and maintenance, and refreshes every `data-interval` seconds. No
   dependencies, no cookies; text from the site is set with textContent only. */
(function () {
  "use strict";
  var CONFIG = /*STATUSGEN_WIDGET_CONFIG*/;
  var S = CONFIG.strings;
  var script = document.currentScript || document.querySelector("script[src*='widget.js']");
  if (!script || !script.src || !window.fetch) return;
  var HOME = new URL("./", script.src).href;
  var SUMMARY = new URL("api/v2/summary.json", HOME).href;
  var ACTIVE = { in_progress: 1, verifying: 1 };
  var widgets = [];
  var timer = null;
  var VARS = "--fg:#1f2328;--muted:#59636e;--bg:#fff;--line:#d1d9e0;--link:#0b62c4";
  var DARK = "--fg:#e6edf3;--muted:#9198a1;--bg:#0d1117;--line:#3d444d;--link:#58a6ff";
  var STYLE =
    ":host{display:block}" +
    ".w{" + VARS + ";color:var(--fg);background:var(--bg);border:1px solid var(--line);" +
    "border-radius:6px;padding:.5em .75em;font:14px/1.4 system-ui,-apple-system,'Segoe UI',sans-serif}" +
    ".dark{" + DARK + "}@media (prefers-color-scheme:dark){.auto{" + DARK + "}" +
    ".auto .dot{background:var(--dd)}}" +
    ".s{margin:0;display:flex;align-items:center;gap:.5em;font-weight:600}" +
    ".dot{flex:none;width:.75em;height:.75em;border-radius:50%;background:var(--dl)}" +
    ".dark .dot{background:var(--dd)}" +
    "ul{margin:.4em 0 0;padding:0 0 0 1.25em}li{margin:.15em 0}" +
    ".k{color:var(--muted)}a{color:var(--link)}" +
    "a:focus-visible{outline:2px solid var(--link);outline-offset:2px;border-radius:2px}" +
    ".h{display:inline-block;margin-top:.4em;font-size:.9em}";

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
  }

  /* Only http(s) links to the site; anything else falls back to the status page. */
  function safeLink(href) {
    try {
      var url = new URL(String(href), HOME);
      if (url.protocol === "https:" || url.protocol === "http:") return url.href;
    } catch (e) { /* not a URL */ }
    return HOME;
  }

  function mount(host) {
    if (host.shadowRoot || !host.attachShadow) return;
    var theme = host.getAttribute("data-theme");
    var seconds = parseInt(host.getAttribute("data-interval") || "", 10);
    var root = host.attachShadow({ mode: "open" });
    var style = el("style");
    style.textContent = STYLE;
    var box = el("div", "w " + (theme === "light" || theme === "dark" ? theme : "auto"));
    box.lang = CONFIG.lang;
    var line = el("p", "s");
    line.setAttribute("role", "status");
    var dot = el("span", "dot");
    dot.setAttribute("aria-hidden", "true");
    var words = el("span", "", S.loading);
    line.appendChild(dot);
    line.appendChild(words);
    var list = el("ul");
    list.setAttribute("aria-label", S.active);
    list.hidden = true;
    var home = el("a", "h", S.view);
    home.href = HOME;
    box.appendChild(line);
    box.appendChild(list);
    box.appendChild(home);
    root.appendChild(style);
    root.appendChild(box);
    widgets.push({
      dot: dot, words: words, list: list,
      items: host.getAttribute("data-incidents") !== "false",
      interval: seconds >= 10 ? seconds : CONFIG.interval,
      shown: ""
    });
  }

  /* What a summary shows: the indicator's level and words, and the open items. */
  function read(data) {
    var status = data && data.status;
    var level = status && Object.prototype.hasOwnProperty.call(S.indicator, status.indicator)
      ? status.indicator : null;
    if (!level) throw new Error("summary.json without a known status.indicator");
    var items = [];
    (data.incidents || []).forEach(function (i) { items.push([i, S.incident]); });
    (data.scheduled_maintenances || []).forEach(function (m) {
      if (ACTIVE[m.status]) items.push([m, S.maintenance]);
    });
    return {
      level: level,
      text: S.indicator[level],
      items: items.map(function (pair) {
        var item = pair[0] || {};
        return {
          kind: pair[1] + (S.phase[item.status] ? " · " + S.phase[item.status] : ""),
          name: String(item.name || ""),
          href: safeLink(item.shortlink)
        };
      })
    };
  }

  function show(widget, state) {
    var key = JSON.stringify([state, widget.items]);
    if (widget.shown === key) return; /* unchanged: a live region must not repeat itself */
    widget.shown = key;
    var colours = CONFIG.colours[state.level] || CONFIG.colours.unknown;
    widget.dot.style.setProperty("--dl", colours[0]);
    widget.dot.style.setProperty("--dd", colours[1]);
    widget.words.textContent = state.text;
    while (widget.list.firstChild) widget.list.removeChild(widget.list.firstChild);
    var items = widget.items ? state.items : [];
    items.forEach(function (item) {
      var li = el("li");
      li.appendChild(el("span", "k", item.kind + ": "));
      var link = el("a", "", item.name);
      link.href = item.href;
      li.appendChild(link);
      widget.list.appendChild(li);
    });
    widget.list.hidden = !items.length;
  }

  function refresh() {
    document.querySelectorAll("[data-statusgen-widget]").forEach(mount);
    if (!widgets.length) return;
    fetch(SUMMARY, { cache: "no-cache", credentials: "omit" })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(read)
      .catch(function () {
        return { level: "unknown", text: S.unavailable, items: [] };
      })
      .then(function (state) {
        widgets.forEach(function (widget) { show(widget, state); });
        var next = Math.min.apply(null, widgets.map(function (w) { return w.interval; }));
        clearTimeout(timer);
        timer = setTimeout(refresh, next * 1000);
      });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", refresh);
  } else {
    refresh();
  }
})();
