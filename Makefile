# Sahel KG — the two commands: `make demo` and `make test`. Everything else is a step they take.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STORE ?= embedded:./var/graph
export SAHELKG_STORE ?= $(STORE)

.PHONY: demo test install install-dev node assets web browser schema schema-check lint typecheck \
  unit bench bench-api bench-explorer bench-export bench-engines screenshots neo4j neo4j-up \
  neo4j-down clean help

help:
	@echo "make demo   - set up, load data/ into the embedded store, show counts and an answer"
	@echo "make test   - set up (Python dev tools + Node tools) and run ruff, mypy and pytest"
	@echo "make bench  - run the benchmarks in bench/ (figures go to bench/results/)"
	@echo "make web    - copy the explorer's npm scripts into api/web/static/vendor/"
	@echo "make browser - install Debian's chromium and Playwright for Python (browser tests, PNG export)"
	@echo "make bench-engines - embedded FalkorDB and Neo4j side by side (bench/results/engines.json)"
	@echo "make neo4j-up / neo4j-down - a local Neo4j Community server (data in var/neo4j/)"
	@echo "make clean  - remove the virtualenv, node_modules and the embedded store"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Node runs Neo4j's own Cypher parser in the dialect test; install it if the machine lacks it.
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || (apt-get update -qq && apt-get install -y -qq nodejs npm)
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

node: node_modules/.installed

# GraphiQL is served from our own files (users brief from closed networks): copy the npm
# builds into the folder the API serves. Nothing is fetched from a CDN at run time.
GRAPHIQL_VENDOR := api/graphql/static/vendor
$(GRAPHIQL_VENDOR)/.copied: node_modules/.installed
	mkdir -p $(GRAPHIQL_VENDOR)
	cp node_modules/graphiql/graphiql.min.js node_modules/graphiql/graphiql.min.css \
	  node_modules/react/umd/react.production.min.js \
	  node_modules/react-dom/umd/react-dom.production.min.js $(GRAPHIQL_VENDOR)/
	@touch $@

assets: $(GRAPHIQL_VENDOR)/.copied

# Regenerate the committed SDL after a deliberate schema change (a test compares them).
schema: install-dev
	$(BIN)/python -m api.graphql.sdl write

# The explorer's third-party scripts, pinned in package.json, copied (not fetched) into the
# served folder with their licences; api/web/static/vendor/ is built, never committed.
WEB_VENDOR := api/web/static/vendor
WEB_SCRIPTS := node_modules/cytoscape/dist/cytoscape.min.js node_modules/layout-base/layout-base.js \
  node_modules/cose-base/cose-base.js node_modules/cytoscape-fcose/cytoscape-fcose.js
$(WEB_VENDOR)/.copied: node_modules/.installed
	mkdir -p $(WEB_VENDOR)/licenses
	cp $(WEB_SCRIPTS) $(WEB_VENDOR)/
	for p in cytoscape layout-base cose-base cytoscape-fcose; do \
	  cp node_modules/$$p/LICENSE $(WEB_VENDOR)/licenses/$$p.LICENSE; done
	@touch $@

web: $(WEB_VENDOR)/.copied
assets: $(WEB_VENDOR)/.copied

# Browser tests and PNG/PDF exports use Debian's chromium through Playwright for Python
# (installed with the dev extras); Playwright never downloads a browser of its own.
CHROMIUM ?= /usr/bin/chromium
$(CHROMIUM):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=600 chromium fonts-dejavu-core

browser: $(CHROMIUM) install-dev

# The two explorer pictures in docs/ (README) come from the browser tests' screenshots.
screenshots: install-dev assets browser
	$(BIN)/python -m pytest -q tests/api/web/test_explorer.py -k "source_titles or mopti"
	cp build/screenshots/network-jnim-evidence.png docs/explorer-network.png
	cp build/screenshots/map-incidents-2023-06-to-09.png docs/explorer-map.png

# Neo4j Community 5.26 from Maven Central, started by tools/neo4j/Launcher.java (no Docker).
# Built once; the Maven download is cached in .cache/m2 (ignored by git, kept by `make clean`).
NEO4J_DIR := tools/neo4j
NEO4J_BUILT := $(NEO4J_DIR)/target/.built
M2_REPO := $(CURDIR)/.cache/m2

$(NEO4J_BUILT): $(NEO4J_DIR)/pom.xml $(NEO4J_DIR)/src/main/java/sahelkg/Launcher.java
	@command -v javac >/dev/null || (apt-get update -qq && apt-get install -y -qq openjdk-17-jdk-headless)
	@command -v mvn >/dev/null || (apt-get update -qq && apt-get install -y -qq maven)
	mvn -B -q -Dstyle.color=never -f $(NEO4J_DIR)/pom.xml -Dmaven.repo.local=$(M2_REPO) package
	@touch $@

neo4j: $(NEO4J_BUILT)

neo4j-up: neo4j
	$(PYTHON) -m tools.neo4j.server up --dir var/neo4j

neo4j-down:
	$(PYTHON) -m tools.neo4j.server down --dir var/neo4j

demo: install
	$(BIN)/sahelkg load data/
	$(BIN)/sahelkg stats
	@echo; echo "# Who are the members of the Alliance of Sahel States, and since when?"
	$(BIN)/sahelkg query alliance_members -p alliance_id=alliance:alliance-of-sahel-states \
	  -c member,valid_from,status,credibility,source_ids
	@echo; echo "# Security incidents reported in Kayes, Koulikoro and Segou, May and June 2023"
	$(BIN)/sahelkg query reported_counts -p metric=security_incidents \
	  -p region_ids=region:mli-kayes,region:mli-koulikoro,region:mli-segou \
	  -c region,month,value,qualifier,derived_from
	@echo; echo "# What would a JNIM-CMA alignment change for JNIM? (nothing is written)"
	$(BIN)/sahelkg whatif --add-alliance alliance:jnim-cma-alignment --actor actor:jnim \
	  --start 2023-06 --end 2023-09

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install-dev
	$(BIN)/mypy

unit: install-dev node assets browser neo4j
	$(BIN)/python -m pytest --cov=graph.store --cov-report=term

# The committed GraphQL SDL must match the schema; breaking changes are listed first.
schema-check: install-dev
	$(BIN)/python -m api.graphql.sdl check

test: lint typecheck schema-check unit

bench: install
	$(BIN)/python bench/bench_upsert.py

bench-api: install assets
	$(BIN)/python bench/bench_api.py

bench-explorer: install assets browser
	$(BIN)/python bench/bench_explorer.py

bench-export: install assets browser
	$(BIN)/python bench/bench_export.py

bench-engines: install-dev neo4j
	$(BIN)/python bench/bench_engines.py

clean:
	-$(PYTHON) -m tools.neo4j.server down --dir var/neo4j
	rm -rf $(VENV) node_modules var $(GRAPHIQL_VENDOR) $(WEB_VENDOR)
