# Two commands do everything on a fresh clone: `make site` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LANGS := $(notdir $(wildcard locales/*))
STAMP := $(VENV)/.installed

.PHONY: site test serve locales locale-extract locale-update locale-check locale-init docs-sv docs-en bench bench-extract clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

## locales: compile every .po catalog to .mo (built, never committed)
locales: $(STAMP)
	$(BIN)/pybabel compile --domain messages --directory locales --statistics

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

## site: set up, compile catalogs, build the site into site/ (strict)
site: locales
	$(BIN)/mkdocs build --strict --quiet

serve: locales
	$(BIN)/mkdocs serve

## docs-sv / docs-en: regenerate the notice Markdown from the source PDFs
docs-sv: locales
	$(BIN)/notice extract sources/allegis-privacy-notice-sv.pdf --lang sv --out docs/sv/index.md
docs-en: locales
	$(BIN)/notice extract sources/allegis-privacy-notice-en.pdf --lang en --ids-from docs/sv/index.md --out docs/en/index.md

## test: the same set-up, then every test
test: locales
	$(BIN)/python -m pytest -q

clean:
	rm -rf site $(VENV) locales/*/LC_MESSAGES/*.mo

## bench-extract: score our extractor and pymupdf4llm against the hand-checked gold files
BENCH_VENV := .venv-bench
REALPDFS ?= ../shared/realpdfs
$(BENCH_VENV)/.installed: bench/requirements.txt
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install --quiet -r bench/requirements.txt
	touch $@
bench-extract: $(STAMP) $(BENCH_VENV)/.installed
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BENCH_VENV)/bin/python bench/score_extract.py --pdfs $(REALPDFS) --gold bench/gold
