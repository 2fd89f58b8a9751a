# vssagen: generator, golden model, Verilator harness, tests and benchmarks.
# `make help` lists the targets.

CC      ?= gcc
CFLAGS  ?= -O2 -g
CFLAGS  += -std=c11 -Wall -Wextra -Werror
B       := build

GEN_SRC := gen/main.c gen/config.c gen/emit.c gen/rtl.c
GOLDEN_SRC := golden/vssa.c
TEMPLATES := $(wildcard gen/rtl/*.v)

.PHONY: all
all: $(B)/vssagen

$(B):
	mkdir -p $(B)

# Module templates become C strings, one per file: gen/rtl/pe.v -> tpl_pe.
$(B)/templates.c: $(TEMPLATES) | $(B)
	@{ echo '/* Generated from the templates in gen/rtl by make; do not edit. */'; \
	  for f in $(TEMPLATES); do \
	    n=$$(basename $$f .v); echo "const char tpl_$$n[] ="; \
	    sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' $$f; echo ';'; \
	  done; } > $@.tmp && mv $@.tmp $@

$(B)/vssagen: $(GEN_SRC) $(GOLDEN_SRC) $(B)/templates.c gen/*.h golden/vssa.h | $(B)
	$(CC) $(CFLAGS) -Igen -Igolden -o $@ $(GEN_SRC) $(GOLDEN_SRC) $(B)/templates.c -lm

# ---------------------------------------------------------------------------
# Designs and simulators. A configuration NAME is a set of vssagen options in
# CFG_NAME; its design is rtl_out/NAME.v with parameter header rtl_out/NAME.h,
# and its co-simulator is build/sim/NAME/vssa-sim.
VERILATOR  ?= verilator
VL_INC     := /usr/share/verilator/include
SIM_CFLAGS := -O2 -g -std=c11 -Wall -Wextra -Werror
SIM_CXXFLAGS := -O2 -g -std=c++17 -Wall -Wno-unused-parameter
# Verilator's own generated C++ compiles faster at -O1 with little run-time cost.
VL_OPT     := OPT_FAST=-O1 OPT_SLOW=-O0 OPT_GLOBAL=-O1

include tests/configs.mk

HARNESS_C  := harness/driver.c harness/workload.c golden/vssa.c golden/plan.c
HARNESS_H  := harness/sim.h harness/workload.h golden/vssa.h golden/plan.h

.PRECIOUS: rtl_out/%.v rtl_out/%.h $(B)/sim/%/vssa-sim
rtl_out/%.v rtl_out/%.h: $(B)/vssagen tests/configs.mk
	@test -n "$(CFG_$*)" || { echo "no configuration CFG_$* in tests/configs.mk" >&2; exit 2; }
	$(B)/vssagen $(CFG_$*) -o rtl_out/$*.v --params rtl_out/$*.h

$(B)/sim/%/vssa-sim: rtl_out/%.v rtl_out/%.h harness/sim.cpp $(HARNESS_C) $(HARNESS_H)
	@rm -rf $(B)/sim/$* && mkdir -p $(B)/sim/$*
	$(VERILATOR) --cc --trace-fst --top-module vssa -Mdir $(B)/sim/$*/obj rtl_out/$*.v
	$(MAKE) -s -C $(B)/sim/$*/obj -f Vvssa.mk $(VL_OPT) \
	  Vvssa__ALL.a verilated.o verilated_fst_c.o verilated_threads.o >/dev/null
	$(CXX) $(SIM_CXXFLAGS) -include rtl_out/$*.h -DVTOP=Vvssa -Iharness \
	  -I$(B)/sim/$*/obj -I$(VL_INC) -I$(VL_INC)/vltstd -c harness/sim.cpp -o $(B)/sim/$*/sim.o
	$(CC) $(SIM_CFLAGS) -include rtl_out/$*.h -Iharness -Igolden -c harness/driver.c -o $(B)/sim/$*/driver.o
	$(CC) $(SIM_CFLAGS) -Iharness -Igolden -c harness/workload.c -o $(B)/sim/$*/workload.o
	$(CC) $(SIM_CFLAGS) -Igolden -c golden/vssa.c -o $(B)/sim/$*/vssa.o
	$(CC) $(SIM_CFLAGS) -Igolden -c golden/plan.c -o $(B)/sim/$*/plan.o
	$(CXX) -o $@ $(B)/sim/$*/driver.o $(B)/sim/$*/workload.o $(B)/sim/$*/vssa.o \
	  $(B)/sim/$*/plan.o $(B)/sim/$*/sim.o $(B)/sim/$*/obj/Vvssa__ALL.a \
	  $(addprefix $(B)/sim/$*/obj/,verilated.o verilated_fst_c.o verilated_threads.o) \
	  -lz -pthread -latomic -lm
