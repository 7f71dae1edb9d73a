// The legend, always on screen, built from the same stylesheet data as the picture.

const SHAPES = {
  triangle: "M9 2 L16 16 L2 16 Z",
  diamond: "M9 1 L17 9 L9 17 L1 9 Z",
  pentagon: "M9 1 L17 7 L14 17 L4 17 L1 7 Z",
  "round-rectangle": "M4 3 H14 Q16 3 16 5 V13 Q16 15 14 15 H4 Q2 15 2 13 V5 Q2 3 4 3 Z",
  hexagon: "M5 2 H13 L17 9 L13 16 H5 L1 9 Z",
  star: "M9 1 L11 7 L17 7 L12 11 L14 17 L9 13 L4 17 L6 11 L1 7 L7 7 Z",
  rectangle: "M2 3 H16 V15 H2 Z",
  vee: "M1 2 L9 8 L17 2 L9 16 Z",
  ellipse: "M1 9 A8 8 0 1 0 17 9 A8 8 0 1 0 1 9 Z",
};

const DASHES = { solid: "", dashed: "6 3", dotted: "1.5 3" };

function item(symbol, text) {
  return `<li><svg width="26" height="18" aria-hidden="true">${symbol}</svg><span>${text}</span></li>`;
}

export function renderLegend(container, style, view) {
  const kinds = Object.values(style.categories)
    .map((c) => item(`<path d="${SHAPES[c.shape]}" fill="${c.colour}" stroke="#333"/>`, c.label))
    .join("");
  const types = Object.entries(style.relationships)
    .map(([, r]) => item(`<line x1="1" y1="9" x2="25" y2="9" stroke="${r.colour}" stroke-width="3"/>`, r.label))
    .join("");
  const statuses = Object.values(style.statuses)
    .map((s) => item(`<line x1="1" y1="9" x2="25" y2="9" stroke="#333" stroke-width="2.5" stroke-dasharray="${DASHES[s.line]}"/>`, s.label))
    .join("");
  const marks = [
    item(`<line x1="1" y1="9" x2="25" y2="9" stroke="#CC79A7" stroke-width="4" stroke-dasharray="2 5"/>`, "what-if (hypothetical)"),
    item(`<line x1="1" y1="9" x2="25" y2="9" stroke="#F0E442" stroke-width="8"/>`, "on the selected path"),
    item(`<circle cx="12" cy="9" r="6" fill="none" stroke="#009E73" stroke-width="3"/>`, "rank rose"),
    item(`<circle cx="12" cy="9" r="6" fill="none" stroke="#D55E00" stroke-width="3"/>`, "rank fell"),
    item(`<circle cx="12" cy="9" r="6" fill="none" stroke="#CC79A7" stroke-width="4"/>`, "new broker"),
  ].join("");
  const size = view.sizeBy === "none" ? "size: fixed" : `size: ${view.sizeBy}`;
  const colour = view.community ? "fill: community (shapes keep the kind)" : "fill: kind";
  container.innerHTML = `
    <div class="legend-note"><h2>Legend</h2>
    <p class="hint">${size}; ${colour}</p>
    <p class="hint">${style.credibility.label}</p></div>
    <div class="legend-cols">
      <ul aria-label="Node kinds">${kinds}</ul>
      <ul aria-label="Relationship types">${types}</ul>
      <ul aria-label="Status">${statuses}</ul>
      <ul aria-label="Marks">${marks}</ul>
    </div>`;
}
