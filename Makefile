# Derive: `make book` builds the checked book into output/, `make test` runs the tests.
SWIFT       ?= swift
CHAPTERS    ?= chapters
OUTPUT      ?= output
DERIVE      := .build/release/derive
CONFORMANCE := ../shared/conformance/run.sh
# What a clean Debian machine lacks: cmark (through pkg-config) and the math font for the site.
PACKAGES    := libcmark-dev pkg-config fonts-lmodern

.PHONY: book check test pdf conformance bench bench-ab mutants fuzz clean deps release docs

# Installs the missing packages when it can (root with apt-get); otherwise says what to install.
deps:
	@command -v dpkg >/dev/null 2>&1 || exit 0; \
	missing=""; for p in $(PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	[ -z "$$missing" ] && exit 0; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq$$missing; \
	else \
	  echo "missing:$$missing -- install them with: sudo apt-get install$$missing"; \
	fi

release: deps
	$(SWIFT) build -c release --product derive

book: release
	$(DERIVE) build $(CHAPTERS) -o $(OUTPUT)
	@if command -v latexmk >/dev/null 2>&1; then \
	  $(MAKE) --no-print-directory pdf; \
	else \
	  echo "latexmk is not installed: $(OUTPUT)/book.pdf skipped (apt-get install latexmk texlive-latex-recommended lmodern)"; \
	fi

check: release
	$(DERIVE) check $(CHAPTERS)

# The authoring guide is a Derive book too: every example in it is checked, so it cannot drift.
docs: release
	$(DERIVE) build docs/guide -o $(OUTPUT)/docs

test: deps
	$(SWIFT) test

pdf:
	@command -v latexmk >/dev/null 2>&1 || { \
	  echo "make pdf needs latexmk: apt-get install latexmk texlive-latex-recommended lmodern"; exit 1; }
	@[ -f $(OUTPUT)/latex/book.tex ] || { echo "$(OUTPUT)/latex/book.tex is missing: run make book first"; exit 1; }
	cd $(OUTPUT)/latex && latexmk -pdf -interaction=nonstopmode -halt-on-error -silent book.tex
	cp $(OUTPUT)/latex/book.pdf $(OUTPUT)/book.pdf

conformance: release
	@if [ -x $(CONFORMANCE) ]; then $(CONFORMANCE) $(DERIVE); else echo "no conformance suite at $(CONFORMANCE)"; fi

bench: deps
	$(SWIFT) run -c release DeriveBench

# A/B against an older binary, alternating round by round (the machine's speed drifts):
# make bench-ab BASELINE=/path/to/old/derive
bench-ab: release
	@[ -n "$(BASELINE)" ] || { echo "usage: make bench-ab BASELINE=/path/to/an/older/derive"; exit 2; }
	python3 scripts/bench-ab.py $(BASELINE) $(DERIVE) --chapters $(CHAPTERS)

# Mutation test of the book: one plausible slip at a time in each link (sign, transpose, σ for σ²,
# a dropped ½…), each mutant re-checked alone; reports the kill rate and every survivor, and fails
# below MUTANTS_MIN_RATE percent of the non-equivalent mutants killed.
MUTANTS_MIN_RATE ?= 99
mutants: release
	$(DERIVE) mutate $(CHAPTERS) --min-rate $(MUTANTS_MIN_RATE)

# libFuzzer on each fuzz target for FUZZ_SECONDS each (address sanitizer on), from the committed
# seeds in fuzz/corpus/<target>; fails on a crash, a leak, a hang or a sanitizer report, whose input
# is left in .build-fuzz/crashes/. New inputs found go to .build-fuzz/corpus/<target>.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := FuzzMathParser FuzzMarkdown FuzzCheck
FUZZ_BUILD   := $(SWIFT) build -c release --scratch-path .build-fuzz \
                -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -use-ld=lld
fuzz: deps
	@for t in $(FUZZ_TARGETS); do $(FUZZ_BUILD) --product $$t || exit 1; done
	@mkdir -p .build-fuzz/crashes
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p .build-fuzz/corpus/$$t; \
	  .build-fuzz/release/$$t -max_total_time=$(FUZZ_SECONDS) -timeout=20 -rss_limit_mb=4096 -max_len=8192 \
	    -dict=fuzz/latex.dict -print_final_stats=1 -artifact_prefix=.build-fuzz/crashes/$$t- \
	    .build-fuzz/corpus/$$t fuzz/corpus/$$t > .build-fuzz/$$t.log 2>&1 \
	    || { tail -60 .build-fuzz/$$t.log; echo "fuzz: $$t failed; the input is in .build-fuzz/crashes/"; exit 1; }; \
	  echo "$$t: $$(grep -o 'number_of_executed_units: *[0-9]*' .build-fuzz/$$t.log | grep -o '[0-9]*$$') inputs, no crash"; \
	done

clean:
	rm -rf .build $(OUTPUT)
