/* Inlined into every page's head by statusgen (render/head.py), before Material's bundle runs:
   Material's search index request and its worker wait until the reader first reaches for search. */
(function () {
  var held = [], engaged = false;
  function engage() { if (!engaged) { engaged = true; held.splice(0).forEach(function (go) { go(); }); } }
  function later(go) { if (engaged) go(); else held.push(go); }
  var send = XMLHttpRequest.prototype.send, open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.sgIndex = /\/search\/search_index\.json$/.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this, args = arguments;
    if (!request.sgIndex) return send.apply(request, args);
    later(function () { send.apply(request, args); });
  };
  var RealWorker = window.Worker;
  if (RealWorker && window.EventTarget) window.Worker = function (url, options) {
    if (engaged || !/\/workers\/search\.[^\/]*js$/.test(String(url))) return new RealWorker(url, options);
    var proxy = new EventTarget(), queue = [], real = null;
    proxy.postMessage = function (message) { if (real) real.postMessage(message); else queue.push(message); };
    proxy.terminate = function () { if (real) real.terminate(); };
    later(function () {
      real = new RealWorker(url, options);
      real.addEventListener("message", function (e) { proxy.dispatchEvent(new MessageEvent("message", { data: e.data })); });
      queue.splice(0).forEach(function (message) { real.postMessage(message); });
    });
    return proxy;
  };
  var SEARCH = ".md-search, label[for=__search], #__search";
  function reached(e) { if (e.target && e.target.closest && e.target.closest(SEARCH)) engage(); }
  ["pointerover", "focusin", "click", "change", "touchstart"].forEach(function (type) {
    document.addEventListener(type, reached, { capture: true, passive: true });
  });
  document.addEventListener("keydown", function (e) {
    if (!e.ctrlKey && !e.metaKey && !e.altKey && /^[sSfF/]$/.test(e.key)) engage();
  }, true);
  if (/[?&]q=/.test(location.search)) engage();
})();
