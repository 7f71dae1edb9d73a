// The map: admin-1 polygons (Natural Earth, public domain) drawn as plain SVG, coloured
// by incidents or fatalities in the window. Regions created after the polygons were drawn
// are counted in the polygon that contains them (geo/crosswalk.json), and labels name
// the units valid at the window's end.

import { esc } from "./panel.js";

const SVG = "http://www.w3.org/2000/svg";
// A sequential, colour-blind-safe ramp (light to dark), and the colour for "no record".
export const RAMP = ["#fff5d6", "#fdd49e", "#fc8d59", "#d7301f", "#7f0000"];
export const EMPTY = "#f2f2f2";

async function json(response) {
  if (!response.ok) throw new Error(`${response.url}: ${response.status}`);
  return response.json();
}

export async function loadGeo() {
  const [geo, crosswalk] = await Promise.all([
    fetch("geo/sahel-admin1.geojson").then(json),
    fetch("geo/crosswalk.json").then(json),
  ]);
  return { geo, crosswalk };
}

function validAt(unit, month) {
  return (!unit.valid_from || unit.valid_from <= month) && (!unit.valid_to || unit.valid_to > month);
}

/** The graph region ids a polygon stands for, and the names valid at `month`. */
export function unitsOf(feature, crosswalk, month) {
  const p = feature.properties;
  const units = crosswalk.units[p.iso_3166_2] || [];
  const ids = new Set(units.map((u) => u.id));
  ids.add(`region:${p.slug}`);
  const names = units.filter((u) => validAt(u, month)).map((u) => u.name);
  return { ids, names: names.length ? names : [p.name_iso || p.name] };
}

function extent(features) {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (ring) => {
    for (const [x, y] of ring) {
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
  };
  for (const f of features) {
    const polys = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
    polys.forEach((poly) => poly.forEach(visit));
  }
  return { minX, minY, maxX, maxY };
}

function pathData(geometry, project) {
  const polys = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  return polys
    .map((poly) =>
      poly.map((ring) => "M" + ring.map(([x, y]) => project(x, y).map((v) => v.toFixed(1)).join(",")).join("L") + "Z").join(""),
    )
    .join("");
}

/** Upper bounds of up to five classes over 1..max (fewer when max is small). */
export function classes(max) {
  const bounds = [];
  for (let i = 1; i <= RAMP.length; i += 1) {
    const upper = Math.ceil((max * i) / RAMP.length);
    if (!bounds.includes(upper)) bounds.push(upper);
  }
  return bounds;
}

export function colourFor(value, bounds) {
  if (!value) return EMPTY;
  const index = bounds.findIndex((upper) => value <= upper);
  const step = bounds.length === 1 ? RAMP.length - 1 : Math.round((index * (RAMP.length - 1)) / (bounds.length - 1));
  return RAMP[step];
}

export class MapView {
  constructor(container, data, onRegion) {
    this.container = container;
    this.data = data;
    this.onRegion = onRegion;
  }

  /** counts: Map region id → {incidents, fatalities}; footprint: Set of region ids. */
  render({ counts, metric, month, footprint, actorName }) {
    const features = this.data.geo.features;
    const box = extent(features);
    const width = 900;
    const scaleX = Math.cos((((box.minY + box.maxY) / 2) * Math.PI) / 180);
    const spanX = (box.maxX - box.minX) * scaleX;
    const spanY = box.maxY - box.minY;
    const height = Math.round((width * spanY) / spanX);
    const project = (x, y) => [((x - box.minX) * scaleX * width) / spanX, ((box.maxY - y) * height) / spanY];
    const values = features.map((f) => {
      const { ids, names } = unitsOf(f, this.data.crosswalk, month);
      let value = 0;
      for (const id of ids) value += counts.get(id)?.[metric] ?? 0;
      return { f, ids, names, value, present: footprint ? [...ids].some((id) => footprint.has(id)) : false };
    });
    const max = Math.max(1, ...values.map((v) => v.value));
    const breaks = classes(max);
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    svg.setAttribute("id", "map-svg");
    for (const v of values) {
      const p = v.f.properties;
      const path = document.createElementNS(SVG, "path");
      path.setAttribute("d", pathData(v.f.geometry, project));
      path.setAttribute("fill", colourFor(v.value, breaks));
      path.setAttribute("class", `region${v.present ? " footprint" : ""}`);
      path.setAttribute("data-iso", p.iso_3166_2);
      path.setAttribute("data-name", v.names.join(", "));
      path.setAttribute("data-value", String(v.value));
      path.setAttribute("tabindex", "0");
      path.setAttribute("role", "button");
      const label = `${v.names.join(", ")} (${p.country}): ${v.value} ${metric}`;
      path.setAttribute("aria-label", label);
      const title = document.createElementNS(SVG, "title");
      title.textContent = label;
      path.appendChild(title);
      const choose = () => this.onRegion({ iso: p.iso_3166_2, names: v.names, ids: [...v.ids], value: v.value });
      path.addEventListener("click", choose);
      path.addEventListener("keydown", (e) => {
        if (e.key === "Enter" || e.key === " ") choose();
      });
      svg.appendChild(path);
    }
    for (const v of values) {
      if (v.f.properties.country_iso3 !== "MLI" && v.value === 0) continue;
      const [x, y] = project(v.f.properties.label_lon, v.f.properties.label_lat);
      const text = document.createElementNS(SVG, "text");
      text.setAttribute("x", x.toFixed(1));
      text.setAttribute("y", y.toFixed(1));
      text.setAttribute("class", "region-label");
      text.textContent = v.names[0];
      svg.appendChild(text);
    }
    const steps = breaks
      .map((upper, i) => {
        const lower = i === 0 ? 1 : breaks[i - 1] + 1;
        const range = lower === upper ? `${upper}` : `${lower}–${upper}`;
        return `<li><span class="swatch" style="background:${colourFor(upper, breaks)}"></span>${range}</li>`;
      })
      .join("");
    this.container.innerHTML = `<div class="map-head"><h2>Legend</h2><strong>${esc(metric)} in the window</strong>
      ${actorName ? `<span><span class="swatch footprint-swatch"></span>where ${esc(actorName)} is present</span>` : ""}
      <ul class="ramp"><li><span class="swatch" style="background:${EMPTY}"></span>none recorded</li>${steps}</ul></div>`;
    this.container.appendChild(svg);
    const credit = document.createElement("p");
    credit.className = "credit";
    credit.textContent = "Boundaries: Made with Natural Earth (public domain); 2016/2023 Mali and 2025 Burkina Faso units drawn inside their former regions (see geo/README.md).";
    this.container.appendChild(credit);
    return values.map((v) => ({ iso: v.f.properties.iso_3166_2, value: v.value }));
  }
}
