#!/usr/bin/env node
// Offline Neo4j 5 Cypher dialect lint.
//
// Why: the project must prove its Cypher is valid Neo4j 5 without a Neo4j
// server. `lintCypherQuery` from @neo4j-cypher/language-support runs Neo4j's
// own ANTLR grammar plus its semantic analysis (compiled from the Neo4j
// front end to JS), entirely in-process and offline.
//
// stdin:  JSON array of {"id": string, "cypher": string}
// stdout: JSON array of {"id": string, "diagnostics": [{"severity", "message",
//         "line", "column"}]} in input order. line/column are 1-based, like
//         the "(line 1, column 16)" in Neo4j server errors.
// Exit 2 (message on stderr) on bad input; exit 1 on an internal failure.
//
// All statements are linted in this one process: the parser and the semantic
// analyser warm up once (~0.3 s), after which a statement costs a few ms.

import { createRequire } from 'node:module';

// The pinned release's ESM build uses extension-less relative imports that
// plain node cannot resolve, so load its CommonJS build instead.
const require = createRequire(import.meta.url);

/** LSP DiagnosticSeverity numbers -> names. */
const SEVERITY = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };

/**
 * dbSchema argument. Empty on purpose: with no `labels`, `relationshipTypes`,
 * `functions` or `procedures` keys the linter skips the "X is not present in
 * the database" / unknown function / unknown procedure checks, which would
 * only reflect the (absent) live database, not the dialect. `defaultLanguage`
 * pins statements without a `CYPHER n` prefix to Cypher 5.
 * Parameters cannot be declared here without knowing every statement's
 * names, so the linter reports each `$param` as "Parameter $x is not
 * defined." (severity error); callers filter those out.
 */
const DB_SCHEMA = Object.freeze({ defaultLanguage: 'CYPHER 5' });

function fail(code, message) {
  process.stderr.write(`cypher_lint: ${message}\n`);
  process.exit(code);
}

function readStdin() {
  return new Promise((resolve, reject) => {
    const chunks = [];
    process.stdin.on('data', (chunk) => chunks.push(chunk));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

/** Validate the request; return the items or exit 2 with a clear message. */
function parseRequest(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (err) {
    fail(2, `stdin is not valid JSON (${err.message}); expected [{"id": str, "cypher": str}, ...]`);
  }
  if (!Array.isArray(data)) {
    fail(2, `expected a JSON array of {"id": str, "cypher": str}, got ${data === null ? 'null' : typeof data}`);
  }
  const seen = new Set();
  data.forEach((item, i) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      fail(2, `item ${i} is not an object`);
    }
    if (typeof item.id !== 'string') fail(2, `item ${i}: "id" must be a string`);
    if (typeof item.cypher !== 'string') fail(2, `item ${i} (id ${JSON.stringify(item.id)}): "cypher" must be a string`);
    if (seen.has(item.id)) fail(2, `item ${i}: duplicate id ${JSON.stringify(item.id)}`);
    seen.add(item.id);
  });
  return data;
}

function loadLinter() {
  let mod;
  try {
    mod = require('@neo4j-cypher/language-support');
  } catch (err) {
    fail(1, `cannot load @neo4j-cypher/language-support (${err.message}); run \`npm ci\` in the repo root`);
  }
  if (typeof mod.lintCypherQuery !== 'function') {
    fail(1, 'the installed @neo4j-cypher/language-support has no lintCypherQuery export');
  }
  return mod.lintCypherQuery;
}

function lintOne(lintCypherQuery, cypher) {
  // Third argument: consoleCommandsEnabled=false, so Browser-only `:param`
  // style commands are reported as errors (drivers cannot run them).
  const result = lintCypherQuery(cypher, DB_SCHEMA, false);
  // 2.0.0-next.20 returns the array; later releases wrap it in {diagnostics}.
  const diagnostics = Array.isArray(result) ? result : result?.diagnostics;
  if (!Array.isArray(diagnostics)) {
    throw new Error('lintCypherQuery returned an unexpected shape');
  }
  return diagnostics.map((d) => ({
    severity: SEVERITY[d.severity] ?? String(d.severity),
    message: d.message,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
  }));
}

async function main() {
  const items = parseRequest(await readStdin());
  const lintCypherQuery = loadLinter();
  const out = items.map(({ id, cypher }) => ({ id, diagnostics: lintOne(lintCypherQuery, cypher) }));
  process.stdout.write(JSON.stringify(out));
  process.stdout.write('\n');
}

main().catch((err) => fail(1, `internal error: ${err?.stack ?? err}`));
