/* statusgen: the archive's filters (/history/), fetched by statusgen.js on that page only,
   with its helpers (window.statusgen). No dependencies. */
(function () {
  "use strict";
  var sg = window.statusgen, locale = sg.locale, fill = sg.fill, setText = sg.setText, refresh = sg.refresh;
  var PAGE_SIZE = 100;

  /* The archive: filter a compact index, keep the filters in the URL.
     history/index.json holds columns of numbers for every incident (render/archive.py); what a
     row shows comes from one file per year, fetched when the rows shown reach that year. The
     texts the text filter looks in come in parts of a year (history/search-<year>-<part>.json),
     fetched newest first, one at a time: a text query shows what the parts here hold, says it
     is still searching, and fetches the next part until every incident has been searched. */
  // The text filter is `text`: Material's search reads `q` from the URL and would open itself.
  var FILTERS = ["component", "impact", "type", "status", "postmortem", "year", "month", "text"];
  var F_MAINTENANCE = 1, F_ACTIVE = 2, F_INTERNAL = 4, F_POSTMORTEM = 8;

  function Archive(form) {
    this.form = form;
    this.results = document.getElementById("sg-results");
    this.rowTemplate = document.getElementById("sg-row-template");
    this.count = document.getElementById("sg-count");
    this.months = JSON.parse(this.results.dataset.months);
    this.impacts = JSON.parse(this.results.dataset.impacts);
    this.urlFor = form.dataset.incidentUrl;
    this.idPlaceholder = form.dataset.idPlaceholder;
    this.states = JSON.parse(this.results.dataset.states);
    this.pageSize = parseInt(form.dataset.pageSize, 10) || PAGE_SIZE;
    this.index = null;
    this.texts = {};    /* "year-part" -> its texts, once here */
    this.parts = {};    /* "year-part" -> promise of its texts */
    this.years = {};    /* year -> promise of its rows */
    this.loaded = {};   /* year -> its rows, once here */
    this.shown = this.pageSize;
    this.lastQuery = null;
  }

  /* The columns, decoded once: start times (ms), years, months, flags, component sets, and
     each incident's year in the index (`of`: its offset, count and texts per file). */
  function decodeIndex(raw) {
    var n = raw.flags.length, start = new Array(n), year = new Array(n), month = new Array(n);
    var at = 0, first = [], offset = 0, of = new Array(n);
    for (var i = 0; i < n; i++) {
      at = i ? at - raw.start[i] : raw.start[0];
      var date = new Date(at * 1000);
      start[i] = date;
      year[i] = date.getUTCFullYear();
      month[i] = date.getUTCMonth() + 1;
    }
    raw.years.forEach(function (pair) {
      var y = { year: pair[0], offset: offset, count: pair[1] };
      for (var k = offset; k < offset + pair[1]; k++) of[k] = y;
      first.push(y);
      offset += pair[1];
    });
    return {
      total: n, start: start, year: year, month: month, flags: raw.flags, set: raw.set, of: of, perFile: raw.texts_per_file,
      sets: raw.sets, components: raw.components, impacts: raw.impacts, states: raw.states, years: first
    };
  }

  /* An optional part of a row (data-part): kept, unwrapped, as the server draws it, or dropped. */
  function keepPart(li, name, wanted) {
    var part = li.querySelector("[data-part=\"" + name + "\"]");
    if (!part) return;
    if (wanted) part.replaceWith.apply(part, Array.prototype.slice.call(part.childNodes));
    else part.remove();
  }

  /* Incident i of the index, cloned from the server's own row (the incident_row macro, in
     #sg-row-template) and filled with text only, so nothing moves or goes missing. The
     duration is live (kept right by the clock) while open, as the server draws it, with the
     end of a maintenance's window so it moves on from "upcoming" when the window begins. */
  Archive.prototype.row = function (i, shows, day) {
    var index = this.index, flags = index.flags[i];
    var li = this.rowTemplate.content.firstElementChild.cloneNode(true);
    var impact = index.impacts[(flags >> 4) & 3], stateValue = index.states[flags >> 6];
    var state = this.states[stateValue], iso = index.start[i].toISOString().replace(/\.000Z$/, "Z");
    li.className = "sg-row sg-i-" + impact;
    var link = li.querySelector("a");
    link.href = this.urlFor.replace(this.idPlaceholder, encodeURIComponent(shows[0]));
    link.textContent = shows[1];
    var time = li.querySelector("time");
    time.setAttribute("datetime", iso);
    time.textContent = day.format(index.start[i]);
    var impactEl = li.querySelector(".sg-impact");
    impactEl.className = "sg-impact sg-i-" + impact;
    impactEl.textContent = this.impacts[impact];
    var duration = li.querySelector("[data-part=duration]");
    if (flags & F_ACTIVE) {
      duration.removeAttribute("data-part");
      duration.className = "sg-live";
      duration.dataset.kind = flags & F_MAINTENANCE ? "maintenance" : "incident";
      duration.dataset.state = stateValue;
      duration.dataset.start = iso;
      if (shows[3]) duration.dataset.end = shows[3];
      duration.textContent = shows[2];
    } else {
      duration.replaceWith(document.createTextNode(shows[2]));
    }
    if (state) li.querySelector("[data-part=state] strong").textContent = state;
    keepPart(li, "internal", flags & F_INTERNAL);
    keepPart(li, "maintenance", flags & F_MAINTENANCE);
    keepPart(li, "postmortem", flags & F_POSTMORTEM);
    keepPart(li, "state", state);
    return li;
  };

  /* The first page of results is the server's. The archive's index is fetched only when the
     reader reaches for the filters or "Show more", or when the URL already holds a filter, so
     a reader who only looks pays for nothing more. */
  Archive.prototype.start = function () {
    var self = this, form = self.form;
    self.readQuery();
    // A text field fires "change" again when it loses focus, e.g. on the click on a result:
    // redrawing then would swallow that click. Only a real change of a filter redraws.
    var apply = function () {
      if (JSON.stringify(self.values()) === self.lastQuery) return;
      self.shown = self.pageSize;
      self.update(true);
    };
    var changed = function () { if (self.index) apply(); else self.load().then(apply, function () {}); };
    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    form.addEventListener("reset", function () { setTimeout(changed, 0); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    var prefetch = function () { self.load().catch(function () {}); };
    form.addEventListener("focusin", prefetch);
    form.addEventListener("pointerover", prefetch);
    self.results.addEventListener("pointerover", function (e) {
      if (e.target.closest(".sg-more-button")) prefetch();
    });
    self.results.addEventListener("click", function (e) {
      if (!e.target.closest(".sg-more-button")) return;
      if (self.index) self.more(); else self.load().then(function () { self.more(); }, function () {});
    });
    self.lastQuery = JSON.stringify(self.blank());
    if (JSON.stringify(self.values()) !== self.lastQuery) self.load().then(function () { self.update(false); }, function () {});
  };

  function getJson(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error(url + ": " + r.status);
      return r.json();
    });
  }

  /* While a file loads the results are busy and the count says so; if it fails, the results
     say so and list the year pages, which hold every incident without JavaScript. */
  Archive.prototype.fetching = function (promise, message) {
    var self = this, data = self.results.dataset;
    self.busy = (self.busy || 0) + 1;
    self.results.setAttribute("aria-busy", "true");
    setText(self.count, message || fill(data.loading, { count: self.total() }));
    var done = function () { if (--self.busy === 0) self.results.removeAttribute("aria-busy"); };
    return promise.then(function (value) { done(); return value; }, function (error) {
      done();
      self.failed();
      throw error;
    });
  };

  Archive.prototype.total = function () {
    return (this.index ? this.index.total : parseInt(this.results.dataset.total, 10) || 0).toLocaleString(locale());
  };

  Archive.prototype.failed = function () {
    var message = document.createElement("p"), years = document.querySelector("#sg-static .sg-years");
    message.className = "sg-load-failed";
    message.setAttribute("role", "alert");
    message.textContent = this.results.dataset.failed;
    var out = [message];
    if (years) out.push(years.cloneNode(true));
    this.results.replaceChildren.apply(this.results, out);
    this.drawn = null;
    setText(this.count, "");
  };

  Archive.prototype.load = function () {
    var self = this;
    if (!self.loading) {
      self.loading = self.fetching(getJson(self.form.dataset.index)).then(function (raw) { self.index = decodeIndex(raw); });
      self.loading.catch(function () { self.loading = null; });
    }
    return self.loading;
  };

  /* The rows of one year (a promise; fetched once). */
  Archive.prototype.yearRows = function (year) {
    var self = this;
    if (!self.years[year]) {
      self.years[year] = self.fetching(getJson(self.form.dataset.yearRows.replace("{year}", year)))
        .then(function (data) { self.loaded[year] = data.rows; return data.rows; });
      self.years[year].catch(function () { delete self.years[year]; });
    }
    return self.years[year];
  };

  Archive.prototype.blank = function () {
    var values = {};
    FILTERS.forEach(function (name) { values[name] = ""; });
    return values;
  };

  /* "Show more": the next page of rows, with the keyboard on the first of them. */
  Archive.prototype.more = function () {
    var self = this, first = this.shown;
    this.shown += this.pageSize;
    this.render(this.filter(this.values())).then(function () {
      var links = self.results.querySelectorAll(".sg-row > a");
      if (links[first]) links[first].focus();
    }, function () {});
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

  /* One part of a year's search texts (a promise; fetched once), the count saying so. */
  Archive.prototype.textPart = function (part, message) {
    var self = this, key = part.year + "-" + part.part;
    if (!self.parts[key]) {
      var url = self.form.dataset.textIndex.replace("{year}", part.year).replace("{part}", part.part);
      self.parts[key] = self.fetching(getJson(url), message)
        .then(function (data) { self.texts[key] = data.texts; });
      self.parts[key].catch(function () { delete self.parts[key]; });
    }
    return self.parts[key];
  };

  /* Draw what matches so far; while a text query still has parts to search, fetch the next
     (newest first) once that is drawn, so the first screen has the network to itself, and
     then filter again. */
  Archive.prototype.update = function (fromUser) {
    var self = this, values = this.values(), found = this.filter(values);
    var run = this.run = (this.run || 0) + 1;
    this.lastQuery = JSON.stringify(values);
    if (fromUser) this.writeQuery(values);
    var drawn = this.render(found);
    drawn.catch(function () {});
    if (!found.searching) return;
    drawn.then(function () {
      setTimeout(function () {
        if (run !== self.run) return;
        self.textPart(found.searching, self.searchingText(found))
          .then(function () { if (run === self.run) self.update(false); }, function () {});
      }, 0);
    }, function () {});
  };

  /* The incidents that match, newest first: `matches`, their indexes, and `searching`, the
     part of the search texts the next candidate's text is in when that part is not here yet
     (the matches stop there, so they are always the newest ones), else null. */
  Archive.prototype.filter = function (v) {
    var index = this.index, component = -1;
    for (var c = 0; c < index.components.length; c++) if (index.components[c][0] === v.component) component = c;
    if (v.component && component < 0) return { matches: [], searching: null };
    var impact = v.impact ? index.impacts.indexOf(v.impact) : -1;
    var year = v.year ? parseInt(v.year, 10) : 0, month = v.month ? parseInt(v.month, 10) : 0;
    var words = v.text ? v.text.toLowerCase().split(/\s+/).filter(Boolean) : [];
    var out = [], inSet = [], searching = null;
    if (component >= 0) index.sets.forEach(function (members, n) { inSet[n] = members.indexOf(component) >= 0; });
    for (var i = 0; i < index.total; i++) {
      var flags = index.flags[i];
      if (component >= 0 && !inSet[index.set[i]]) continue;
      if (impact >= 0 && ((flags >> 4) & 3) !== impact) continue;
      if (v.type && !!(flags & F_MAINTENANCE) !== (v.type === "maintenance")) continue;
      if (v.status && !!(flags & F_ACTIVE) !== (v.status === "active")) continue;
      if (v.postmortem && !(flags & F_POSTMORTEM)) continue;
      if (year && index.year[i] !== year) continue;
      if (month && index.month[i] !== month) continue;
      if (words.length) {
        var y = index.of[i], at = i - y.offset, part = Math.floor(at / index.perFile) + 1;
        var texts = this.texts[y.year + "-" + part];
        if (!texts) { searching = { year: y.year, part: part }; break; }
        var text = texts[at % index.perFile], all = true;
        for (var w = 0; w < words.length; w++) if (text.indexOf(words[w]) < 0) { all = false; break; }
        if (!all) continue;
      }
      out.push(i);
    }
    return { matches: out, searching: searching };
  };

  /* The shown rows' years, fetched if need be, then drawn (a promise). With every year it
     needs already here, it draws at once, within the event that changed a filter. */
  Archive.prototype.render = function (found) {
    var self = this, index = this.index, visible = found.matches.slice(0, this.shown);
    var needed = [];
    index.years.forEach(function (y) {
      for (var k = 0; k < visible.length; k++) {
        var i = visible[k];
        if (i >= y.offset && i < y.offset + y.count) { needed.push(y); return; }
      }
    });
    var ticket = this.ticket = (this.ticket || 0) + 1;
    var ready = needed.every(function (y) { return self.loaded[y.year]; });
    if (ready) {
      this.draw(found, visible, this.shows(needed, needed.map(function (y) { return self.loaded[y.year]; })));
      return Promise.resolve();
    }
    return Promise.all(needed.map(function (y) { return self.yearRows(y.year); })).then(function (loaded) {
      if (ticket === self.ticket) self.draw(found, visible, self.shows(needed, loaded));
    });
  };

  Archive.prototype.shows = function (needed, loaded) {
    var shows = {};
    needed.forEach(function (y, n) { shows[y.year] = { offset: y.offset, rows: loaded[n] }; });
    return shows;
  };

  Archive.prototype.searchingText = function (found) {
    return fill(this.results.dataset.searching, { year: found.searching.year, count: found.matches.length.toLocaleString(locale()) });
  };

  /* The count, and the rows unless they are the ones already drawn: a search that goes on
     through older incidents changes the count only, or adds rows after the ones drawn, and
     the keyboard stays where it was. */
  Archive.prototype.draw = function (found, visible, shows) {
    var data = this.results.dataset, index = this.index, matches = found.matches;
    var day = new Intl.DateTimeFormat(locale(), { dateStyle: "medium" });
    var out = document.createDocumentFragment(), month = "", list = null;
    if (found.searching) setText(this.count, this.searchingText(found));
    else this.count.textContent = data.count.replace("{count}", matches.length).replace("{total}", index.total);
    var drawn = JSON.stringify([visible, matches.length > visible.length, !matches.length && !found.searching]);
    if (drawn === this.drawn) return;
    this.drawn = drawn;
    var add = function (tag, text, className) {
      var el = document.createElement(tag);
      if (text) el.textContent = text;
      if (className) el.className = className;
      return el;
    };
    if (!matches.length && !found.searching) out.appendChild(add("p", data.empty));
    for (var k = 0; k < visible.length; k++) {
      var i = visible[k], key = index.year[i] * 100 + index.month[i];
      var held = shows[index.year[i]];
      if (key !== month) {
        month = key;
        out.appendChild(add("h2", this.months[index.month[i] - 1] + " " + index.year[i]));
        list = out.appendChild(add("ul", "", "sg-list"));
      }
      list.appendChild(this.row(i, held.rows[i - held.offset], day));
    }
    if (matches.length > visible.length) {
      var more = add("button", data.more, "md-button sg-more-button");
      more.type = "button";
      out.appendChild(add("p")).appendChild(more);
    }
    // Rows are only ever added after the ones drawn: the keyboard goes back to the same row,
    // or to "Show more" (or, if that is gone, the first row added).
    var focused = document.activeElement, had = this.results.querySelectorAll(".sg-row > a");
    var at = Array.prototype.indexOf.call(had, focused), onMore = this.results.contains(focused) && focused.matches(".sg-more-button");
    this.results.replaceChildren(out);
    if (at >= 0 || onMore) {
      var links = this.results.querySelectorAll(".sg-row > a");
      var again = at >= 0 ? links[at] : this.results.querySelector(".sg-more-button") || links[had.length];
      if (again) again.focus({ preventScroll: true });
    }
    refresh();
  };

  window.statusgenArchive = function (form) { new Archive(form).start(); };
})();
