# Two commands do everything on a fresh clone: `make site` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LANGS := $(notdir $(wildcard locales/*))
STAMP := $(VENV)/.installed

.PHONY: site test serve sysdeps browser release locales bytecode locale-extract locale-update locale-check locale-init docs-sv docs-en bench bench-archive bench-extract clean signals

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

## locales: compile every .po catalog to .mo (built, never committed)
locales: $(STAMP) bytecode
	$(BIN)/pybabel compile --domain messages --directory locales --statistics

## bytecode: compile the library once, as pip does for installed packages (the editable install is
## not; with PYTHONDONTWRITEBYTECODE set, every `notice` run would compile it again: 60 ms)
bytecode: $(STAMP)
	$(BIN)/python -m compileall -q scripts/notice overrides/hooks

## locale-extract: refresh the template from templates and code
locale-extract: $(STAMP)
	$(BIN)/pybabel extract --mapping babel.cfg --keywords N_ --no-location --sort-output \
	  --project notice-site --copyright-holder "notice-site contributors" \
	  --output-file locales/messages.pot .

## locale-update: merge the template into every language's catalog
locale-update: locale-extract
	$(BIN)/pybabel update --input-file locales/messages.pot --domain messages --output-dir locales \
	  --no-fuzzy-matching --ignore-obsolete

## locale-check: fail when a catalog is stale against the template
locale-check: $(STAMP)
	$(BIN)/pybabel extract --mapping babel.cfg --keywords N_ --no-location --sort-output \
	  --project notice-site --copyright-holder "notice-site contributors" \
	  --output-file $(VENV)/messages.check.pot .
	$(BIN)/pybabel update --check --input-file $(VENV)/messages.check.pot --domain messages \
	  --output-dir locales --no-fuzzy-matching --ignore-obsolete --ignore-pot-creation-date

## locale-init LANG=xx: start a catalog for a new language
locale-init: locale-extract
	$(BIN)/pybabel init --input-file locales/messages.pot --domain messages --output-dir locales --locale $(LANG)

## sysdeps: the system libraries WeasyPrint typesets the PDFs with, and the only fonts they use
## (Debian packages): installed with apt-get when missing and run as root, otherwise named.
SYSDEPS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig fonts-dejavu-core
sysdeps:
	@command -v dpkg-query >/dev/null || { echo "sysdeps: not Debian; install pango, harfbuzz and DejaVu fonts"; exit 0; }; \
	missing=$$(for p in $(SYSDEPS); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "sysdeps: installing" $$missing; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	  else echo "sysdeps: missing" $$missing "- run: sudo apt-get install" $$missing >&2; exit 1; fi; \
	fi

## browser: Debian's Chromium for the browser tests and Lighthouse (never a browser download) and
## the npm tools pinned in package-lock.json (axe-core for the tests, lighthouse for make bench)
CHROMIUM := /usr/bin/chromium
NPM_STAMP := node_modules/.package-lock.json
$(NPM_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm; }
	npm ci --no-audit --no-fund --loglevel=error
browser: $(NPM_STAMP)
	@test -x $(CHROMIUM) || { echo "browser: installing Debian's chromium"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; }

## site: set up, compile catalogs, build the site into site/ (strict)
site: sysdeps locales
	$(BIN)/mkdocs build --strict --quiet

serve: locales
	$(BIN)/mkdocs serve

## docs-sv / docs-en: regenerate the notice Markdown from the source PDFs
docs-sv: locales
	$(BIN)/notice extract sources/allegis-privacy-notice-sv.pdf --lang sv --out docs/sv/index.md
docs-en: locales
	$(BIN)/notice extract sources/allegis-privacy-notice-en.pdf --lang en --ids-from docs/sv/index.md --out docs/en/index.md

## release [VERSION=2.0]: publish the current notice of every language as a version (snapshots it
## under docs/<lang>/<date>/ with its PDF and JSON, made once, and records their SHA-256 in
## versions.yml). A released version never changes: CORRECT='why' [VERSION=1.0] corrects one on purpose
release: sysdeps locales
	$(BIN)/notice release $(if $(VERSION),--version '$(VERSION)') $(if $(CORRECT),--correct '$(CORRECT)')

## test: the same set-up, then every test
test: sysdeps locales browser
	$(BIN)/python -m pytest -q

## bench: Lighthouse (mobile, desktop) on the built notice, and build time for 2, 10 and 30
## languages against plain mkdocs-material + static-i18n on the same content, in one run
bench: sysdeps locales browser
	$(BIN)/python bench/site/run.py

## bench-archive: only the archive at scale: 30 languages x 10 released versions (made by notice
## release, kept under bench/out/), cold and warm build against the plain stack on the same pages
bench-archive: sysdeps locales
	$(BIN)/python bench/site/run.py --archive-scale

clean:
	rm -rf site $(VENV) node_modules locales/*/LC_MESSAGES/*.mo

## bench-extract: score our extractor and pymupdf4llm against the hand-checked gold files
BENCH_VENV := .venv-bench
REALPDFS ?= ../shared/realpdfs
$(BENCH_VENV)/.installed: bench/requirements.txt
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install --quiet -r bench/requirements.txt
	touch $@
bench-extract: $(STAMP) bytecode $(BENCH_VENV)/.installed
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BENCH_VENV)/bin/python bench/score_extract.py --pdfs $(REALPDFS) sources --gold bench/gold

## signals: extract every shared real PDF and count reference-free defects (../shared/tools/extraction_signals.py)
signals: $(STAMP) bytecode
	$(BIN)/python bench/signals.py --pdfs $(REALPDFS) --out .cache/signals
