// The explorer page: wires the controls, the network, the map, the time bar and the panel
// to one view state that the URL carries. `window.explorer` exposes the state for the
// browser tests and for anyone scripting the page (the exports drive it the same way).

import * as api from "./api.js";
import { setToken } from "./graphql.js";
import { renderLegend } from "./legend.js";
import { loadGeo, MapView } from "./mapview.js";
import { currentMonth, lastDay } from "./months.js";
import { loadStyle, NetworkView } from "./network.js";
import { changeHtml, edgeHtml, esc, nodeHtml, pathsHtml, whatIfHtml } from "./panel.js";
import { fromQuery, History, toQuery } from "./state.js";
import { TimeBar } from "./timebar.js";

const $ = (id) => document.getElementById(id);

const explorer = {
  view: null,
  model: { nodes: [], edges: [] },
  names: new Map(),
  paths: [],
  whatIf: null,
  settled: Promise.resolve(),
  errors: [],
  timings: [],
  focus: null,
};
window.explorer = explorer;

const history = new History();
let network;
let mapView;
let timeBar;
let style;

function say(text, isError = false) {
  $("status").textContent = text;
  $("status").classList.toggle("error", isError);
  if (isError) explorer.errors.push(text);
}

function nameOf(id) {
  return explorer.names.get(id) || id;
}

/** Run one piece of work; its promise is `explorer.settled`, and errors reach the status line. */
function work(task) {
  const run = explorer.settled.then(task).catch((error) => say(error.message, true));
  explorer.settled = run;
  return run;
}

function writeUrl() {
  const query = toQuery(explorer.view);
  window.history.replaceState(null, "", `${window.location.pathname}${query ? `?${query}` : ""}`);
  $("undo").disabled = history.size === 0;
}

/** Change the view (undoably), then redraw what the change touches. */
function change(patch, redraw = "network") {
  history.push(explorer.view);
  explorer.view = { ...explorer.view, ...patch };
  writeUrl();
  return refresh(redraw);
}

function refresh(redraw) {
  syncControls();
  renderLegend($("legend"), style, explorer.view);
  if (explorer.view.view === "map") return work(drawMap);
  if (redraw === "network") return work(loadNetwork);
  if (redraw === "style") return work(() => drawNetwork(explorer.model));
  return explorer.settled;
}

function graphQuery(centres, depth) {
  const v = explorer.view;
  return {
    centres,
    depth,
    asOf: lastDay(v.end),
    start: v.start || v.end,
    end: v.end,
    minStatus: v.minStatus,
    maxCredibility: v.maxCredibility,
    types: v.types,
    maxNodes: v.maxNodes,
  };
}

function merge(models) {
  const nodes = new Map();
  const edges = new Map();
  for (const m of models) {
    for (const n of m.nodes) if (!nodes.has(n.id) || n.depth < nodes.get(n.id).depth) nodes.set(n.id, n);
    for (const e of m.edges) edges.set(e.id, e);
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()], truncated: models.some((m) => m.truncated) };
}

/**
 * Keep the actor kinds asked for and, with a region chosen, the actors that operate in it
 * (an OPERATES_IN claim in the picture); the centre, alliances and places always stay.
 */
function filterNodes(model) {
  const { kinds, region, actor } = explorer.view;
  if (!kinds.length && !region) return model;
  const inRegion = new Set(model.edges.filter((e) => e.type === "OPERATES_IN" && e.target === region).map((e) => e.source));
  const keep = new Set(
    model.nodes
      .filter(
        (n) =>
          n.id === actor ||
          n.kind !== "Actor" ||
          ((!kinds.length || kinds.includes(n.actorKind)) && (!region || inRegion.has(n.id))),
      )
      .map((n) => n.id),
  );
  return {
    ...model,
    nodes: model.nodes.filter((n) => keep.has(n.id)),
    edges: model.edges.filter((e) => keep.has(e.source) && keep.has(e.target)),
  };
}

