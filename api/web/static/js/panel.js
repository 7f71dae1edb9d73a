// The right-hand panel: evidence behind an edge or node, ranked paths with each hop's
// evidence, what-if and change listings. Text goes in escaped.

export function esc(value) {
  return String(value ?? "")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}

function fmt(value, digits = 4) {
  if (value === null || value === undefined) return "—";
  return typeof value === "number" ? String(Number(value.toFixed(digits))) : esc(value);
}

export function claimHtml(claim, heading = "") {
  const sources = claim.sources.length
    ? claim.sources
        .map(
          (s) =>
            `<li class="source"><span class="source-title">${esc(s.title || s.id)}</span>` +
            `${s.date ? ` <time>${esc(s.date)}</time>` : ""}` +
            `${s.reliability ? ` <span class="grade">reliability ${esc(s.reliability)}</span>` : ""}</li>`,
        )
        .join("")
    : "<li>no source listed</li>";
  return `<article class="claim">
    ${heading ? `<h4>${heading}</h4>` : ""}
    <dl>
      <dt>Status</dt><dd class="claim-status">${esc(claim.status)}</dd>
      <dt>Credibility</dt><dd>${esc(claim.credibility)}</dd>
      <dt>Likelihood</dt><dd>${esc(claim.likelihood ?? "—")}</dd>
      <dt>Valid</dt><dd>${esc(claim.validFrom ?? "?")} – ${esc(claim.validTo ?? "")}</dd>
    </dl>
    <ul class="sources" aria-label="Sources">${sources}</ul>
  </article>`;
}

export function edgeHtml(edge, names) {
  const title = `${esc(names(edge.source))} — ${esc(edge.type.toLowerCase().replaceAll("_", " "))} — ${esc(names(edge.target))}`;
  return `<h3>${title}</h3><p>${edge.claims.length} claim(s)</p>${edge.claims.map((c) => claimHtml(c)).join("")}`;
}

export function nodeHtml(node, edges, names) {
  const measures = Object.entries(node.measures || {})
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `<dt>${esc(k)}</dt><dd>${fmt(v)}</dd>`)
    .join("");
  const rows = edges
    .map((e) => {
      const other = e.source === node.id ? e.target : e.source;
      const grade = e.claims.map((c) => `${c.status} ${c.credibility}`).join(", ");
      return `<li><button type="button" class="link" data-edge="${esc(e.id)}">${esc(e.type.toLowerCase().replaceAll("_", " "))} ${esc(names(other))}</button> <span class="hint">${esc(grade)}</span></li>`;
    })
    .join("");
  return `<h3>${esc(node.label)}</h3>
    <p class="hint">${esc(node.id)} · ${esc(node.kind)}${node.actorKind ? ` · ${esc(node.actorKind)}` : ""}</p>
    ${measures ? `<dl class="measures">${measures}</dl>` : ""}
    <h4>Relationships shown (${edges.length})</h4><ul class="rel-list">${rows}</ul>`;
}

export function pathsHtml(paths) {
  if (!paths.length) return "<p>No path within the filters and the date.</p>";
  return paths
    .map((p) => {
      const hops = p.hops
        .map(
          (h, i) => `<li class="hop"><h4>Hop ${i + 1}: ${esc(h.fromName || h.from)} → ${esc(h.toName || h.to)}
            <span class="hint">hop confidence ${fmt(h.confidence, 3)}</span></h4>
            ${h.claims.map((c) => claimHtml(c, esc(c.type.toLowerCase().replaceAll("_", " ")))).join("")}</li>`,
        )
        .join("");
      return `<section class="path" data-rank="${p.rank}">
        <h3><button type="button" class="link" data-path="${p.rank}">Path ${p.rank}</button>:
          ${p.hops.length} hop(s), derived confidence <span class="path-confidence">${fmt(p.confidence, 3)}</span></h3>
        ${p.rule ? `<p class="hint">${esc(p.rule)}</p>` : ""}
        <ol>${hops}</ol></section>`;
    })
    .join("");
}

export function whatIfHtml(a, b, rows) {
  if (!rows.length) return `<p>Allying ${esc(a)} with ${esc(b)} changes no measure in this window.</p>`;
  const body = rows
    .map(
      (r) => `<tr><td>${esc(r.actor || r.actorId)}</td><td>${esc(r.network)}</td><td>${esc(r.measure)}</td>
        <td>${fmt(r.before)}</td><td>${fmt(r.after)}</td><td>${fmt(r.change)}</td>
        <td>${esc([...(r.gained || []).map((g) => `+${g}`), ...(r.lost || []).map((l) => `−${l}`)].join(" "))}</td></tr>`,
    )
    .join("");
  return `<p>Hypothetical: ${esc(a)} allied with ${esc(b)}. Nothing is written.</p>
    <table class="changes"><caption>What would change</caption>
    <thead><tr><th>actor</th><th>network</th><th>measure</th><th>before</th><th>after</th><th>change</th><th>regions / peers</th></tr></thead>
    <tbody>${body}</tbody></table>`;
}

export function changeHtml(result) {
  const ranks = result.ranks
    .map(
      (r) => `<tr><td>${esc(r.actor || r.actorId)}</td><td>${esc(r.network)}</td><td>${esc(r.measure)}</td>
        <td>${esc(r.rankBefore ?? "—")}</td><td>${esc(r.rankAfter ?? "—")}</td><td>${esc(r.move ?? "—")}</td></tr>`,
    )
    .join("");
  const brokers = result.brokers
    .map((b) => `<li>${esc(b.actor || b.actorId)} (${esc(b.network)}): ${esc(b.change)}</li>`)
    .join("");
  return `<table class="changes"><caption>Rank moves</caption>
    <thead><tr><th>actor</th><th>network</th><th>measure</th><th>before</th><th>after</th><th>move</th></tr></thead>
    <tbody>${ranks}</tbody></table>
    <h4>Brokers</h4><ul class="brokers">${brokers || "<li>no change</li>"}</ul>`;
}
