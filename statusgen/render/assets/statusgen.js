/* statusgen: local times for readers, and the archive's filters. No dependencies. */
(function () {
  "use strict";
  var PAGE_SIZE = 100;

  function lang() { return document.documentElement.lang || undefined; }

  /* -- Times: the markup holds UTC and the site's zone; show the reader's local time. -- */
  var UNITS = [["year", 31536000], ["month", 2592000], ["day", 86400], ["hour", 3600], ["minute", 60]];

  function relative(date, now) {
    var seconds = (date.getTime() - now) / 1000;
    var rtf = new Intl.RelativeTimeFormat(lang(), { numeric: "auto" });
    for (var i = 0; i < UNITS.length; i++) {
      if (Math.abs(seconds) >= UNITS[i][1] || UNITS[i][0] === "minute") {
        return rtf.format(Math.round(seconds / UNITS[i][1]), UNITS[i][0]);
      }
    }
    return "";
  }

  function localizeTimes(root) {
    var full = new Intl.DateTimeFormat(lang(), { dateStyle: "medium", timeStyle: "short" });
    var day = new Intl.DateTimeFormat(lang(), { dateStyle: "medium" });
    var clock = new Intl.DateTimeFormat(lang(), { timeStyle: "short" });
    var now = Date.now();
    root.querySelectorAll("time[datetime][data-style]").forEach(function (el) {
      var date = new Date(el.getAttribute("datetime"));
      if (isNaN(date)) return;
      if (!el.dataset.site) el.dataset.site = el.textContent;
      var style = el.dataset.style;
      el.title = el.dataset.site;
      if (style === "date") el.textContent = day.format(date);
      else if (style === "clock") el.textContent = clock.format(date);
      else if (style === "relative") { el.textContent = relative(date, now); el.title = full.format(date); }
      else el.textContent = full.format(date);
    });
  }

  /* -- The archive: filter a compact index, keep the filters in the URL. -- */
  // The text filter is `text`: Material's search reads `q` from the URL and would open itself.
  var FILTERS = ["component", "impact", "type", "status", "year", "month", "text"];
  var IMPACTS = [];  /* impact values, in the index's order: the keys of data-impacts */

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function Archive(form) {
    this.form = form;
    this.results = document.getElementById("sg-results");
    this.count = document.getElementById("sg-count");
    this.months = JSON.parse(this.results.dataset.months);
    this.impacts = JSON.parse(this.results.dataset.impacts);
    IMPACTS = Object.keys(this.impacts);
    this.urlFor = form.dataset.incidentUrl;
    this.idPlaceholder = form.dataset.idPlaceholder;
    this.states = JSON.parse(this.results.dataset.states);
    this.pageSize = parseInt(form.dataset.pageSize, 10) || PAGE_SIZE;
    this.index = null;
    this.texts = null;
    this.shown = this.pageSize;
    this.lastQuery = null;
  }

  Archive.prototype.start = function () {
    var self = this;
    fetch(self.form.dataset.index).then(function (r) { return r.json(); }).then(function (index) {
      self.index = index;
      self.readQuery();
      // A text field fires "change" again when it loses focus, e.g. on the click on a result:
      // redrawing then would swallow that click. Only a real change of a filter redraws.
      var changed = function () {
        var query = JSON.stringify(self.values());
        if (query === self.lastQuery) return;
        self.shown = self.pageSize;
        self.update(true);
      };
      self.form.addEventListener("input", changed);
      self.form.addEventListener("change", changed);
      self.form.addEventListener("reset", function () { setTimeout(changed, 0); });
      self.form.addEventListener("submit", function (e) { e.preventDefault(); });
      self.update(false);
    });
  };

  Archive.prototype.readQuery = function () {
    var params = new URLSearchParams(location.search);
    var form = this.form;
    FILTERS.forEach(function (name) {
      if (params.has(name)) form.elements[name].value = params.get(name);
    });
  };

  Archive.prototype.values = function () {
    var form = this.form, values = {};
    FILTERS.forEach(function (name) { values[name] = form.elements[name].value.trim(); });
    return values;
  };

  Archive.prototype.writeQuery = function (values) {
    var params = new URLSearchParams();
    FILTERS.forEach(function (name) { if (values[name]) params.set(name, values[name]); });
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
  };

  Archive.prototype.loadTexts = function () {
    var self = this;
    if (!self.textsPromise) {
      self.textsPromise = fetch(self.form.dataset.textIndex).then(function (r) { return r.json(); })
        .then(function (texts) { self.texts = texts; });
    }
    return self.textsPromise;
  };

  Archive.prototype.update = function (fromUser) {
    var self = this, values = this.values();
    this.lastQuery = JSON.stringify(values);
    if (fromUser) this.writeQuery(values);
    if (values.text && !this.texts) {
      this.loadTexts().then(function () { self.update(false); });
      return;
    }
    this.render(this.filter(values));
  };

  Archive.prototype.filter = function (v) {
    var component = -1;
    var ids = this.index.components;
    for (var c = 0; c < ids.length; c++) if (ids[c][0] === v.component) component = c;
    if (v.component && component < 0) return [];
    var impact = v.impact ? IMPACTS.indexOf(v.impact) : -1;
    var words = v.text ? v.text.toLowerCase().split(/\s+/).filter(Boolean) : [];
    var rows = this.index.incidents, texts = this.texts, out = [];
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      if (component >= 0 && row[6].indexOf(component) < 0) continue;
      if (impact >= 0 && row[4] !== impact) continue;
      if (v.type && (row[3] === 1) !== (v.type === "maintenance")) continue;
      if (v.status && (row[5] === 1) !== (v.status === "active")) continue;
      if (v.year && row[2].slice(0, 4) !== v.year) continue;
      if (v.month && parseInt(row[2].slice(5, 7), 10) !== parseInt(v.month, 10)) continue;
      if (words.length) {
        var text = texts ? texts[i] : row[1].toLowerCase(), all = true;
        for (var w = 0; w < words.length; w++) if (text.indexOf(words[w]) < 0) { all = false; break; }
        if (!all) continue;
      }
      out.push(row);
    }
    return out;
  };

  Archive.prototype.render = function (rows) {
    var self = this, data = this.results.dataset;
    var day = new Intl.DateTimeFormat(lang(), { dateStyle: "medium" });
    var html = [], month = "";
    var visible = rows.slice(0, this.shown);
    this.count.textContent = data.count.replace("{count}", rows.length).replace("{total}", this.index.incidents.length);
    if (!rows.length) html.push("<p>" + escapeHtml(data.empty) + "</p>");
    for (var i = 0; i < visible.length; i++) {
      var row = visible[i], key = row[2].slice(0, 7);
      if (key !== month) {
        if (month) html.push("</ul>");
        month = key;
        html.push("<h2>" + escapeHtml(this.months[parseInt(key.slice(5), 10) - 1] + " " + key.slice(0, 4)) + "</h2><ul class=\"sg-list\">");
      }
      var url = this.urlFor.replace(this.idPlaceholder, encodeURIComponent(row[0]));
      var impact = IMPACTS[row[4]], state = this.states[row[7]];
      // The same row the server draws (the incident_row macro), so nothing moves or goes missing.
      html.push(
        "<li class=\"sg-row sg-i-" + impact + "\"><a href=\"" + escapeHtml(url) + "\">" + escapeHtml(row[1]) + "</a>" +
        (row[9] ? " <span class=\"sg-internal\">" + escapeHtml(data.internal) + "</span>" : "") +
        "<span class=\"sg-meta\"><time datetime=\"" + escapeHtml(row[2]) + "\">" + escapeHtml(day.format(new Date(row[2]))) +
        "</time> · <span class=\"sg-impact sg-i-" + impact + "\">" + escapeHtml(this.impacts[impact]) + "</span>" +
        (row[3] ? " · " + escapeHtml(data.maintenance) : "") + " · " + escapeHtml(row[8]) +
        (state ? " · <strong>" + escapeHtml(state) + "</strong>" : "") + "</span></li>"
      );
    }
    if (month) html.push("</ul>");
    if (rows.length > visible.length) {
      html.push("<p><button type=\"button\" class=\"md-button sg-more-button\">" + escapeHtml(data.more) + "</button></p>");
    }
    this.results.innerHTML = html.join("");
    var more = this.results.querySelector(".sg-more-button");
    if (more) {
      more.addEventListener("click", function () {
        var first = self.shown;
        self.shown += self.pageSize;
        self.render(rows);
        // Keep the keyboard where the reader was: on the first of the rows just added.
        var links = self.results.querySelectorAll(".sg-row > a");
        if (links[first]) links[first].focus();
      });
    }
  };

  /* Material's search dialog has no accessible name; give it the search field's. */
  function nameSearchDialog() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    var input = document.querySelector(".md-search__input");
    if (dialog && input && !dialog.hasAttribute("aria-label")) {
      dialog.setAttribute("aria-label", input.getAttribute("aria-label") || "Search");
    }
  }

  function init() {
    nameSearchDialog();
    localizeTimes(document);
    var form = document.getElementById("sg-filters");
    if (form && window.fetch && window.URLSearchParams) new Archive(form).start();
  }

  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