async function loadNetwork() {
  const v = explorer.view;
  if (!v.actor) {
    network.cy.elements().remove();
    say("Search an actor, region or alliance to start.");
    return;
  }
  const asked = performance.now();
  // An alliance or a region is drawn through its actors, one hop nearer the centre.
  const own = v.actor.startsWith("actor:");
  const centres = await api.centresOf(v.actor, lastDay(v.end));
  const requests = centres.length
    ? [api.network(graphQuery(centres, own ? v.depth : Math.max(1, v.depth - 1)))]
    : [];
  if (v.expanded.length) requests.push(api.network(graphQuery(v.expanded, 1)));
  const models = await Promise.all(requests);
  const answered = performance.now();
  const merged = merge(models);
  if (!merged.nodes.some((n) => n.id === v.actor)) {
    const kind = { actor: "Actor", alliance: "Alliance", region: "Region" }[v.actor.split(":")[0]] || "Node";
    merged.nodes.push({ id: v.actor, label: nameOf(v.actor), kind, actorKind: null, depth: 0, measures: {} });
  }
  explorer.model = filterNodes(merged);
  if (v.community) {
    const groups = await api.communities({ start: v.start || v.end, end: v.end });
    for (const n of explorer.model.nodes) n.community = groups.get(n.id) ?? null;
  }
  for (const n of explorer.model.nodes) explorer.names.set(n.id, n.label);
  await drawNetwork(explorer.model);
  const drawn = performance.now();
  explorer.timings.push({
    nodes: explorer.model.nodes.length,
    edges: explorer.model.edges.length,
    queryMs: answered - asked,
    drawMs: drawn - answered,
    totalMs: drawn - asked,
  });
}

async function drawNetwork(model) {
  const extra = explorer.whatIf ? ghostModel(model) : model;
  await network.draw(extra, explorer.view);
  if (explorer.whatIf) network.addGhost("whatif", explorer.whatIf.a, explorer.whatIf.b);
  listNodes();
  const shown = network.cy.nodes().not(".hidden").length;
  const edges = network.cy.edges().not(".ghost").filter((e) => !e.source().hasClass("hidden") && !e.target().hasClass("hidden")).length;
  const cut = model.truncated ? " (cut at the size cap: narrow the filters)" : "";
  say(`${shown} nodes, ${edges} relationships around ${nameOf(explorer.view.actor)} as of ${lastDay(explorer.view.end)}${cut}`);
}

/** A what-if end missing from the picture is drawn too, so the ghost edge has both ends. */
function ghostModel(model) {
  const ids = new Set(model.nodes.map((n) => n.id));
  const added = [explorer.whatIf.a, explorer.whatIf.b]
    .filter((id) => !ids.has(id))
    .map((id) => ({ id, label: nameOf(id), kind: "Actor", actorKind: explorer.whatIf.kinds?.[id] ?? null, depth: 9, measures: {} }));
  return { ...model, nodes: [...model.nodes, ...added] };
}

function listNodes() {
  const items = network.cy
    .nodes()
    .not(".hidden")
    .sort((a, b) => a.data("label").localeCompare(b.data("label")))
    .map(
      (n) => `<li><button type="button" class="link" data-node="${esc(n.id())}">${esc(n.data("label"))}</button>
        <button type="button" class="small" data-expand="${esc(n.id())}" aria-label="Expand ${esc(n.data("label"))}">expand</button></li>`,
    );
  $("node-list").innerHTML = items.join("");
  $("known-nodes").innerHTML = network.cy
    .nodes()
    .map((n) => `<option value="${esc(n.id())}">${esc(n.data("label"))}</option>`)
    .join("");
}

/** A one-line tooltip: a node's name and kind, or an edge's evidence summary. */
function showTooltip(element, at) {
  const tip = $("tooltip");
  if (!element) {
    tip.hidden = true;
    return;
  }
  if (element.isEdge()) {
    const edge = explorer.model.edges.find((e) => e.id === element.id());
    tip.textContent = edge ? `${edge.type.toLowerCase().replaceAll("_", " ")}: ${edge.summary || edge.status}` : "what-if (hypothetical)";
  } else {
    tip.textContent = `${element.data("label")} · ${element.data("actorKind") || element.data("kind")}`;
  }
  tip.style.left = `${at.x + 12}px`;
  tip.style.top = `${at.y + 12}px`;
  tip.hidden = false;
}

function panel(title, html) {
  $("panel-title").textContent = title;
  $("panel-body").innerHTML = html;
}

function showEdge(id) {
  const edge = explorer.model.edges.find((e) => e.id === id);
  if (edge) panel("Evidence", edgeHtml(edge, nameOf));
}

function showNode(id) {
  const node = explorer.model.nodes.find((n) => n.id === id);
  if (!node) return;
  if (id.startsWith("actor:")) explorer.focus = id;
  const edges = explorer.model.edges.filter((e) => e.source === id || e.target === id);
  panel("Evidence", nodeHtml(node, edges, nameOf));
}

