// Every question the page asks, as GraphQL documents against the project's API, and the
// adapters that turn answers into the page's own small model:
//   node {id, label, kind, actorKind, depth, measures{...}}
//   edge {id, source, target, type, status, credibility, summary, claims[]}
// Only this module knows the API's field names (api/graphql/schema.graphql).

import { gql } from "./graphql.js";

const CLAIM = `status credibility likelihood validFrom validTo
  sources { id sourceId title reliability }`;

const SEARCH = `query Search($text: String!) {
  search(text: $text, first: 12) {
    edges {
      match
      node { __typename id name ... on Actor { kind } ... on Alliance { status } }
    }
  }
}`;

const GRAPH = `query Graph($centres: [ID!]!, $depth: Int!, $asOf: Date, $minStatus: ClaimStatus!,
    $maxCredibility: Int!, $types: [RelationshipType!], $maxNodes: Int!, $window: DateWindow) {
  graph(centerIds: $centres, depth: $depth, asOf: $asOf, minStatus: $minStatus,
        maxCredibility: $maxCredibility, types: $types, maxNodes: $maxNodes,
        influenceWindow: $window) {
    truncated nodeCount edgeCount
    nodes { id label name kind depth degree measures { name value } }
    edges { id type source target evidenceSummary evidence { ${CLAIM} } }
  }
}`;

const PATHS = `query Paths($from: String!, $to: String!, $k: Int!, $asOf: Date,
    $minStatus: ClaimStatus!, $maxCredibility: Int!) {
  paths(fromId: $from, toId: $to, k: $k, asOf: $asOf, minStatus: $minStatus,
        maxCredibility: $maxCredibility) {
    rank confidence { value rule }
    hops {
      step confidence source { id name } target { id name }
      edges { type confidence source { id } evidence { ${CLAIM} } }
    }
  }
}`;

const NAMES = `query Names($ids: [ID!]!) { nodes(ids: $ids) { id name } }`;

const KINDS = `query Kinds($ids: [ID!]!) { nodes(ids: $ids) { id ... on Actor { kind } } }`;
const PAGE = 100;

const WHAT_IF = `query WhatIf($edges: [String!], $start: Date, $end: Date) {
  whatIf(addEdges: $edges, start: $start, end: $end) {
    network actor { id name } measure before after change gained lost
  }
}`;

const CHANGE = `query Change($beforeStart: Date, $beforeEnd: String!, $afterStart: String!,
    $afterEnd: Date) {
  influenceChange(beforeStart: $beforeStart, beforeEnd: $beforeEnd, afterStart: $afterStart,
                  afterEnd: $afterEnd, limit: 50) {
    network measure actor { id name } rankBefore rankAfter move
  }
  catalog {
    brokerChange(beforeStart: $beforeStart, beforeEnd: $beforeEnd, afterStart: $afterStart,
                 afterEnd: $afterEnd) {
      network actor { id name } change
    }
  }
}`;

const ACTIVITY = `query Activity($start: Date, $end: Date) {
  activitySeries(start: $start, end: $end, source: INCIDENTS) {
    region { id name } series month value fatalities
  }
}`;

const FOOTPRINT = `query Footprint($actor: String!, $start: Date, $end: Date) {
  footprint(actorId: $actor, start: $start, end: $end) { region { id } value }
}`;

const COMMUNITIES = `query Communities($start: Date, $end: Date) {
  communities(start: $start, end: $end) { community members { id } }
}`;

const MEMBERS = `query Members($id: String!, $asOf: Date) {
  allianceMembers(allianceId: $id, asOf: $asOf) { member { id } }
}`;

const REGION_ACTORS = `query RegionActors($id: ID!) {
  actors(filter: { region: $id }, first: 20) { edges { node { id } } }
}`;

const REGIONS = `query Regions { regions(first: 100) { edges { node { id name } } } }`;

/** GraphQL enum names (JIHADIST_GROUP) back to the graph's own values (jihadist_group). */
export function enumValue(name) {
  return name == null ? null : String(name).toLowerCase();
}

function claimOf(e) {
  return {
    status: enumValue(e.status),
    credibility: e.credibility,
    likelihood: enumValue(e.likelihood),
    validFrom: e.validFrom ?? null,
    validTo: e.validTo ?? null,
    sources: (e.sources || []).map((s) => ({ id: s.id, title: s.title, reliability: s.reliability })),
  };
}

export async function search(text) {
  const data = await gql(SEARCH, { text });
  return data.search.edges.map((hit) => ({
    id: hit.node.id,
    label: hit.node.name || hit.node.id,
    kind: hit.node.__typename,
    actorKind: enumValue(hit.node.kind),
  }));
}

function modelOf(graph) {
  return {
    truncated: graph.truncated,
    nodes: graph.nodes.map((n) => ({
      id: n.id,
      label: n.name || n.id,
      kind: n.label,
      actorKind: enumValue(n.kind),
      depth: n.depth,
      measures: Object.fromEntries([["degree", n.degree], ...n.measures.map((m) => [m.name, m.value])]),
    })),
    edges: graph.edges.map((e) => {
      const claim = claimOf(e.evidence);
      return {
        id: e.id,
        source: e.source,
        target: e.target,
        type: e.type,
        status: claim.status,
        credibility: claim.credibility,
        summary: e.evidenceSummary,
        claims: [claim],
      };
    }),
  };
}

