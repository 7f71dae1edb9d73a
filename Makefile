# Sahel KG — the two commands: `make demo` and `make test`. Everything else is a step they take.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STORE ?= embedded:./var/graph
export SAHELKG_STORE ?= $(STORE)

.PHONY: demo test install install-dev node neo4j neo4j-up neo4j-down lint typecheck unit bench \
  bench-engines clean help

help:
	@echo "make demo   - set up, load data/ into the embedded store, show counts and an answer"
	@echo "make test   - set up (Python dev tools + Node tools) and run ruff, mypy and pytest"
	@echo "make bench  - run the benchmarks in bench/ (figures go to bench/results/)"
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

unit: install-dev node neo4j
	$(BIN)/python -m pytest --cov=graph.store --cov-report=term

test: lint typecheck unit

bench: install
	$(BIN)/python bench/bench_upsert.py

bench-engines: install-dev neo4j
	$(BIN)/python bench/bench_engines.py

clean:
	-$(PYTHON) -m tools.neo4j.server down --dir var/neo4j
	rm -rf $(VENV) node_modules var
