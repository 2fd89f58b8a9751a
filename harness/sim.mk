# SPDX-License-Identifier: MIT
# sim.mk - how vssa-sim, the co-simulator of one generated design, is built:
# Verilator's model of the design, then the C harness, the golden model and
# the C++ shim, compiled against the design's parameter header (vssagen
# --params) and linked with the model.
#
# The one recipe for it: the project Makefile includes this file for
# build/sim/NAME/vssa-sim, and `make install` installs it with the sources
# it names under PREFIX/share/vssagen, where vssa-build-sim runs it as
#   make -f sim.mk SIM_SRC=DIR/ SIM_V=DESIGN.v SIM_H=PARAMS.h SIM_DIR=OUTDIR
# SIM_SRC is the directory holding harness/, golden/ and gen/, with a
# trailing slash; empty (the project) is the current directory.

VERILATOR  ?= verilator
VL_INC     := /usr/share/verilator/include
SIM_CFLAGS := -O2 -g -std=c11 -Wall -Wextra -Werror
SIM_CXXFLAGS := -O2 -g -std=c++17 -Wall -Wno-unused-parameter
# Verilator's own generated C++ compiles faster at -O1 with little run-time cost.
VL_OPT     := OPT_FAST=-O1 OPT_SLOW=-O0 OPT_GLOBAL=-O1
# Every undriven initial value and every X Verilator makes (out-of-range
# selects) comes from a function, so vssa-sim --x-seed N can randomize them.
VL_X       := --x-assign unique --x-initial unique

# The sources, relative to SIM_SRC: what `make install` copies.
HARNESS_PARTS := driver options head stream check perfcheck report workload arch_load hwprec layers fstcheck_files \
                 mismatch gtkw
SIM_C_FILES := $(addprefix harness/,$(addsuffix .c,$(HARNESS_PARTS))) golden/vssa.c golden/attention.c \
               golden/tiers.c golden/arch.c golden/plan.c golden/io.c golden/npy.c gen/emit.c
SIM_H_FILES := harness/harness.h harness/sim.h harness/workload.h harness/arch_load.h \
               harness/fstcheck_files.h harness/gtkw.h golden/vssa.h golden/arch.h golden/plan.h golden/io.h \
               golden/npy.h gen/emit.h
SIM_FILES  := harness/sim.cpp $(SIM_C_FILES) $(SIM_H_FILES)

HARNESS_C  := $(addprefix $(SIM_SRC),$(SIM_C_FILES))
HARNESS_H  := $(addprefix $(SIM_SRC),$(SIM_H_FILES))
HARNESS_OBJ := $(HARNESS_PARTS) vssa attention tiers arch plan io npy emit

# $(call sim_top,PARAMS.h): the design's top module (vssagen --top), which
# names Verilator's model class V<top>.
sim_top = $(shell sed -n 's/^.define VSSA_TOP_NAME "\([A-Za-z_][A-Za-z0-9_]*\)"$$/\1/p' $(1))

# $(call build_harness,PARAMS.h,OBJ,DIR,CFLAGS,CXXFLAGS): the C driver,
# workloads, golden model and shim for the design of PARAMS.h, linked in DIR
# against its Verilated model already built in OBJ.
define build_harness
	$(CXX) $(5) -include $(1) -DVTOP=V$(call sim_top,$(1)) -I$(SIM_SRC)harness -I$(2) \
	  -I$(VL_INC) -I$(VL_INC)/vltstd -c $(SIM_SRC)harness/sim.cpp -o $(3)/sim.o
	for f in $(HARNESS_C); do \
	  $(CC) $(4) -include $(1) -I$(SIM_SRC)harness -I$(SIM_SRC)golden -I$(SIM_SRC)gen \
	    -c $$f -o $(3)/$$(basename $$f .c).o || exit 1; \
	done
	$(CXX) $(5) -o $(3)/vssa-sim $(foreach o,$(HARNESS_OBJ) sim,$(3)/$(o).o) \
	  $(2)/V$(call sim_top,$(1))__ALL.a \
	  $(addprefix $(2)/,verilated.o verilated_fst_c.o verilated_threads.o) \
	  -lz -pthread -latomic -lm
endef

# $(call build_sim,DESIGN.v,PARAMS.h,DIR): the Verilated model in DIR/obj,
# then DIR/vssa-sim. The + marks the sub-make as one (make sees no $(MAKE)
# in a $(call) line), so that it shares the jobserver of make -j.
define build_sim
	@mkdir -p $(3)/obj
	$(VERILATOR) --cc --trace-fst $(VL_X) --top-module $(call sim_top,$(2)) -Mdir $(3)/obj $(1)
	+$(MAKE) -s -C $(3)/obj -f V$(call sim_top,$(2)).mk $(VL_OPT) \
	  V$(call sim_top,$(2))__ALL.a verilated.o verilated_fst_c.o verilated_threads.o >/dev/null
	$(call build_harness,$(2),$(3)/obj,$(3),$(SIM_CFLAGS),$(SIM_CXXFLAGS))
endef

# Run on its own (vssa-build-sim): the one target, SIM_DIR/vssa-sim.
ifneq ($(SIM_DIR),)
$(SIM_DIR)/vssa-sim: $(SIM_V) $(SIM_H) $(SIM_SRC)harness/sim.cpp $(HARNESS_C) $(HARNESS_H)
	$(call build_sim,$(SIM_V),$(SIM_H),$(SIM_DIR))
endif
