// Draws the live view from a snapshot (first the one in the page, then one a second over server-sent events).
(function () {
  "use strict";
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  function ms(v) { return v === null || v === undefined ? "–" : v + " ms"; }
  function stateLabel(d) {
    if (d.state === "cooling") return "cooling · " + Math.ceil(d.cooling_left_ms / 1000) + " s left";
    if (d.state === "probation") return "probing";
    return d.state;
  }
  function deployment(d) {
    var box = el("div", "deployment " + d.state);
    box.dataset.deployment = d.id;
    var head = el("div");
    head.appendChild(el("strong", null, d.id));
    head.appendChild(document.createTextNode(" "));
    var badge = el("span", "badge " + (d.state === "standby" ? "" : d.state), stateLabel(d));
    badge.dataset.state = d.state;
    head.appendChild(badge);
    box.appendChild(head);
    box.appendChild(el("div", "small", d.model + (d.group ? " · " + d.group : "")));
    box.appendChild(el("div", "figures", d.rps + " req/s · " + d.requests + " req · " + d.errors + " err · latency " + ms(d.latency_ms) + " · TTFT " + ms(d.ttft_ms)));
    if (d.last_failure) box.appendChild(el("div", "failure", "last failure: " + d.last_failure));
    return box;
  }
  function render(data) {
    document.getElementById("strategy").textContent = data.strategy;
    document.getElementById("live-time").textContent = data.time.replace("T", " ").replace(/\.\d+Z$/, "Z");
    var groups = document.getElementById("groups");
    var frag = document.createDocumentFragment();
    data.groups.forEach(function (g) {
      var sec = el("section", "panel group");
      sec.dataset.group = g.name;
      sec.appendChild(el("h2", null, g.name));
      var chain = el("div", "chain");
      g.chain.forEach(function (d, i) {
        if (i > 0) chain.appendChild(el("span", "arrow", "→"));
        chain.appendChild(deployment(d));
      });
      sec.appendChild(chain);
      frag.appendChild(sec);
    });
    groups.replaceChildren(frag);
    var body = document.querySelector("#switches tbody");
    var rows = document.createDocumentFragment();
    data.switches.forEach(function (s) {
      var tr = el("tr", "switch");
      [s.time.replace("T", " ").replace(/\.\d+Z$/, "Z"), s.session, s.group, s.from, s.to, s.reason].forEach(function (v) { tr.appendChild(el("td", null, v)); });
      rows.appendChild(tr);
    });
    body.replaceChildren(rows);
  }
  render(JSON.parse(document.getElementById("live-data").textContent));
  var status = document.getElementById("live-status");
  var events = new EventSource("/ui/events");
  events.onopen = function () { status.textContent = "connected"; };
  events.onerror = function () { status.textContent = "reconnecting"; };
  events.onmessage = function (e) { render(JSON.parse(e.data)); };
})();