function resolveId(text) {
  const value = text.trim();
  if (!value) return null;
  if (value.includes(":")) return value;
  const lower = value.toLowerCase();
  for (const [id, name] of explorer.names) if ((name || "").toLowerCase() === lower) return id;
  return null;
}

async function findPaths() {
  const from = resolveId($("path-from").value);
  const to = resolveId($("path-to").value);
  if (!from || !to) throw new Error("Paths: give two actors by id (actor:jnim) or by a name shown");
  const v = explorer.view;
  explorer.paths = await api.paths({
    from,
    to,
    k: Number($("path-k").value) || 3,
    asOf: lastDay(v.end),
    minStatus: v.minStatus,
    maxCredibility: v.maxCredibility,
  });
  explorer.view = { ...explorer.view, pathFrom: from, pathTo: to };
  writeUrl();
  panel("Paths", pathsHtml(explorer.paths));
  if (explorer.paths.length) await highlightPath(1);
  else say(`no path between ${nameOf(from)} and ${nameOf(to)} as of ${lastDay(v.end)}`);
}

async function highlightPath(rank) {
  const path = explorer.paths.find((p) => p.rank === rank);
  if (!path) return;
  const nodeIds = [path.hops[0].from, ...path.hops.map((h) => h.to)];
  path.hops.forEach((h) => {
    explorer.names.set(h.from, h.fromName || h.from);
    explorer.names.set(h.to, h.toName || h.to);
  });
  const known = new Set(explorer.model.nodes.map((n) => n.id));
  const missing = nodeIds.filter((id) => !known.has(id));
  if (missing.length) {
    const nodes = missing.map((id) => ({ id, label: nameOf(id), kind: "Actor", actorKind: null, depth: 9, measures: {} }));
    const edges = path.hops.map((h, i) => {
      const c = h.claims[0];
      return { id: `path-${rank}-${i}`, source: h.from, target: h.to, type: c.type, status: c.status.toLowerCase(), credibility: c.credibility, claims: h.claims };
    });
    explorer.model = merge([explorer.model, { nodes, edges }]);
    await drawNetwork(explorer.model);
  }
  network.highlightPath(nodeIds);
  say(`path ${rank}: ${nodeIds.map(nameOf).join(" → ")} (confidence ${path.confidence.toFixed(3)})`);
}

async function runWhatIf() {
  const a = resolveId($("whatif-a").value);
  const b = resolveId($("whatif-b").value);
  if (!a || !b) throw new Error("What if: give two actors by id (actor:jnim) or by a name shown");
  const v = explorer.view;
  const rows = await api.whatIf({ a, b, start: v.start || v.end, end: v.end });
  for (const r of rows) if (r.actor) explorer.names.set(r.actorId, r.actor);
  explorer.whatIf = { a, b, rows };
  explorer.view = { ...explorer.view, whatIf: `${a}~${b}` };
  writeUrl();
  await drawNetwork(explorer.model);
  panel("What if", whatIfHtml(nameOf(a), nameOf(b), rows));
  say(`what-if: ${nameOf(a)} allied with ${nameOf(b)} — ${rows.length} measure(s) change; nothing written`);
}

async function clearWhatIf() {
  explorer.whatIf = null;
  explorer.view = { ...explorer.view, whatIf: "" };
  writeUrl();
  await drawNetwork(explorer.model);
}

async function runChange() {
  const v = explorer.view;
  const beforeStart = $("before-start").value;
  const beforeEnd = $("before-end").value;
  if (!beforeStart || !beforeEnd) throw new Error("Change: pick the months of the earlier window");
  const result = await api.change({ beforeStart, beforeEnd, afterStart: v.start || v.end, afterEnd: v.end });
  network.clearMarks("rank-up", "rank-down", "new-broker");
  const pagerank = result.ranks.filter((r) => r.measure === "pagerank" && r.network === "cooperation");
  const up = pagerank.filter((r) => r.move > 0).map((r) => r.actorId);
  const down = pagerank.filter((r) => r.move < 0).map((r) => r.actorId);
  const brokers = result.brokers.filter((b) => b.change === "new").map((b) => b.actorId);
  network.setClass(up, "rank-up", true);
  network.setClass(down, "rank-down", true);
  network.setClass(brokers, "new-broker", true);
  panel("Change between windows", changeHtml(result));
}

