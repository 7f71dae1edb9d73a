// The network picture: Cytoscape.js with the fCoSE layout, styled by the shared
// stylesheet (style/network-style.json), which the briefing exports read too.

const MIN_SIZE = 22;
const LARGE = 400;
const MAX_SIZE = 64;

export async function loadStyle() {
  const response = await fetch("style/network-style.json");
  if (!response.ok) throw new Error(`style/network-style.json: ${response.status}`);
  return response.json();
}

export function categoryOf(style, node) {
  if (style.labels[node.kind]) return style.labels[node.kind];
  return style.kinds[node.actorKind] || "other";
}

/** Node sizes from one measure, scaled between MIN_SIZE and MAX_SIZE over the nodes shown. */
export function sizes(nodes, measure) {
  const out = new Map();
  const values = nodes.map((n) => (measure === "none" ? null : n.measures?.[measure] ?? null));
  const known = values.filter((v) => v !== null);
  const low = Math.min(...known);
  const high = Math.max(...known);
  nodes.forEach((n, i) => {
    const v = values[i];
    if (v === null || !known.length) out.set(n.id, (MIN_SIZE + MAX_SIZE) / 3);
    else if (high === low) out.set(n.id, (MIN_SIZE + MAX_SIZE) / 2);
    else out.set(n.id, MIN_SIZE + ((v - low) / (high - low)) * (MAX_SIZE - MIN_SIZE));
  });
  return out;
}

export class NetworkView {
  constructor(container, style, handlers) {
    this.style = style;
    this.handlers = handlers;
    this.layouts = 0;
    this.cy = cytoscape({
      container,
      style: style.stylesheet,
      wheelSensitivity: 0.3,
      minZoom: 0.05,
      maxZoom: 4,
      boxSelectionEnabled: true,
      hideEdgesOnViewport: false,
    });
    this.cy.on("tap", "node", (e) => handlers.onNode(e.target.id()));
    this.cy.on("tap", "edge", (e) => handlers.onEdge(e.target.id()));
    this.cy.on("dbltap", "node", (e) => handlers.onExpand(e.target.id()));
    this.cy.on("select unselect", () => handlers.onSelection(this.selectedIds()));
    this.cy.on("mouseover", "node, edge", (e) => handlers.onHover(e.target, e.renderedPosition));
    this.cy.on("mouseout", "node, edge", () => handlers.onHover(null));
  }

  selectedIds() {
    return this.cy.$("node:selected").map((n) => n.id());
  }

  /** Replace the elements with `model`, keeping the positions of nodes already drawn. */
  draw(model, view) {
    const sized = sizes(model.nodes, view.sizeBy);
    const palette = this.style.communities;
    const before = new Map(this.cy.nodes().map((n) => [n.id(), { ...n.position() }]));
    const elements = [];
    for (const n of model.nodes) {
      const data = {
        id: n.id,
        label: n.label,
        kind: n.kind,
        actorKind: n.actorKind,
        category: categoryOf(this.style, n),
        size: Math.round(sized.get(n.id)),
      };
      for (const [k, v] of Object.entries(n.measures || {})) if (v !== null) data[`m_${k}`] = v;
      if (view.community && n.community !== null && n.community !== undefined) {
        data.community = palette[n.community % palette.length];
      }
      const classes = [];
      if (n.id === view.actor) classes.push("centre");
      if (view.pinned.includes(n.id)) classes.push("pinned");
      if (view.hidden.includes(n.id)) classes.push("hidden");
      const element = { group: "nodes", data, classes };
      if (before.has(n.id)) element.position = before.get(n.id);
      elements.push(element);
    }
    for (const e of model.edges) {
      elements.push({
        group: "edges",
        data: {
          id: e.id,
          source: e.source,
          target: e.target,
          type: e.type,
          status: e.status,
          credibility: e.credibility,
        },
        classes: e.ghost ? ["ghost"] : [],
      });
    }
    this.cy.batch(() => {
      this.cy.elements().remove();
      this.cy.add(elements);
    });
    const fresh = model.nodes.some((n) => !before.has(n.id));
    return this.layout(view, fresh || before.size === 0);
  }

  /** Run fCoSE; pinned nodes keep their place. Resolves when the layout has stopped. */
  layout(view, randomize = true) {
    this.cy.resize();
    const pinned = this.cy
      .nodes()
      .filter((n) => view.pinned.includes(n.id()) && n.position().x !== undefined)
      .map((n) => ({ nodeId: n.id(), position: { ...n.position() } }));
    const visible = this.cy.elements().not(".hidden");
    const count = visible.nodes().length;
    return new Promise((resolve) => {
      // Big pictures: the draft pass alone and label-free boxes keep the layout to seconds.
      const layout = visible.layout({
        name: "fcose",
        quality: count > LARGE ? "draft" : "default",
        randomize: randomize && pinned.length === 0,
        animate: false,
        fit: true,
        padding: 40,
        nodeRepulsion: 9000,
        idealEdgeLength: 90,
        nodeDimensionsIncludeLabels: count <= LARGE,
        fixedNodeConstraint: pinned.length ? pinned : undefined,
      });
      layout.one("layoutstop", () => {
        // fCoSE fixes a node's box (label included); put pinned nodes back exactly.
        for (const p of pinned) this.cy.getElementById(p.nodeId).position(p.position);
        this.layouts += 1;
        resolve();
      });
      layout.run();
    });
  }

  setClass(ids, name, on) {
    const set = new Set(ids);
    this.cy.nodes().forEach((n) => {
      if (set.has(n.id())) n.toggleClass(name, on);
    });
  }

  clearMarks(...names) {
    this.cy.elements().removeClass(names.join(" "));
  }

  addGhost(id, a, b) {
    this.cy.remove(`#${CSS.escape(id)}`);
    if (this.cy.getElementById(a).empty() || this.cy.getElementById(b).empty()) return false;
    this.cy.add({ group: "edges", data: { id, source: a, target: b, type: "WHAT_IF" }, classes: ["ghost"] });
    return true;
  }

  highlightPath(nodeIds) {
    this.clearMarks("on-path", "faded");
    if (!nodeIds.length) return;
    const onPath = new Set(nodeIds);
    this.cy.nodes().forEach((n) => n.toggleClass("on-path", onPath.has(n.id())));
    for (let i = 0; i + 1 < nodeIds.length; i += 1) {
      const [a, b] = [nodeIds[i], nodeIds[i + 1]];
      this.cy.edges().filter((e) => (e.source().id() === a && e.target().id() === b) || (e.source().id() === b && e.target().id() === a)).addClass("on-path");
    }
    this.cy.elements().not(".on-path").addClass("faded");
  }

  fit() {
    this.cy.fit(this.cy.elements().not(".hidden"), 40);
  }
}
