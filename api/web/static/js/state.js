// The view: what a colleague needs to open the same picture. It round-trips through the
// URL query string, and each change can be undone.

import { isMonth } from "./months.js";

export const STATUSES = ["possible", "assessed", "reported", "confirmed"];
export const SIZE_MEASURES = ["none", "pagerank", "betweenness", "degree"];

export function defaultView(end) {
  return {
    view: "network",
    actor: null,
    depth: 2,
    start: null,
    end,
    types: [],
    kinds: [],
    minStatus: "possible",
    maxCredibility: 6,
    region: "",
    sizeBy: "pagerank",
    community: false,
    expanded: [],
    hidden: [],
    pinned: [],
    pathFrom: "",
    pathTo: "",
    whatIf: "",
    maxNodes: 500,
  };
}

const LISTS = ["types", "kinds", "expanded", "hidden", "pinned"];

export function toQuery(view) {
  const params = new URLSearchParams();
  const base = defaultView(view.end);
  for (const [key, value] of Object.entries(view)) {
    if (LISTS.includes(key)) {
      if (value.length) params.set(key, value.join(","));
    } else if (value !== base[key] && value !== null && value !== "") {
      params.set(key, String(value));
    }
  }
  if (view.actor) params.set("depth", String(view.depth));
  if (view.end) params.set("end", view.end);
  return params.toString();
}

export function fromQuery(search, fallbackEnd) {
  const params = new URLSearchParams(search);
  const view = defaultView(fallbackEnd);
  for (const key of LISTS) {
    const text = params.get(key);
    if (text) view[key] = text.split(",").filter(Boolean);
  }
  if (params.get("view") === "map") view.view = "map";
  view.actor = params.get("actor") || null;
  const depth = Number(params.get("depth"));
  if ([1, 2, 3].includes(depth)) view.depth = depth;
  if (isMonth(params.get("start"))) view.start = params.get("start");
  if (isMonth(params.get("end"))) view.end = params.get("end");
  if (view.start && view.end && view.start > view.end) view.start = view.end;
  if (STATUSES.includes(params.get("minStatus"))) view.minStatus = params.get("minStatus");
  const credibility = Number(params.get("maxCredibility"));
  if (credibility >= 1 && credibility <= 6) view.maxCredibility = credibility;
  view.region = params.get("region") || "";
  if (SIZE_MEASURES.includes(params.get("sizeBy"))) view.sizeBy = params.get("sizeBy");
  view.community = params.get("community") === "true";
  view.pathFrom = params.get("pathFrom") || "";
  view.pathTo = params.get("pathTo") || "";
  view.whatIf = params.get("whatIf") || "";
  const maxNodes = Number(params.get("maxNodes"));
  if (Number.isInteger(maxNodes) && maxNodes >= 1) view.maxNodes = maxNodes;
  return view;
}

export class History {
  constructor(limit = 50) {
    this.limit = limit;
    this.stack = [];
  }

  push(view) {
    this.stack.push(JSON.stringify(view));
    if (this.stack.length > this.limit) this.stack.shift();
  }

  pop() {
    const last = this.stack.pop();
    return last ? JSON.parse(last) : null;
  }

  get size() {
    return this.stack.length;
  }
}