async function drawMap() {
  const v = explorer.view;
  const start = v.start || v.end;
  const counts = await api.activity({ start, end: v.end });
  // The footprint shown is the last actor clicked in the network, else the centre actor.
  const actor = explorer.focus || (v.actor && v.actor.startsWith("actor:") ? v.actor : null);
  const footprint = actor ? await api.footprint({ actor, start, end: v.end }) : null;
  if (actor && !explorer.names.has(actor)) {
    for (const [id, name] of await api.names([actor])) explorer.names.set(id, name);
  }
  const metric = $("map-metric").value;
  explorer.mapValues = mapView.render({ counts, metric, month: v.end, footprint, actorName: actor ? nameOf(actor) : null });
  say(`map: ${metric} from ${start} to ${v.end}; ${counts.size} region(s) with records`);
}

function syncControls() {
  const v = explorer.view;
  $("depth").value = String(v.depth);
  $("size-by").value = v.sizeBy;
  $("colour-community").checked = v.community;
  $("min-status").value = v.minStatus;
  $("max-credibility").value = String(v.maxCredibility);
  $("region-filter").value = v.region;
  document.querySelectorAll("#type-filter input").forEach((i) => (i.checked = v.types.length === 0 || v.types.includes(i.value)));
  document.querySelectorAll("#kind-filter input").forEach((i) => (i.checked = v.kinds.length === 0 || v.kinds.includes(i.value)));
  timeBar.set(v.start, v.end);
  const onMap = v.view === "map";
  $("cy").hidden = onMap;
  $("map").hidden = !onMap;
  $("legend").hidden = onMap;
  $("node-list-box").hidden = onMap;
  $("view-network").setAttribute("aria-pressed", String(!onMap));
  $("view-map").setAttribute("aria-pressed", String(onMap));
}

function checked(selector) {
  const boxes = [...document.querySelectorAll(selector)];
  const on = boxes.filter((b) => b.checked).map((b) => b.value);
  return on.length === boxes.length ? [] : on;
}

function buildFilters() {
  $("type-filter").insertAdjacentHTML(
    "beforeend",
    Object.entries(style.relationships)
      .map(([type, r]) => `<label><input type="checkbox" value="${type}" checked> ${esc(r.label)}</label>`)
      .join(""),
  );
  $("kind-filter").insertAdjacentHTML(
    "beforeend",
    Object.keys(style.kinds)
      .map((kind) => `<label><input type="checkbox" value="${kind}" checked> ${esc(kind.replaceAll("_", " "))}</label>`)
      .join(""),
  );
}

