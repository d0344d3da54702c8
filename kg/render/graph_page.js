// graph.html's explorer: search any actor by any of its names, draw its neighbourhood, show what
// the releases say of it, filter by kind, sector and date. The data is the JSON block #kg-data
// (kg/page_data.py); release text only ever reaches the page as text (textContent, or a string
// tooltip, which vis-network shows with innerText), never as markup.
(function () {
  "use strict";
  var timings = {start: performance.now()}; // ms since the page began to load
  var D = JSON.parse(document.getElementById("kg-data").textContent);
  timings.parsed = performance.now();
  var A = D.actors, T = D.texts, n = D.count, P = D.palette;
  var details = D.details || null;
  var body = document.body;

  // Lists by actor, packed: index(each) calls each(add) twice; add(actor, item) files an item.
  function index(each, Items) {
    var start = new Int32Array(n + 1);
    each(function (actor) { start[actor + 1]++; });
    for (var k = 0; k < n; k++) start[k + 1] += start[k];
    var items = new Items(start[n]), next = start.slice(0, n);
    each(function (actor, item) { items[next[actor]++] = item; });
    return {start: start, items: items};
  }

  // -- ties: each actor's kept ties ---------------------------------------------------------------
  // Columns of integers come packed as [width, base-64 digits] (kg/page_data.py: packed).
  var DIGIT = {};
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".split("").forEach(function (c, k) { DIGIT[c.charCodeAt(0)] = k; });
  function unpack(column) {
    var width = column[0], text = column[1], values = new Int32Array(text.length / width);
    for (var k = 0, at = 0; k < values.length; k++) {
      for (var v = 0, d = 0; d < width; d++) v = v * 64 + DIGIT[text.charCodeAt(at++)];
      values[k] = v;
    }
    return values;
  }
  var tieB = unpack(D.ties.b), tieKinds = unpack(D.ties.kinds), tieCount = tieB.length;
  var tieWeight = D.ties.w2 ? Array.from(unpack(D.ties.w2), function (w) { return w / 2; }) : D.ties.w;
  var heaviest = tieWeight.reduce(function (a, b) { return Math.max(a, b); }, 0);
  var tieA = new Int32Array(tieCount), owned = unpack(D.ties.count);
  for (var a = 0, t = 0; a < n; a++) for (var c = 0; c < owned[a]; c++) tieA[t++] = a;
  var tiesBy = index(function (add) {
    for (var t = 0; t < tieCount; t++) { add(tieA[t], t); add(tieB[t], t); }
  }, Int32Array);
  var start = tiesBy.start, adjacent = tiesBy.items;
  function other(t, i) { return tieA[t] === i ? tieB[t] : tieA[t]; }
  function tiesOf(i) {
    var list = Array.prototype.slice.call(adjacent, start[i], start[i + 1]);
    return list.sort(function (a, b) {
      return tieWeight[b] - tieWeight[a] || other(a, i) - other(b, i);
    });
  }

  // -- where each actor appears: release * 65536 + its row there, in release order --------------
  var R = details ? details.releases : [];
  var seen = index(function (add) {
    R.forEach(function (release, r) {
      release[4].forEach(function (row, j) { add(row[0], r * 65536 + j); });
    });
  }, Float64Array);

  // -- what an actor is ---------------------------------------------------------------------------
  var isPerson = function (i) { return A.kind[i] === 0; };
  function kindText(i) {
    return isPerson(i) ? "인물 (person)" : "조직 · " + P[A.kind[i]][2] + " (" + P[A.kind[i]][0] + ")";
  }
  function texts(numbers) { return numbers.map(function (k) { return T[k]; }); }
  function clip(text, chars) { return text.length > chars ? text.slice(0, chars - 1) + "…" : text; }
  function tooltip(i) {
    var lines = [A.label[i], "종류: " + kindText(i)];
    if (A.titles[i].length) lines.push("직함: " + texts(A.titles[i]).join("; "));
    if (A.organizations[i].length) {
      lines.push((isPerson(i) ? "소속" : "상위 조직") + ": " + texts(A.organizations[i]).join("; "));
    }
    lines.push("언급: " + A.mentions[i] + "회 · PageRank " + A.pagerank[i].toFixed(4));
    if (A.sentence[i] >= 0) lines.push("문장: " + clip(T[A.sentence[i]], D.tooltip_chars));
    return lines.join("\n");
  }
  function kindsText(bits) {
    return D.tie_kinds.filter(function (_, k) { return bits & (1 << k); }).join(" · ");
  }
  function nodeRecord(i, at) {
    var record = {id: i, label: A.label[i], color: P[A.kind[i]][1], size: A.size[i], title: tooltip(i)};
    if (at) { record.x = at.x; record.y = at.y; }
    return record;
  }
  function tieRecord(t) {
    var a = tieA[t], b = tieB[t], w = tieWeight[t];
    return {
      id: t, from: a, to: b,
      width: Math.round((D.widths[0] + D.widths[1] * w / (heaviest || 1)) * 100) / 100,
      title: A.label[a] + " — " + A.label[b] + "\n" + kindsText(tieKinds[t]) + "\n강도 " + w,
    };
  }

  // -- filters ------------------------------------------------------------------------------------
  var boxes = function (name) { return Array.prototype.slice.call(document.querySelectorAll('input[name="' + name + '"]')); };
  var from = document.getElementById("kg-from"), to = document.getElementById("kg-to");
  var filter = null; // null: every actor passes
  var inRange = null; // with a date range: whether each release is in it
  function readFilters() {
    var kinds = boxes("kind").filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
    var sectors = 0;
    boxes("sector").forEach(function (b) {
      if (b.checked) sectors |= 1 << P.findIndex(function (p) { return p[0] === b.value; });
    });
    var all = kinds.length === 2 && sectors === (1 << P.length) - 2;
    var range = from && to && (from.value !== from.min || to.value !== to.max) ? [from.value || from.min, to.value || to.max] : null;
    inRange = range ? R.map(function (row) { return row[1] >= range[0] && row[1] <= range[1]; }) : null;
    if (all && !range) { filter = null; return; }
    filter = function (i) {
      if (kinds.indexOf(isPerson(i) ? "person" : "organization") < 0) return false;
      if (!(A.sector[i] & sectors)) return false;
      if (!inRange) return true;
      for (var k = seen.start[i]; k < seen.start[i + 1]; k++) if (inRange[Math.floor(seen.items[k] / 65536)]) return true;
      return false;
    };
  }
  var passes = function (i) { return !filter || filter(i); };

  // -- drawing ------------------------------------------------------------------------------------
  var container = document.getElementById("kg-network");
  var nodes = new vis.DataSet(), edges = new vis.DataSet();
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, D.options);
  var loading = document.getElementById("kg-loading"), status = document.getElementById("kg-status");
  var base = [], chosen = -1, settling = false;

  function neighbourhood(i) {
    var hood = [i];
    tiesOf(i).some(function (t) {
      var j = other(t, i);
      if (passes(j)) hood.push(j);
      return hood.length > D.neighbours;
    });
    return hood;
  }
  // The strongest ties among the actors of a view (at most D.drawn_ties: a view stays legible).
  function strongestAmong(list) {
    var inside = {}, found = [];
    list.forEach(function (i) { inside[i] = true; });
    list.forEach(function (i) {
      for (var k = start[i]; k < start[i + 1]; k++) {
        var t = adjacent[k];
        if (tieA[t] === i && inside[tieB[t]]) found.push(t);
      }
    });
    found.sort(function (s, t) { return tieWeight[t] - tieWeight[s] || s - t; });
    edges.add(found.slice(0, D.drawn_ties).map(tieRecord));
  }
  function addTiesOf(list) {
    var records = [], added = {};
    list.forEach(function (i) {
      for (var k = start[i]; k < start[i + 1]; k++) {
        var t = adjacent[k];
        if (!added[t] && nodes.get(other(t, i)) && !edges.get(t)) { added[t] = true; records.push(tieRecord(t)); }
      }
    });
    edges.add(records);
  }
  function showStatus() {
    var shown = nodes.length.toLocaleString("ko-KR"), total = n.toLocaleString("ko-KR");
    status.textContent = "표시 " + shown + "개 / 전체 " + total + "개" + (nodes.length < n ? " (나머지는 찾기로)" : "");
  }
  // Labels stay readable whatever the zoom: 13 px on screen when zoomed out, growing with the
  // zoom from 14 canvas px up to 20 px on screen when zoomed in.
  var labelSize = 0;
  function sizeLabels() {
    var scale = network.getScale() || 1;
    var size = Math.min(Math.max(13, 14 * scale), 20) / scale;
    if (Math.abs(size - labelSize) > 0.05 * labelSize) {
      labelSize = size;
      network.setOptions({nodes: {font: {size: size}}});
    }
  }
  network.on("zoom", sizeLabels);
  function settled() {
    if (!settling) return;
    settling = false;
    network.setOptions({physics: false});
    network.fit();
    sizeLabels();
    loading.hidden = true;
    showStatus();
    timings.drawn = timings.drawn || performance.now();
    body.dataset.kgDrawn = String(nodes.length);
    // Draw now rather than on the next animation frame, which a background tab may never get.
    setTimeout(function () { network.redraw(); }, 0);
  }
  network.on("stabilizationProgress", function (p) {
    loading.textContent = "배치 계산 중… " + Math.round(100 * p.iterations / p.total) + "% (laying out)";
  });
  network.on("stabilizationIterationsDone", settled);
  network.on("stabilized", settled);

  // Lay out the most central actors that pass the filters (and the chosen one's neighbourhood).
  function layOut() {
    readFilters();
    if (chosen >= 0 && !panel.hidden) showDetails(chosen);
    base = [];
    for (var i = 0; i < n && base.length < D.drawn; i++) if (passes(i)) base.push(i);
    var drawn = base.slice(), hood = chosen >= 0 ? neighbourhood(chosen) : [];
    hood.forEach(function (j) { if (drawn.indexOf(j) < 0) drawn.push(j); });
    nodes.clear();
    edges.clear();
    nodes.add(drawn.map(function (j) { return nodeRecord(j); }));
    strongestAmong(base);
    addTiesOf(hood);
    loading.hidden = false;
    delete body.dataset.kgDrawn;
    settling = true;
    if (!drawn.length) { settled(); return; }
    labelSize = D.options.nodes.font.size;
    network.setOptions({physics: Object.assign({enabled: true}, D.options.physics), nodes: {font: {size: labelSize}}});
    network.stabilize(D.options.physics.stabilization.iterations);
  }

  // Draw actor i with its neighbourhood around it (the rest stays where it is) and select it.
  function focus(i) {
    var hood = neighbourhood(i), keep = {};
    base.concat(hood).forEach(function (j) { keep[j] = true; });
    var gone = {};
    nodes.remove(nodes.getIds().filter(function (j) { return !keep[j] && (gone[j] = true); }));
    edges.remove(edges.getIds({filter: function (e) { return gone[e.from] || gone[e.to]; }}));
    var centre = nodes.get(i) ? network.getPositions([i])[i] : network.getViewPosition();
    var fresh = hood.filter(function (j) { return !nodes.get(j); });
    var radius = 90 + 12 * fresh.length;
    nodes.add(fresh.map(function (j, k) {
      if (j === i) return nodeRecord(j, centre);
      var angle = 2 * Math.PI * k / fresh.length;
      return nodeRecord(j, {x: centre.x + radius * Math.cos(angle), y: centre.y + radius * Math.sin(angle)});
    }));
    addTiesOf(fresh);
    network.selectNodes([i]);
    network.focus(i, {scale: Math.max(network.getScale(), 0.9), animation: {duration: 300}});
    network.once("animationFinished", sizeLabels);
    showStatus();
  }

  function choose(i) {
    chosen = i;
    showDetails(i);
    network.setSize("100%", "100%"); // the panel took its room from the view
    focus(i);
  }
  network.on("click", function (e) { if (e.nodes.length) choose(e.nodes[0]); });

  // -- search -------------------------------------------------------------------------------------
  function normal(text) { return text.normalize("NFC").toLowerCase().replace(/\s+/g, ""); }
  var keys = [], owners = [];
  for (var i = 0; i < n; i++) { keys.push(normal(A.label[i])); owners.push(i); }
  var formsOf = {};
  A.forms.forEach(function (row) {
    formsOf[row[0]] = row.slice(1);
    row.slice(1).forEach(function (form) { keys.push(normal(form)); owners.push(row[0]); });
  });
  var SHOWN = 30;
  function find(query) {
    var q = normal(query), found = [[], [], []], seen = {};
    if (!q) return [];
    for (var k = 0; k < keys.length; k++) {
      var at = keys[k].indexOf(q);
      if (at >= 0) found[keys[k].length === q.length ? 0 : at === 0 ? 1 : 2].push(owners[k]);
    }
    // exact names first, then names that start with the query, then the rest; by rank in each
    return found.reduce(function (all, bucket) {
      bucket.sort(function (a, b) { return a - b; }).forEach(function (j) {
        if (!seen[j]) { seen[j] = true; all.push(j); }
      });
      return all;
    }, []);
  }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function about(i) {
    var said = texts(A.titles[i]).concat(texts(A.organizations[i])).slice(0, 3).join(", ");
    return (isPerson(i) ? "인물" : P[A.kind[i]][2]) + (said ? " · " + said : "");
  }
  var search = document.getElementById("kg-search"), results = document.getElementById("kg-results");
  var foundLine = document.getElementById("kg-found");
  function listResults() {
    var hits = find(search.value);
    results.replaceChildren();
    hits.slice(0, SHOWN).forEach(function (j) {
      var button = el("button");
      button.type = "button";
      button.dataset.actor = String(j);
      button.append(el("strong", A.label[j]), " ", el("small", about(j)));
      button.addEventListener("click", function () { choose(j); });
      var item = el("li");
      item.append(button);
      results.append(item);
    });
    foundLine.textContent = !search.value.trim() ? "" : hits.length ? hits.length + "개 찾음" +
      (hits.length > SHOWN ? " (앞의 " + SHOWN + "개 표시)" : "") : "찾은 이름이 없습니다 (no match)";
  }
  search.addEventListener("input", listResults);
  search.addEventListener("keydown", function (e) {
    var first = results.querySelector("button");
    if (e.key === "Enter" && first) { e.preventDefault(); first.click(); }
    if (e.key === "ArrowDown" && first) { e.preventDefault(); first.focus(); }
  });
  results.addEventListener("keydown", function (e) {
    var item = document.activeElement.parentElement;
    var next = e.key === "ArrowDown" ? item.nextElementSibling : e.key === "ArrowUp" ? item.previousElementSibling : null;
    if (next) { e.preventDefault(); next.firstChild.focus(); }
  });

  // -- details panel ------------------------------------------------------------------------------
  var panel = document.getElementById("kg-details");
  function linkTo(j) {
    var button = el("button", A.label[j], "kg-link");
    button.type = "button";
    button.addEventListener("click", function () { choose(j); });
    return button;
  }
  function release(r) {
    return (R[r][1] ? R[r][1] + " · " : "") + (R[r][0] || "(제목 없음)");
  }
  function item(parts, sentence) {
    var li = el("li");
    parts.forEach(function (p) { li.append(p); });
    if (sentence >= 0) li.append(el("blockquote", T[sentence]));
    return li;
  }
  function section(heading, rows, make) {
    if (!rows.length) return;
    panel.append(el("h3", heading + " (" + rows.length + ")"));
    var list = el("ul");
    rows.slice(0, D.listed).forEach(function (row) { list.append(make(row)); });
    panel.append(list);
    if (rows.length > D.listed) panel.append(el("p", "… 외 " + (rows.length - D.listed) + "개"));
  }
  // What the releases say of actor i: lists newest release first, posts by how often they occur.
  function gather(i) {
    var found = {releases: [], posts: [], said: [], events: []}, posts = {};
    for (var k = seen.start[i]; k < seen.start[i + 1]; k++) {
      var r = Math.floor(seen.items[k] / 65536), row = R[r][4][seen.items[k] % 65536], sentences = R[r][3];
      if (inRange && !inRange[r]) continue; // the panel keeps to the date range too
      var at = function (n) { return n >= 0 ? sentences[n] : -1; };
      var first = row[1];
      (row[3] || []).forEach(function (p) {
        var key = p[0] + "|" + p[1], kept = posts[key];
        if (!kept) found.posts.push(kept = posts[key] = {title: p[0], org: p[1], count: 0});
        kept.count++;
        kept.release = r;
        kept.sentence = at(p[2]);
        if (first < 0) first = p[2];
      });
      (row[4] || []).forEach(function (x) {
        found.said.push({release: r, kind: x[0], text: x[1], sentence: at(x[2])});
        if (first < 0) first = x[2];
      });
      (row[5] || []).forEach(function (e) {
        found.events.push({release: r, name: e[0], role: e[1], part: e[2], topic: e[3], date: e[4], sentence: at(e[5])});
        if (first < 0) first = e[5];
      });
      found.releases.push({release: r, sentence: at(first), creator: row[2]});
    }
    var newest = function (a, b) { return R[a.release][1] < R[b.release][1] ? 1 : R[a.release][1] > R[b.release][1] ? -1 : 0; };
    found.releases.sort(newest);
    found.said.sort(newest);
    found.events.sort(newest);
    found.posts.sort(function (a, b) { return b.count - a.count || newest(a, b); });
    return found;
  }
  function showDetails(i) {
    panel.replaceChildren();
    var close = el("button", "닫기 ×", "kg-close");
    close.type = "button";
    close.addEventListener("click", function () { panel.hidden = true; network.setSize("100%", "100%"); });
    panel.append(close, el("h2", A.label[i]), el("p", kindText(i)));
    var forms = formsOf[i];
    if (forms) panel.append(el("p", "다른 이름: " + forms.join(", ")));
    panel.append(el("p", A.iri_base + A.iri[i], "kg-iri"));
    if (A.titles[i].length) panel.append(el("p", "직함: " + texts(A.titles[i]).join("; ")));
    if (A.organizations[i].length) {
      panel.append(el("p", (isPerson(i) ? "소속: " : "상위 조직: ") + texts(A.organizations[i]).join("; ")));
    }
    panel.append(el("p", "언급 " + A.mentions[i] + "회 · 관계 " + A.degree[i] + "개 · PageRank " + A.pagerank[i]));
    var found = details && seen.start[i + 1] > seen.start[i] ? gather(i) : null;
    if (found && inRange) panel.append(el("p", "기간: " + from.value + " ~ " + to.value, "kg-range"));
    if (found) {
      section("직함·소속 (posts)", found.posts, function (p) {
        var parts = [el("strong", p.title >= 0 ? T[p.title] : "(직함 없음)")];
        if (p.org >= 0) parts.push(" · ", linkTo(p.org));
        parts.push(" ", el("small", (p.count > 1 ? p.count + "건, 최근 " : "") + release(p.release)));
        return item(parts, p.sentence);
      });
      section("보도자료 (releases)", found.releases, function (r) {
        var title = el("strong", release(r.release));
        title.title = R[r.release][2]; // the release's IRI, as graph.ttl names it
        var parts = [title];
        if (r.creator) parts.push(" ", el("small", r.creator === "author" ? "작성자" : "기자"));
        return item(parts, r.sentence);
      });
      section("발언·제안 (quotes and proposals)", found.said, function (x) {
        return item([el("strong", D.said[details.said[x.kind]] + ": "), T[x.text], " ", el("small", release(x.release))], x.sentence);
      });
      section("행사 (events)", found.events, function (e) {
        var code = details.roles[e.role], role = D.roles[code];
        if (e.part >= 0) role = code === "performer" ? T[e.part] : T[e.part] + " " + role;
        var parts = [el("strong", T[e.name]), " · " + role];
        if (e.topic >= 0) parts.push(" · " + T[e.topic]);
        var day = e.date && e.date !== R[e.release][1] ? e.date + " · " : "";
        parts.push(" ", el("small", day + release(e.release)));
        return item(parts, e.sentence);
      });
    } else if (A.sentence[i] >= 0) {
      panel.append(el("h3", "문장 (sentence)"), el("blockquote", T[A.sentence[i]]));
    }
    var near = tiesOf(i).slice(0, D.neighbours);
    if (near.length) {
      panel.append(el("h3", "관계 (strongest ties) (" + A.degree[i] + ")"));
      var list = el("ul");
      near.forEach(function (t) {
        list.append(item([linkTo(other(t, i)), " ", el("small", kindsText(tieKinds[t]) + " · 강도 " + tieWeight[t])], -1));
      });
      panel.append(list);
      if (A.degree[i] > near.length) panel.append(el("p", "… 외 " + (A.degree[i] - near.length) + "개"));
    }
    panel.hidden = false;
  }

  boxes("kind").concat(boxes("sector"), from ? [from, to] : []).forEach(function (input) {
    input.addEventListener("change", layOut);
  });
  timings.ready = performance.now();
  window.kgPage = {network: network, nodes: nodes, edges: edges, data: D, choose: choose, find: find, timings: timings};
  layOut();
})();
