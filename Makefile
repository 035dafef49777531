# token-economics: `make site` builds the site into output/, `make test` runs every test
# and every site check. Both install libcmark-dev and libyaml-dev first when they are missing.
SWIFT ?= swift
SHELL := /bin/bash
CHECK_DIR ?= .build/site-check

.PHONY: all site site-binary serve-check test deps checkers unit-tests site-checks workflow-checks build release format lint clean expected \
	fuzz bench embed install dist crash-test

all: site

deps:
	@scripts/ensure-deps.sh

release: deps
	$(SWIFT) build -c release --product token-economics

# `make site` needs no preview server: its release binary is built without the trait Serve
# (FlyingFox and the Serve target are not compiled), in a build folder of its own so that
# .build/release (`make release`, `install`, `bench`) is neither replaced nor rebuilt.
# `make site-binary` builds only that binary ($(SITE_BUILD)/release/token-economics).
SITE_BUILD ?= .build/site-binary
site-binary: deps
	$(SWIFT) build -c release --product token-economics --disable-default-traits --scratch-path $(SITE_BUILD)

site: site-binary
	$(SITE_BUILD)/release/token-economics build --content content --templates templates --output output

# Ends with one plain line, "tests: N passed, 0 failed", counting the Swift Testing tests,
# the site checks that ran, the check of the example CI files and that of a binary without serve.
test: deps unit-tests site-checks workflow-checks serve-check
	@scripts/test-summary.sh .build/test-results.log .build/site-check.log .build/workflow-check.log \
		.build/serve-check.log

unit-tests: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-xctest 2>&1 | tee .build/test-results.log; exit $${PIPESTATUS[0]}

checkers:
	@scripts/ensure-checkers.sh

# Builds the repository's own content with the debug binary and checks the pages; then the same
# checks on a site whose essay has a heading for every id the templates write (docs/content.md:
# heading ids never take the page's own).
IDS_DIR ?= .build/heading-ids-check
site-checks: deps checkers
	$(SWIFT) build --product token-economics
	rm -rf $(CHECK_DIR)
	.build/debug/token-economics build --strict --content content --templates templates --output $(CHECK_DIR) \
		--base-url https://example.org/token-economics/
	scripts/check-site.sh $(CHECK_DIR) | tee .build/site-check.log; exit $${PIPESTATUS[0]}
	rm -rf $(IDS_DIR) && mkdir -p $(IDS_DIR) && cp -R Tests/TokenEconomicsTests/Fixtures/heading-ids/content $(IDS_DIR)/content
	grep -rhoE '[[:space:]]id="[^"{]+"' templates | sed -E 's/.*id="([^"]+)"/\n## \1/' >> $(IDS_DIR)/content/ids.md
	.build/debug/token-economics build --strict --content $(IDS_DIR)/content --templates templates --output $(IDS_DIR)/site
	scripts/check-site.sh $(IDS_DIR)/site | tee -a .build/site-check.log; exit $${PIPESTATUS[0]}

# A binary built without the trait Serve, as `make site` builds one (here a debug build, in a
# build folder of its own): `serve` exits 2 with one line naming `make release`, and `build` works.
NO_SERVE_BUILD ?= .build/no-serve
serve-check: deps
	$(SWIFT) build --product token-economics --disable-default-traits --scratch-path $(NO_SERVE_BUILD)
	scripts/check-no-serve.sh $(NO_SERVE_BUILD)/debug/token-economics | tee .build/serve-check.log; \
		exit $${PIPESTATUS[0]}

