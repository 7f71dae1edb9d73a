// Every question the page asks, as GraphQL documents against the project's API, and the
// adapters that turn answers into the page's own small model:
//   node {id, label, kind, actorKind, measures{...}, community}
//   edge {id, source, target, type, status, credibility, validFrom, validTo, claims[]}
// Only this module knows the API's field names.

import { gql } from "./graphql.js";

const EVIDENCE = `
  status credibility likelihood validFrom validTo
  sources { id sourceId title reliability }`;

const SEARCH = `query Search($text: String!) {
  search(text: $text, first: 12) {
    match
    node { __typename id name ... on Actor { kind } ... on Alliance { status } }
  }
}`;

/** GraphQL enum names (JIHADIST_GROUP) back to the graph's own values (jihadist_group). */
export function enumValue(name) {
  return name == null ? null : String(name).toLowerCase();
}

const GRAPH = `query Graph($centre: ID!, $depth: Int!, $asOf: Date, $start: Date, $end: Date,
    $minStatus: Status, $maxCredibility: Int, $types: [RelationshipType!], $region: ID) {
  graph(centre: $centre, depth: $depth, asOf: $asOf, start: $start, end: $end,
        minStatus: $minStatus, maxCredibility: $maxCredibility, types: $types, region: $region) {
    truncated
    nodes { id label name kind depth measures { pagerank betweenness degree community } }
    edges { id source target type status credibility validFrom validTo
            evidence { ${EVIDENCE} } }
  }
}`;

const NODE = `query Node($id: ID!) {
  node(id: $id) {
    id __typename
    ... on Actor { name kind aliases }
    ... on Alliance { name kind status formed dissolved }
    ... on Region { name }
  }
}`;

const PATHS = `query Paths($from: ID!, $to: ID!, $k: Int!, $asOf: Date, $minStatus: Status,
    $maxCredibility: Int) {
  paths(fromId: $from, toId: $to, k: $k, asOf: $asOf, minStatus: $minStatus,
        maxCredibility: $maxCredibility) {
    rank confidence
    hops { fromId fromName toId toName confidence
           claims { type direction confidence ${EVIDENCE} } }
  }
}`;

const WHAT_IF = `query WhatIf($edges: [String!], $start: Date, $end: Date) {
  whatIf(addEdges: $edges, start: $start, end: $end) {
    network actorId actor measure before after change gained lost
  }
}`;

const CHANGE = `query Change($beforeStart: Date!, $beforeEnd: Date!, $afterStart: Date!,
    $afterEnd: Date!) {
  influenceChange(beforeStart: $beforeStart, beforeEnd: $beforeEnd,
                  afterStart: $afterStart, afterEnd: $afterEnd) {
    network actorId actor measure beforeRank afterRank rankChange
  }
  brokerChange(beforeStart: $beforeStart, beforeEnd: $beforeEnd,
               afterStart: $afterStart, afterEnd: $afterEnd) {
    network actorId actor change
  }
}`;

const ACTIVITY = `query Activity($start: Date, $end: Date) {
  activitySeries(start: $start, end: $end, source: INCIDENTS) {
    regionId region month incidents fatalities
  }
}`;

const FOOTPRINT = `query Footprint($actor: ID!, $start: Date, $end: Date) {
  actorFootprint(actorId: $actor, start: $start, end: $end) { regionId region incidents }
}`;

const REGIONS = `query Regions { regions(first: 100) { edges { node { id name } } } }`;

function claimOf(e) {
  return {
    status: enumValue(e.status),
    credibility: e.credibility,
    likelihood: enumValue(e.likelihood),
    validFrom: e.validFrom ?? null,
    validTo: e.validTo ?? null,
    sources: (e.sources || []).map((s) => ({
      id: s.id,
      title: s.title,
      reliability: s.reliability,
    })),
  };
}

export async function search(text) {
  const data = await gql(SEARCH, { text });
  return data.search.map((hit) => ({
    id: hit.node.id,
    label: hit.node.name || hit.node.id,
    kind: hit.node.__typename,
    actorKind: enumValue(hit.node.kind),
  }));
}

export async function network(query) {
  const data = await gql(GRAPH, {
    centre: query.centre,
    depth: query.depth,
    asOf: query.asOf,
    start: query.start,
    end: query.end,
    minStatus: query.minStatus.toUpperCase(),
    maxCredibility: query.maxCredibility,
    types: query.types.length ? query.types : null,
    region: query.region || null,
  });
  const g = data.graph;
  return {
    truncated: g.truncated,
    nodes: g.nodes.map((n) => ({
      id: n.id,
      label: n.name || n.label,
      kind: n.label,
      actorKind: n.kind,
      depth: n.depth,
      measures: n.measures || {},
      community: n.measures ? n.measures.community : null,
    })),
    edges: g.edges.map((e) => ({
      id: e.id,
      source: e.source,
      target: e.target,
      type: e.type,
      status: e.status.toLowerCase(),
      credibility: e.credibility,
      validFrom: e.validFrom,
      validTo: e.validTo,
      claims: (e.evidence || []).map(claimOf),
    })),
  };
}

export async function node(id) {
  const data = await gql(NODE, { id });
  return data.node;
}

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
    confidence: p.confidence,
    hops: p.hops.map((h) => ({
      from: h.fromId,
      fromName: h.fromName,
      to: h.toId,
      toName: h.toName,
      confidence: h.confidence,
      claims: h.claims.map((c) => ({ type: c.type, direction: c.direction, ...claimOf(c) })),
    })),
  }));
}

export async function whatIf(query) {
  const data = await gql(WHAT_IF, { edges: [`${query.a}~${query.b}`], start: query.start, end: query.end });
  return data.whatIf;
}

export async function change(query) {
  const data = await gql(CHANGE, query);
  return { ranks: data.influenceChange, brokers: data.brokerChange };
}

export async function activity(query) {
  const data = await gql(ACTIVITY, query);
  return data.activitySeries;
}

export async function footprint(query) {
  const data = await gql(FOOTPRINT, query);
  return data.actorFootprint;
}

export async function regions() {
  const data = await gql(REGIONS);
  return data.regions.edges.map((e) => e.node);
}
