// Draws the live view from a snapshot (first the one in the page, then one a second over server-sent events).
// Cards are made once and updated in place, so a card's Cool down and Recover forms survive each update; they move
// only when the strategy reorders a chain.
(function () {
  "use strict";
  var csrf = document.querySelector("#strategy-form input[name=_csrf]").value;
  var sections = {};
  var cards = {};

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  function ms(v) { return v === null || v === undefined ? "–" : Math.round(v) + " ms"; }
  function pct(v) { return Math.round(v * 100) + "%"; }
  function seconds(msLeft) { return Math.max(0, Math.ceil(msLeft / 1000)) + " s"; }
  function stateLabel(d) {
    var r = d.routing;
    if (d.state === "cooling") return "cooling · " + seconds(r.cooldown_left_ms) + " left";
    if (d.state === "probation") return "probing";
    if (d.state === "recovering") return "recovering · " + pct(r.traffic_share) + " of new traffic";
    if (d.state === "near-limit") return "near limit · passed over";
    return d.state;
  }
  function hidden(name, value) {
    var i = el("input");
    i.type = "hidden"; i.name = name; i.value = value;
    return i;
  }
  function actionForm(action, id, label) {
    var f = el("form", "inline " + action);
    f.method = "post";
    f.action = "/ui/routing/" + action;
    f.appendChild(hidden("_csrf", csrf));
    f.appendChild(hidden("deployment", id));
    var button = el("button", action === "cooldown" ? "rollback" : "accept", label);
    button.type = "submit";
    f.appendChild(button);
    return f;
  }
  function actions(id) {
    var box = el("div", "actions");
    var cool = actionForm("cooldown", id, "Cool down");
    var length = el("select");
    length.name = "seconds";
    length.setAttribute("aria-label", "for how long");
    [["60", "1 min"], ["300", "5 min"], ["900", "15 min"], ["3600", "1 h"]].forEach(function (o) {
      var opt = el("option", null, o[1]);
      opt.value = o[0];
      length.appendChild(opt);
    });
    cool.insertBefore(length, cool.lastChild);
    box.appendChild(cool);
    box.appendChild(actionForm("recover", id, "Recover"));
    return box;
  }
  function makeCard(d) {
    var c = { box: el("div", "deployment") };
    c.box.dataset.deployment = d.id;
    var head = el("div");
    head.appendChild(el("strong", null, d.id));
    head.appendChild(document.createTextNode(" "));
    c.badge = el("span", "badge");
    head.appendChild(c.badge);
    c.box.appendChild(head);
    ["meta small", "figures", "router figures", "quota figures", "streak figures", "failure"].forEach(function (cls) {
      c[cls.split(" ")[0]] = c.box.appendChild(el("div", cls));
    });
    c.meter = el("meter");
    c.meter.min = 0; c.meter.max = 1;
    c.quotaText = el("span");
    c.quota.appendChild(c.meter);
    c.quota.appendChild(c.quotaText);
    c.actions = actions(d.id);
    c.box.appendChild(c.actions);
    return c;
  }
  function show(e, text) {
    e.hidden = !text;
    if (text && e.textContent !== text) e.textContent = text;
  }
  function usd(v) { return v === null ? "" : " · $" + v.toFixed(2) + "/M tok"; }
  function update(c, d, now, threshold) {
    var r = d.routing, s = r.stats, q = r.quota;
    c.box.className = "deployment " + d.state;
    c.badge.className = "badge " + (d.state === "standby" ? "" : d.state);
    c.badge.dataset.state = d.state;
    c.badge.textContent = stateLabel(d);
    show(c.meta, r.model + " · " + d.group + " · " + r.provider);
    show(c.figures, d.rps + " req/s · " + d.requests + " req · " + d.errors + " err · latency " + ms(d.latency_ms) + " · TTFT " + ms(d.ttft_ms));
    show(c.router, "router: " + s.in_flight + " in flight · TTFT " + ms(s.ttft_ms) + " · latency " + ms(s.latency_ms) + " · "
      + (s.tokens_per_second === null ? "–" : Math.round(s.tokens_per_second)) + " tok/s · " + pct(s.error_rate) + " errors"
      + usd(r.price_per_mtok) + " · score "
      + (r.score === null ? "–" : r.score.toFixed(2)));
    var resetIn = q.resets_at ? Date.parse(q.resets_at) - now : 0;
    c.quota.hidden = !(resetIn > 0);
    if (resetIn > 0) {
      c.meter.high = threshold; // past it the bar turns from green to amber
      c.meter.value = q.used;
      c.quotaText.textContent = " rate limit: " + pct(q.used) + " of its window used · resets in " + seconds(resetIn)
        + (q.predicted_limited ? " · passed over" : "");
    }
    show(c.streak, r.cooldowns_in_a_row > 0 ? r.cooldowns_in_a_row + (r.cooldowns_in_a_row === 1 ? " cooldown" : " cooldowns") + " in a row" : "");
    show(c.failure, r.last_failure ? "last failure: " + r.last_failure : "");
    c.actions.querySelector("form.cooldown").hidden = d.state === "cooling";
    c.actions.querySelector("form.recover").hidden = d.state !== "cooling" && d.state !== "probation" && d.state !== "recovering";
  }
  // replaces a parent's children only when they differ, so elements in use (an open select) are left alone
  function setChildren(parent, nodes) {
    var same = parent.children.length === nodes.length;
    for (var i = 0; same && i < nodes.length; i++) same = parent.children[i] === nodes[i];
    if (!same) parent.replaceChildren.apply(parent, nodes);
  }
  function section(name) {
    var sec = sections[name];
    if (!sec) {
      sec = sections[name] = { box: el("section", "panel group"), chain: el("div", "chain"), arrows: [] };
      sec.box.dataset.group = name;
      sec.box.appendChild(el("h2", null, name));
      sec.box.appendChild(sec.chain);
    }
    return sec;
  }
  function render(data) {
    var now = Date.parse(data.time);
    document.getElementById("strategy").textContent = data.strategy;
    document.getElementById("live-time").textContent = data.time.replace("T", " ").replace(/\.\d+Z$/, "Z");
    var boxes = [];
    data.groups.forEach(function (g) {
      var sec = section(g.name);
      var nodes = [];
      g.chain.forEach(function (d, i) {
        var key = g.name + "\n" + d.id;
        var c = cards[key] || (cards[key] = makeCard(d));
        update(c, d, now, data.rate_limit_threshold);
        if (i > 0) nodes.push(sec.arrows[i] || (sec.arrows[i] = el("span", "arrow", "→")));
        nodes.push(c.box);
      });
      setChildren(sec.chain, nodes);
      boxes.push(sec.box);
    });
    setChildren(document.getElementById("groups"), boxes);
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