# The example CI files of docs/ci/: actionlint on the GitHub workflows, a YAML parse of all.
workflow-checks:
	@scripts/ensure-actionlint.sh
	actionlint docs/ci/github/*.yml
	python3 scripts/check-workflows.py docs/ci/github/*.yml docs/ci/gitlab-ci.yml
	@mkdir -p .build && echo "ok   ci files: docs/ci/ passes actionlint and parses" | tee .build/workflow-check.log

# Rewrites Sources/Pages/Defaults/EmbeddedFiles.swift, the default templates and the
# example site built into the program, from templates/ and content/ (a test fails until it is run).
embed:
	python3 scripts/embed-defaults.py

# Installs the release binary into $(PREFIX)/bin (it loads libcmark, libyaml and Swift's libraries
# from where this machine has them; `make dist` makes one that does not).
PREFIX ?= /usr/local
install: release
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 .build/release/token-economics $(DESTDIR)$(PREFIX)/bin/token-economics

# dist/token-economics-VERSION-linux-ARCH.tar.gz and its .sha256: a binary with Swift's
# standard library, Foundation, libcmark and libyaml linked in, for runners that should not compile Swift.
DIST_DIR ?= dist
dist: deps
	scripts/ensure-deps.sh --dist
	scripts/dist.sh $(DIST_DIR)

# Rewrites Tests/TokenEconomicsTests/Expected/ from the fixture site; read the diff before committing.
expected: deps
	UPDATE_EXPECTED=1 $(SWIFT) test --filter ExpectedPagesTests

# The crash-consistency test of docs/safety.md at length: builds of a generated corpus killed with
# SIGKILL at CRASH_KILLS random moments (make test kills 4). CRASH_SEED picks other moments.
CRASH_KILLS ?= 100
CRASH_SEED ?= 2026
crash-test: deps
	$(SWIFT) build --build-tests
	CRASH_KILLS=$(CRASH_KILLS) CRASH_SEED=$(CRASH_SEED) $(SWIFT) test --skip-build --disable-xctest --filter CrashTests

# The benchmark of docs/performance.md: a corpus of 1,000 essays and 1,000 scenarios, built with
# the release binary and compared with cmark and Hugo, then one of 10,000 and 10,000. BENCH_RUNS=3
# make bench for a quicker run.
BENCH_DIR ?= .build/bench
BENCH_RUNS ?= 7
# Every fourth essay goes two folders deep into one of this many folders (0: a flat corpus).
BENCH_FOLDERS ?= 12
# The 10,000 + 10,000 corpus is built BENCH_LARGE_RUNS times (it takes ten times as long), for the
# growth from 1,000 to 10,000 of time, memory and output size.
BENCH_LARGE_RUNS ?= 2
bench: release
	@scripts/ensure-bench-tools.sh
	rm -rf $(BENCH_DIR) && python3 bench/corpus.py $(BENCH_DIR) --folders $(BENCH_FOLDERS)
	rm -rf $(BENCH_DIR)-10k && python3 bench/corpus.py $(BENCH_DIR)-10k --essays 10000 --scenarios 10000 \
		--folders $(BENCH_FOLDERS)
	python3 bench/run.py .build/release/token-economics templates $(BENCH_DIR) --runs $(BENCH_RUNS) \
		--large $(BENCH_DIR)-10k --large-runs $(BENCH_LARGE_RUNS)

# libFuzzer over essays, scenarios, catalogs and templates, seeded with content/ and the
# test fixtures. FUZZ_SECONDS=60 make fuzz for a short run; crashes are written to .build/fuzz-crashes/.
FUZZ_SECONDS ?= 600
fuzz: deps
	cd Fuzz && $(SWIFT) build -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -enable-testing
	scripts/fuzz-corpus.sh .build/fuzz-corpus
	mkdir -p .build/fuzz-crashes
	LSAN_OPTIONS=suppressions=Fuzz/lsan.supp Fuzz/.build/debug/FuzzContent .build/fuzz-corpus -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
		-artifact_prefix=.build/fuzz-crashes/ -print_final_stats=1

format:
	$(SWIFT) format --in-place --recursive Sources Tests Package.swift Fuzz/Sources Fuzz/Package.swift

# Fails on any line `make format` would change (the style is in .swift-format).
lint:
	$(SWIFT) format lint --strict --recursive Sources Tests Package.swift Fuzz/Sources Fuzz/Package.swift

# Removes the build folder and, from output/, only the files the generator wrote there (its
# manifest lists them); a file of yours in output/ stays.
clean:
	rm -rf .build
	scripts/clean-output.sh output