function bind() {
  $("token-form").addEventListener("submit", (event) => {
    event.preventDefault();
    setToken($("token").value.trim());
    $("token").value = "";
    $("token-form").hidden = true;
    refresh("network");
  });
  $("search-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = $("search").value.trim();
    if (!text) return;
    work(async () => {
      const hits = await api.search(text);
      $("search-results").innerHTML = hits.length
        ? hits
            .map((h) => `<li role="option"><button type="button" data-hit="${esc(h.id)}" data-name="${esc(h.label)}">${esc(h.label)} <span class="hint">${esc(h.kind)}${h.actorKind ? ` · ${esc(h.actorKind)}` : ""}</span></button></li>`)
            .join("")
        : `<li>nothing matches “${esc(text)}”</li>`;
      say(`${hits.length} match(es) for “${text}”`);
    });
  });
  $("search-results").addEventListener("click", (event) => {
    const button = event.target.closest("button[data-hit]");
    if (!button) return;
    explorer.names.set(button.dataset.hit, button.dataset.name);
    explorer.focus = null;
    $("search-results").innerHTML = "";
    change({ actor: button.dataset.hit, expanded: [], hidden: [], pinned: [] });
  });
  $("depth").addEventListener("change", () => change({ depth: Number($("depth").value) }));
  $("size-by").addEventListener("change", () => change({ sizeBy: $("size-by").value }, "style"));
  $("colour-community").addEventListener("change", () => change({ community: $("colour-community").checked }));
  $("min-status").addEventListener("change", () => change({ minStatus: $("min-status").value }));
  $("max-credibility").addEventListener("change", () => change({ maxCredibility: Number($("max-credibility").value) }));
  $("region-filter").addEventListener("change", () => change({ region: $("region-filter").value }));
  $("type-filter").addEventListener("change", () => change({ types: checked("#type-filter input") }));
  $("kind-filter").addEventListener("change", () => change({ kinds: checked("#kind-filter input") }));
  $("undo").addEventListener("click", () => {
    const previous = history.pop();
    if (!previous) return;
    explorer.view = previous;
    writeUrl();
    refresh("network");
  });
  $("hide").addEventListener("click", () => change({ hidden: [...new Set([...explorer.view.hidden, ...network.selectedIds()])] }, "style"));
  $("pin").addEventListener("click", () => {
    const selected = network.selectedIds();
    const pinned = new Set(explorer.view.pinned);
    selected.forEach((id) => (pinned.has(id) ? pinned.delete(id) : pinned.add(id)));
    history.push(explorer.view);
    explorer.view = { ...explorer.view, pinned: [...pinned] };
    writeUrl();
    network.cy.nodes().forEach((n) => n.toggleClass("pinned", pinned.has(n.id())));
  });
  $("show-all").addEventListener("click", () => change({ hidden: [] }, "style"));
  $("fit").addEventListener("click", () => network.fit());
  $("find-paths").addEventListener("click", () => work(findPaths));
  $("run-whatif").addEventListener("click", () => work(runWhatIf));
  $("clear-whatif").addEventListener("click", () => work(clearWhatIf));
  $("run-change").addEventListener("click", () => work(runChange));
  $("view-network").addEventListener("click", () => change({ view: "network" }));
  $("view-map").addEventListener("click", () => change({ view: "map" }));
  $("map-metric").addEventListener("change", () => refresh("map"));
  $("panel-body").addEventListener("click", (event) => {
    const edge = event.target.closest("[data-edge]");
    if (edge) showEdge(edge.dataset.edge);
    const path = event.target.closest("[data-path]");
    if (path) work(() => highlightPath(Number(path.dataset.path)));
  });
  $("node-list").addEventListener("click", (event) => {
    const node = event.target.closest("[data-node]");
    if (node) {
      network.cy.$(":selected").unselect();
      network.cy.getElementById(node.dataset.node).select();
      showNode(node.dataset.node);
    }
    const expand = event.target.closest("[data-expand]");
    if (expand) expandNode(expand.dataset.expand);
  });
  document.addEventListener("keydown", (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key === "z" && !event.target.closest("input")) {
      event.preventDefault();
      $("undo").click();
    }
  });
}

function expandNode(id) {
  if (id === explorer.view.actor || explorer.view.expanded.includes(id)) return explorer.settled;
  return change({ expanded: [...explorer.view.expanded, id] });
}

/** A shared URL may carry a what-if and a path: run them again so the picture matches. */
function restoreTools() {
  const v = explorer.view;
  if (v.view !== "network") return explorer.settled;
  const [a, b] = v.whatIf.split("~");
  if (a && b) {
    $("whatif-a").value = a;
    $("whatif-b").value = b;
    work(runWhatIf);
  }
  if (v.pathFrom && v.pathTo) {
    $("path-from").value = v.pathFrom;
    $("path-to").value = v.pathTo;
    work(findPaths);
  }
  return explorer.settled;
}

async function start() {
  style = await loadStyle();
  const geo = await loadGeo();
  explorer.view = fromQuery(window.location.search, currentMonth());
  timeBar = new TimeBar(currentMonth(), ({ start, end }) => change({ start: start === end ? null : start, end }));
  network = new NetworkView($("cy"), style, {
    onNode: showNode,
    onEdge: showEdge,
    onExpand: expandNode,
    onHover: showTooltip,
    onSelection: (ids) => {
      $("hide").disabled = ids.length === 0;
      $("pin").disabled = ids.length === 0;
    },
  });
  mapView = new MapView($("map"), geo, (region) =>
    panel("Region", `<h3>${esc(region.names.join(", "))}</h3><p>${region.value} in the window</p><p class="hint">graph regions: ${esc(region.ids.join(", "))}</p>`),
  );
  explorer.cy = network.cy;
  api
    .regions()
    .then((regions) => {
      $("region-filter").insertAdjacentHTML("beforeend", regions.map((r) => `<option value="${esc(r.id)}">${esc(r.name)}</option>`).join(""));
      $("region-filter").value = explorer.view.region;
    })
    .catch((error) => say(`regions: ${error.message}`, true));
  explorer.network = network;
  buildFilters();
  bind();
  writeUrl();
  $("undo").disabled = true;
  await refresh("network");
  await restoreTools();
  document.body.dataset.ready = "true";
}

explorer.started = start().catch((error) => {
  say(`the explorer could not start: ${error.message}`, true);
  document.body.dataset.ready = "failed";
});
