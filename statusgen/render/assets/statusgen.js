/* statusgen: local times for readers, kept live between builds; the archive's filters are in
   archive.js, which this fetches on the archive page. No dependencies. */
(function () {
  "use strict";

  function lang() { return document.documentElement.lang || undefined; }

  /* The reader's own variant of the page's language (en-GB reading an English page), else the
     page's language: the words stay the site's, the conventions (day order, 24-hour clock) are
     the reader's for that language. */
  function locale() {
    var page = lang();
    if (!page) return undefined;
    var base = page.split("-")[0].toLowerCase();
    var wanted = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
    for (var i = 0; i < wanted.length; i++) {
      var tag = wanted[i];
      if (!tag || tag.split("-")[0].toLowerCase() !== base) continue;
      try {
        if (Intl.DateTimeFormat.supportedLocalesOf([tag]).length) return tag;
      } catch (e) { /* not a valid language tag: try the next one */ }
    }
    return page;
  }

  function fill(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (all, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : all;
    });
  }

  /* Writes only changes: rewriting equal text would make screen readers repeat live regions. */
  function setText(el, text) { if (el.textContent !== text) el.textContent = text; }

  /* -- Times: the markup holds UTC and the site's zone; show the reader's zone, named. -- */
  var UNITS = [["year", 31536000], ["month", 2592000], ["day", 86400], ["hour", 3600], ["minute", 60]];
  var FULL = { year: "numeric", month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short" };
  var CLOCK = { hour: "numeric", minute: "2-digit", timeZoneName: "short" };

  function relative(date, now) {
    var seconds = (date.getTime() - now) / 1000;
    var rtf = new Intl.RelativeTimeFormat(locale(), { numeric: "auto" });
    if (Math.abs(seconds) < 30) return rtf.format(0, "second");  /* "now" */
    for (var i = 0; i < UNITS.length; i++) {
      if (Math.abs(seconds) >= UNITS[i][1] || UNITS[i][0] === "minute") {
        return rtf.format(Math.round(seconds / UNITS[i][1]), UNITS[i][0]);
      }
    }
    return "";
  }

  /* Paper keeps no clock: a relative time ("45 minutes ago") prints as the moment it names,
     from a span beside it that only print shows (.sg-print-time; the words hidden there). */
  function printedAs(el, text) {
    var next = el.nextElementSibling;
    if (!next || !next.classList.contains("sg-print-time")) {
      next = document.createElement("span");
      next.className = "sg-print-time";
      el.after(next);
    }
    setText(next, text);
  }

  /* The site's text stays in the title; a relative time's title also gives the moment. */
  function localizeTimes(root, now) {
    var tag = locale();
    var full = new Intl.DateTimeFormat(tag, FULL);
    var day = new Intl.DateTimeFormat(tag, { dateStyle: "medium" });
    var clock = new Intl.DateTimeFormat(tag, CLOCK);
    root.querySelectorAll("time[datetime][data-style]").forEach(function (el) {
      var date = new Date(el.getAttribute("datetime"));
      if (isNaN(date)) return;
      if (!el.dataset.site) el.dataset.site = el.textContent;
      var style = el.dataset.style, site = el.dataset.site, title = site;
      if (style === "date") setText(el, day.format(date));
      else if (style === "clock") setText(el, clock.format(date));
      else if (style === "relative") {
        setText(el, relative(date, now));
        printedAs(el, full.format(date));
        if (full.format(date) !== site) title = full.format(date) + " (" + site + ")";
      }
      else setText(el, full.format(date));
      if (el.title !== title) el.title = title;
    });
  }

  /* -- Live: durations, maintenance states, next updates and the page's own age, kept right
     between builds from data in the page (docs/site.md, "Live times"). The words are the
     data-w-* attributes of the element holding data-built; the lifecycle's states, their words
     and rules are its data-lifecycle (written from statusgen's Lifecycle, so no state is named
     here): maintenance (states before, during, after the window), active, durations,
     phases (the posted statuses that fit a maintenance state, the first shown otherwise) and
     labels (those statuses' words). -- */
  var REFRESH_MS = 30000;
  var refreshTimer = null;
  var NO_LIFECYCLE = { maintenance: [], active: [], durations: {}, phases: {}, labels: {}, rows: {} };

  function lifecycleOf(holder) {
    try { return JSON.parse(holder.dataset.lifecycle) || NO_LIFECYCLE; } catch (e) { return NO_LIFECYCLE; }
  }

  /* The build's moment: a reader's clock running behind it must not undo what the page says. */
  function liveNow(holder) {
    var built = holder ? Date.parse(holder.dataset.built) : NaN;
    return isNaN(built) ? Date.now() : Math.max(Date.now(), built);
  }

  /* A span of time as the server words it: 45 min, 1 h 7 min, 3 d 2 h. */
  function span(ms, w) {
    var minutes = Math.max(Math.floor(ms / 60000), 0);
    var hours = Math.floor(minutes / 60), days = Math.floor(hours / 24);
    minutes %= 60;
    hours %= 24;
    if (days) return fill(w.wDays, { d: days, h: hours });
    if (hours) return minutes ? fill(w.wHours, { h: hours, m: minutes }) : fill(w.wHoursOnly, { h: hours });
    return fill(w.wMinutes, { m: minutes });
  }

  /* An incident stays as built (only a new build resolves it); a maintenance follows its window. */
  function stateAt(el, start, end, now, life) {
    var states = life.maintenance;
    if (el.dataset.kind !== "maintenance" || isNaN(start) || isNaN(end) || states.length !== 3) return el.dataset.state;
    return now >= end ? states[2] : now >= start ? states[1] : states[0];
  }

  function relabel(el, state, life) {
    var holder = el.closest(".sg-live-state, .sg-summary");
    var label = holder && holder.querySelector(".sg-phase");
    var fits = life.phases[state];
    if (!label || !fits || !fits.length) return;
    for (var i = 0; i < fits.length; i++) if (label.classList.contains("sg-p-" + fits[i])) return;
    label.className = "sg-phase sg-p-" + fits[0];
    setText(label, life.labels[fits[0]]);
  }

  /* A list's row names its state after its duration (incident_row: " · <strong>Upcoming</strong>"):
     it follows the window too, and goes with its separator once the state is over, as the
     server writes a row that is over. */
  function restateRow(el, state, life) {
    var row = el.closest("li.sg-row"), label = row && row.querySelector(":scope > .sg-meta > strong");
    if (!label || !life.rows) return;
    var words = life.rows[state];
    if (words) { setText(label, words); return; }
    var before = label.previousSibling;
    if (before && before.nodeType === 3) before.textContent = before.textContent.replace(/ · $/, "");
    label.remove();
  }

  /* A state without duration words has not begun: it says when it starts. */
  function updateLive(el, w, now, life) {
    var start = Date.parse(el.dataset.start), end = Date.parse(el.dataset.end || "");
    var state = stateAt(el, start, end, now, life), words = life.durations[state];
    if (!words) setText(el, fill(w.wStarts, { when: relative(new Date(start), now) }));
    else if (life.active.indexOf(state) >= 0) setText(el, fill(words, { duration: span(now - start, w) }));
    else if (!isNaN(end)) setText(el, fill(words, { duration: span(end - start, w) }));
    el.dataset.live = state;
    if (el.dataset.kind === "maintenance") { relabel(el, state, life); restateRow(el, state, life); }
    return state;
  }

  /* "Next update by ..." gains "in 12 minutes", or once a minute past "overdue by 5 min". */
  function updateDue(el, w, now) {
    var due = Date.parse(el.dataset.due);
    if (isNaN(due)) return;
    var text = el.querySelector(".sg-due-text");
    if (!text) {
      var note = document.createElement("span");
      note.className = "sg-due";
      note.appendChild(document.createTextNode(" · "));
      text = document.createElement("span");
      text.className = "sg-due-text";
      note.appendChild(text);
      el.appendChild(note);
    }
    var late = now - due >= 60000;
    el.classList.toggle("sg-overdue", late);
    setText(text, late ? fill(w.wOverdue, { duration: span(now - due, w) }) : relative(new Date(due), now));
  }

  /* A maintenance section's heading follows its windows: in progress while one runs, upcoming
     while all wait, completed once all are over. */
  function renameMaintenance(section, life) {
    var states = Array.prototype.map.call(section.querySelectorAll(".sg-live"), function (el) { return el.dataset.live; });
    var order = life.maintenance;
    var state = states.indexOf(order[1]) >= 0 ? order[1]
      : states.every(function (s) { return s === order[2]; }) ? order[2] : order[0];
    if (!state) return;
    var words = section.getAttribute("data-w-" + state), heading = section.querySelector("h2");
    if (!words || !heading) return;
    setText(heading, words);
    section.setAttribute("aria-label", words);
  }

  /* Every page older than data-stale-after says so, whatever its state (an all-green page is the
     one that misleads when publishing has stopped): in the overview's banner, a live region, and
     in its own live region elsewhere (.sg-stale, drawn hidden by the server). */
  function updateStale(w, now) {
    var built = Date.parse(w.built), limit = parseFloat(w.staleAfter);
    var stale = !isNaN(built) && !isNaN(limit) && now - built > limit * 1000;
    document.querySelectorAll(".sg-stale").forEach(function (notice) {
      if (stale) setText(notice, fill(w.wStale, { ago: relative(new Date(built), now) }));
      notice.hidden = !stale;
    });
  }

  /* "Today" under the last bar holds only while that day (the site's) lasts. */
  function updateToday(now) {
    document.querySelectorAll(".sg-today[data-day-end]").forEach(function (el) {
      var end = Date.parse(el.dataset.dayEnd);
      if (!el.dataset.today) el.dataset.today = el.textContent;
      if (!isNaN(end)) setText(el, now >= end ? el.dataset.day : el.dataset.today);
    });
  }

  /* -- Days: the server groups past incidents under its zone's days (.sg-days[data-zone]);
     the rows say the reader's dates, so the headings follow the reader's days: rebuilt from
     the rows' <time datetime>, from the build's day back as many days as the server listed,
     with its "No incidents reported" (data-w-empty) on days without any, and the reader's
     zone named (data-w-zone) where it is not the site's. Text only: no markup from data. -- */
  function dayKey(parts) {
    var get = function (type) { return parts.filter(function (p) { return p.type === type; })[0].value; };
    return get("year") + "-" + get("month") + "-" + get("day");
  }

  function keyDate(key) {
    var bits = key.split("-");
    return new Date(Date.UTC(+bits[0], +bits[1] - 1, +bits[2], 12));
  }

  function regroupDays(days, built) {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (days.dataset.regrouped || !zone || zone === days.dataset.zone) return;
    var local = new Intl.DateTimeFormat("en-US", { year: "numeric", month: "2-digit", day: "2-digit" });
    var heading = new Intl.DateTimeFormat(locale(), { dateStyle: "medium", timeZone: "UTC" });
    var byDay = {}, keys = [];
    days.querySelectorAll("li.sg-row").forEach(function (row) {
      var time = row.querySelector("time[datetime]"), date = time && new Date(time.getAttribute("datetime"));
      if (!date || isNaN(date)) return;
      var key = dayKey(local.formatToParts(date));
      (byDay[key] = byDay[key] || []).push(row);
      keys.push(key);
    });
    var listed = days.querySelectorAll("h3.sg-day").length;
    var newest = dayKey(local.formatToParts(new Date(built)));
    keys.forEach(function (key) { if (key > newest) newest = key; });
    var oldest = keyDate(newest);
    oldest.setUTCDate(oldest.getUTCDate() - Math.max(listed - 1, 0));
    oldest = oldest.toISOString().slice(0, 10);
    keys.forEach(function (key) { if (key < oldest) oldest = key; });
    days.querySelectorAll("h3.sg-day, ul.sg-list, p.sg-day-empty").forEach(function (el) { el.remove(); });
    for (var day = keyDate(newest); day.toISOString().slice(0, 10) >= oldest; day.setUTCDate(day.getUTCDate() - 1)) {
      var key = day.toISOString().slice(0, 10), h = document.createElement("h3");
      h.className = "sg-day";
      h.dataset.day = key;
      h.textContent = heading.format(day);
      days.appendChild(h);
      var body;
      if (byDay[key]) {
        body = document.createElement("ul");
        body.className = "sg-list";
        byDay[key].forEach(function (row) { body.appendChild(row); });
      } else {
        body = document.createElement("p");
        body.className = "sg-meta sg-day-empty";
        body.textContent = days.dataset.wEmpty || "";
      }
      days.appendChild(body);
    }
    var note = days.querySelector(".sg-days-zone");
    if (note) {
      note.textContent = fill(days.dataset.wZone, { zone: zone });
      note.hidden = false;
    }
    days.dataset.regrouped = "1";
  }

  function refresh() {
    var holder = document.querySelector("[data-built]");
    var now = liveNow(holder);
    localizeTimes(document, now);
    if (!holder) return;
    var w = holder.dataset, life = lifecycleOf(holder);
    document.querySelectorAll(".sg-live[data-start]").forEach(function (el) { updateLive(el, w, now, life); });
    document.querySelectorAll(".sg-live-state[hidden]").forEach(function (el) { el.hidden = false; });
    document.querySelectorAll(".sg-maintenance-section").forEach(function (section) { renameMaintenance(section, life); });
    document.querySelectorAll(".sg-next[data-due]").forEach(function (el) { updateDue(el, w, now); });
    updateStale(w, now);
    updateToday(now);
  }

  /* Every 30 seconds, on pages with something that moves with the clock. */
  function startRefreshing() {
    if (refreshTimer) clearInterval(refreshTimer);
    refreshTimer = null;
    refresh();
    if (document.querySelector("[data-built], time[data-style=relative]")) {
      refreshTimer = setInterval(refresh, REFRESH_MS);
    }
  }

  /* Background tabs run timers late or not at all: catch up when the reader comes back. */
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden && refreshTimer) refresh();
  });

  /* -- The archive's filters live in archive.js, fetched only by the archive page (its form's
     data-script), which uses these helpers. -- */
  window.statusgen = { locale: locale, fill: fill, setText: setText, refresh: refresh };

  function startArchive(form) {
    if (window.statusgenArchive) { window.statusgenArchive(form); return; }
    var script = document.createElement("script");
    script.src = form.dataset.script;
    script.onload = function () { if (window.statusgenArchive) window.statusgenArchive(form); };
    document.head.appendChild(script);
  }

  /* Material's search dialog has no accessible name; give it the search field's. */
  function nameSearchDialog() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    var input = document.querySelector(".md-search__input");
    if (dialog && input && !dialog.hasAttribute("aria-label")) {
      dialog.setAttribute("aria-label", input.getAttribute("aria-label") || "Search");
    }
  }

  /* Where Material's search index holds only the newest incidents (#sg-search-scope in the
     head, render/searchscope.py), its results say so and link the archive's text search for
     the same words. Text only; kept under the results' count, which Material rewrites. */
  function scopeSearch() {
    var data = document.getElementById("sg-search-scope");
    var input = document.querySelector(".md-search__input");
    var results = document.querySelector(".md-search-result");
    if (!data || !input || !results || results.dataset.sgScoped) return;
    results.dataset.sgScoped = "1";
    var scope;
    try { scope = JSON.parse(data.textContent); } catch (e) { return; }
    var note = document.createElement("p"), link = document.createElement("a");
    note.className = "sg-search-scope";
    note.appendChild(document.createTextNode(scope.covers + " \u2014 "));
    link.textContent = scope.all;
    note.appendChild(link);
    var place = function () {
      var query = input.value.trim();
      link.href = scope.archive + (query ? "?text=" + encodeURIComponent(query) : "");
      var meta = results.querySelector(".md-search-result__meta");
      if (meta && meta.nextSibling !== note) meta.after(note);
    };
    input.addEventListener("input", place);
    new MutationObserver(function () { if (!note.isConnected) place(); }).observe(results, { childList: true });
    place();
  }

  /* -- The overview's day tooltips, written from each day's data-d and the words in
     data-bar-words (_daybars.html); the first one opened fetches data-day-incidents and names
     the incidents by title. Text only. -- */
  function tipLink(href, text) {
    var span = document.createElement("span"), a = document.createElement("a");
    span.className = "sg-tip-links";
    a.href = href;
    a.textContent = text;
    span.append(" · ", a);
    return span;
  }

  function dayTips(section, holder) {
    var w, loading;
    if (section.dataset.tipsWritten) return;
    try { w = JSON.parse(section.dataset.barWords); } catch (e) { return; }
    section.dataset.tipsWritten = "1";
    var date = new Intl.DateTimeFormat(locale(), { dateStyle: "medium", timeZone: "UTC" });
    section.querySelectorAll("ol.sg-bars[data-last]").forEach(function (ol) {
      var days = ol.children, n = days.length, last = keyDate(ol.dataset.last);
      for (var i = 0; i < n; i++) {
        var li = days[i], day = new Date(last), d = li.dataset.d, text = "", count = 0;
        day.setUTCDate(day.getUTCDate() - n + 1 + i);
        li.dataset.day = day.toISOString().slice(0, 10);
        if (i >= n >> 1) li.classList.add("sg-later");
        if (n - i <= Math.min(w.phoneDays, n) >> 1) li.classList.add("sg-phone-later");
        if (d === "-") text = " · " + w.noData;
        else if (!d) text = " · " + w.none + " · " + w.full + "\u00a0%";
        else {
          d = d.split("|");
          (d[0] ? d[0].split(" ") : [w.none]).forEach(function (item) {
            var bits = item.split(":");
            text += " · " + (bits.length < 2 ? item : fill(w.statusFor, { status: w.status[bits[0]], duration: +bits[1] ? span(bits[1] * 60000, holder.dataset) : w.under }));
          });
          text += " · " + d[1] + "\u00a0%";
          count = +d[2];
        }
        var tip = document.createElement("span"), strong = document.createElement("strong");
        tip.className = "sg-tip";
        strong.textContent = date.format(day);
        tip.append(strong, text);
        if (count) tip.append(tipLink(ol.dataset.href, fill(w.incidents, { count: count })));
        li.appendChild(tip);
      }
      /* Written: assistive technology hears the days, instead of their summary (bars_summary). */
      ol.removeAttribute("aria-hidden");
      if (ol.nextElementSibling && ol.nextElementSibling.classList.contains("sg-bars-summary")) ol.nextElementSibling.hidden = true;
    });
    var open = function (e) {
      if (loading || !e.target.closest("li.sg-bar")) return;
      loading = fetch(section.dataset.dayIncidents).then(function (r) { return r.json(); })
        .then(function (index) { nameIncidents(section, w, index); }, function () { loading = null; });
    };
    section.addEventListener("pointerover", open);
    section.addEventListener("focusin", open);
  }

  /* A day's count becomes its titles (at most w.links, then "+2 more"); focus moves along. */
  function nameIncidents(section, w, index) {
    var url = section.dataset.incidentUrl, id = section.dataset.idPlaceholder;
    section.querySelectorAll("ol.sg-bars[data-last]").forEach(function (ol) {
      var listed = index.days[ol.dataset.id] || {};
      ol.querySelectorAll(".sg-tip-links").forEach(function (old) {
        var ids = (listed[old.closest("li").dataset.day] || []).filter(function (i) { return index.titles[i]; });
        if (!ids.length) return;
        var links = ids.slice(0, w.links).map(function (i) { return tipLink(url.replace(id, encodeURIComponent(i)), index.titles[i]); });
        if (ids.length > w.links) links.push(tipLink(ol.dataset.href, fill(w.more, { count: ids.length - w.links })));
        var focused = old.contains(document.activeElement);
        old.replaceWith.apply(old, links);
        if (focused) links[0].lastChild.focus();
      });
    });
  }

  /* A tap (or click) on a day opens its tooltip, on every page, until something else is
     tapped: touch screens have no hover. */
  document.addEventListener("click", function (e) {
    var bar = e.target.closest ? e.target.closest("li.sg-bar") : null;
    if (bar && e.target.closest("a")) return;
    document.querySelectorAll("li.sg-bar.sg-open").forEach(function (other) { if (other !== bar) other.classList.remove("sg-open"); });
    if (bar) bar.classList.toggle("sg-open");
  });

  /* Phones show the last days only (CSS): the bars' name says how many are shown. */
  var PHONE = window.matchMedia ? window.matchMedia("(max-width: 600px)") : null;
  function nameBars() {
    document.querySelectorAll("ol.sg-bars[data-label-phone]").forEach(function (bars) {
      if (!bars.dataset.labelWide) bars.dataset.labelWide = bars.getAttribute("aria-label");
      bars.setAttribute("aria-label", PHONE && PHONE.matches ? bars.dataset.labelPhone : bars.dataset.labelWide);
    });
  }
  if (PHONE && PHONE.addEventListener) PHONE.addEventListener("change", nameBars);

  /* On paper every group is open, then back as the reader left them. */
  var closedForPrint = [];
  window.addEventListener("beforeprint", function () {
    closedForPrint = Array.prototype.filter.call(document.querySelectorAll("details.sg-group"), function (d) { return !d.open; });
    closedForPrint.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    closedForPrint.forEach(function (d) { d.open = false; });
    closedForPrint = [];
  });

  function init() {
    nameSearchDialog();
    scopeSearch();
    nameBars();
    startRefreshing();
    var holder = document.querySelector("[data-built]");
    if (holder) document.querySelectorAll(".sg-days[data-zone]").forEach(function (days) { regroupDays(days, Date.parse(holder.dataset.built)); });
    if (holder) document.querySelectorAll("[data-bar-words]").forEach(function (section) { dayTips(section, holder); });
    var form = document.getElementById("sg-filters");
    if (form && form.dataset.script && document.getElementById("sg-row-template") && window.fetch && window.URLSearchParams) startArchive(form);
  }

  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