/** The subgraph around `centres` to `depth` hops, as of a date, with measures for a window. */
export async function network(query) {
  const data = await gql(GRAPH, {
    centres: query.centres,
    depth: query.depth,
    asOf: query.asOf,
    minStatus: query.minStatus.toUpperCase(),
    maxCredibility: query.maxCredibility,
    types: query.types.length ? query.types : null,
    maxNodes: query.maxNodes,
    window: { start: query.start, end: query.end },
  });
  const model = modelOf(data.graph);
  await fillKinds(model.nodes);
  return model;
}

/** Actors the subgraph gave without a kind get it from `nodes(ids:)`, 100 ids a request. */
async function fillKinds(nodes) {
  const missing = nodes.filter((n) => n.kind === "Actor" && !n.actorKind);
  const pages = [];
  for (let i = 0; i < missing.length; i += PAGE) pages.push(missing.slice(i, i + PAGE).map((n) => n.id));
  const answers = await Promise.all(pages.map((ids) => gql(KINDS, { ids })));
  const kinds = new Map(answers.flatMap((a) => a.nodes.filter(Boolean).map((n) => [n.id, enumValue(n.kind)])));
  for (const n of missing) n.actorKind = kinds.get(n.id) ?? null;
}

/** Node ids → names (source titles are their names), 100 ids a request. */
export async function names(ids) {
  const unique = [...new Set(ids)];
  const pages = [];
  for (let i = 0; i < unique.length; i += PAGE) pages.push(unique.slice(i, i + PAGE));
  const answers = await Promise.all(pages.map((page) => gql(NAMES, { ids: page })));
  return new Map(answers.flatMap((a) => a.nodes.filter(Boolean).map((n) => [n.id, n.name])));
}

/** Ranked paths, each hop with its claims (sources with titles) and confidences. */
export async function paths(query) {
  const data = await gql(PATHS, {
    from: query.from,
    to: query.to,
    k: query.k,
    asOf: query.asOf,
    minStatus: query.minStatus.toUpperCase(),
    maxCredibility: query.maxCredibility,
  });
  return data.paths.map((p) => ({
    rank: p.rank,
    confidence: p.confidence.value,
    rule: p.confidence.rule,
    hops: p.hops.map((h) => ({
      from: h.source.id,
      fromName: h.source.name,
      to: h.target.id,
      toName: h.target.name,
      confidence: h.confidence,
      claims: h.edges.map((e) => ({
        type: e.type,
        direction: e.source.id === h.source.id ? "forward" : "backward",
        confidence: e.confidence,
        ...claimOf(e.evidence),
      })),
    })),
  }));
}

/** Rows that name an actor by reference, flattened for tables: actorId, actor, network. */
function flat(row) {
  return { ...row, actorId: row.actor.id, actor: row.actor.name, network: enumValue(row.network) };
}

export async function whatIf(query) {
  const data = await gql(WHAT_IF, { edges: [`${query.a}~${query.b}`], start: query.start, end: query.end });
  return data.whatIf.map(flat);
}

export async function change(query) {
  const data = await gql(CHANGE, query);
  return { ranks: data.influenceChange.map(flat), brokers: data.catalog.brokerChange.map(flat) };
}

/** Incidents and fatalities per region id, summed over the window's months. */
export async function activity(query) {
  const data = await gql(ACTIVITY, query);
  const counts = new Map();
  for (const r of data.activitySeries) {
    const c = counts.get(r.region.id) || { incidents: 0, fatalities: 0 };
    c.incidents += r.value || 0;
    c.fatalities += r.fatalities || 0;
    counts.set(r.region.id, c);
  }
  return counts;
}

export async function footprint(query) {
  const data = await gql(FOOTPRINT, query);
  return new Set(data.footprint.filter((r) => (r.value ?? 1) > 0).map((r) => r.region.id));
}

/** Actor id → community number in the cooperation network for the window. */
export async function communities(query) {
  const data = await gql(COMMUNITIES, query);
  const found = new Map();
  for (const c of data.communities) for (const m of c.members) found.set(m.id, c.community);
  return found;
}

/**
 * The actors whose networks make up a node's picture: an actor itself; an alliance's
 * members on the date; the actors operating in a region (at most 20, the API's cap).
 */
export async function centresOf(id, asOf) {
  if (id.startsWith("alliance:")) {
    const data = await gql(MEMBERS, { id, asOf });
    return [...new Set(data.allianceMembers.map((m) => m.member.id))].slice(0, 20);
  }
  if (id.startsWith("region:")) {
    const data = await gql(REGION_ACTORS, { id });
    return data.actors.edges.map((e) => e.node.id);
  }
  return [id];
}

export async function regions() {
  const data = await gql(REGIONS);
  return data.regions.edges.map((e) => e.node);
}
