# SPDX-License-Identifier: MIT
# Design configurations used by the tests, `make verify`, `make lint`,
# `make bench` and `make synth`. Each CFG_<name> is a vssagen option set;
# rtl_out/<name>.v is its design. A base shape <b> also yields <b>_<variant>
# for every variant: the three dispatch policies and the fixed8 baseline.
# These take their precision from the host (in_tag_i), so that every mix
# reaches the array; the hN configurations below test --precision hw.
VARIANTS := lockstep group fuse fixed8
VARIANT_lockstep := --sched lockstep --precision host
VARIANT_group    := --sched group --precision host
VARIANT_fuse     := --sched fuse --precision host
VARIANT_fixed8   := --arch fixed8 --precision host
with_variants = $(foreach b,$(1),$(foreach v,$(VARIANTS),$(b)_$(v)))
$(foreach b,t4x4 t3x5d2 t1x2d1 t8x2 t4x3c5 v4x4 v8x8 v16x16 v32x32 v8x32 v6x5d2 b16x16 b32x32 s8x8,\
  $(foreach v,$(VARIANTS),$(eval CFG_$(b)_$(v) = $$(CFG_$(b)) $$(VARIANT_$(v)))))

# Quick co-simulation set for `make test`.
CFG_t4x4   := --rows 4 --cols 4 --head-dim 8 --max-seq 48
CFG_t3x5d2 := --rows 3 --cols 5 --digit 2 --bits 8,6,2,0 --head-dim 5 --max-seq 20
CFG_t1x2d1 := --rows 1 --cols 2 --digit 1 --bits 8,3,1 --head-dim 3 --max-seq 9
# Short head, many lanes: the drain, not the array, bounds each tile.
CFG_t8x2   := --rows 8 --cols 2 --head-dim 2 --max-seq 64
# Five classes: fuse pairs classes 0/1 and 2/3.
CFG_t4x3c5 := --rows 4 --cols 3 --digit 2 --bits 8,6,4,2,0 --head-dim 6 --max-seq 40
# all-MiniLM-L6-v2 heads through the RTL in `make accuracy` (d = 32).
CFG_acc_mid   := --rows 8 --cols 8 --head-dim 32 --max-seq 512 --precision host
CFG_acc_floor := --rows 8 --cols 8 --head-dim 32 --max-seq 512 --round floor --precision host
# ... and the whole model through the RTL, precision decided by the design,
# with the 0-bit compensation.
CFG_acc_hw    := --rows 8 --cols 8 --head-dim 32 --max-seq 512 --comp

# Precision decided by the design (--precision hw, the default): multi-layer
# runs rank the importance counters between layers.
CFG_h4x4   := --rows 4 --cols 4 --head-dim 8 --max-seq 48
CFG_h3x5d2 := --rows 3 --cols 5 --digit 2 --bits 8,6,2,0 --head-dim 5 --max-seq 20 --sched group
# 0-bit compensation (--comp; comp_i on and off at run time): host tags
# under lockstep (pruned keys hold lanes) and group, and ranked tags.
CFG_c4x4   := --rows 4 --cols 4 --head-dim 8 --max-seq 48 --comp --precision host --sched lockstep
CFG_c3x5d2 := --rows 3 --cols 5 --digit 2 --bits 8,6,2,0 --head-dim 5 --max-seq 20 --comp --precision host --sched group
CFG_hc4x4  := $(CFG_h4x4) --comp
COMP_TEST_CFGS := c4x4 c3x5d2 hc4x4
# Floor reconstruction (the default is mid).
CFG_t4x4_floor := $(CFG_t4x4) --round floor --precision host
# The conventional int8 array (as b16x16_int8): its ideal counts every key at 8 bits.
CFG_t4x4_int8 := $(CFG_t4x4) --arch fixed8 --digit 8 --bits 8,0 --precision host
# The int8 array that skips pruned keys (as b16x16_int8skip): the 4-bit
# class runs at 8 bits, the 0-bit class is pruned.
CFG_t4x4_int8skip := $(CFG_t4x4) --arch int8 --digit 8 --bits 8,4,0 --precision host
HW_TEST_CFGS := h4x4 h3x5d2
TEST_CFGS  := $(call with_variants,t4x4 t3x5d2 t1x2d1 t8x2 t4x3c5) t4x4_floor t4x4_int8skip \
              $(HW_TEST_CFGS) $(COMP_TEST_CFGS)

# Nine classes at one bit a digit, head dimension 9: in_data_i (72 bits) and
# ratio_i (80 bits) wider than 64 bits, for `make icarus-verify`.
CFG_i2x2d1 := --rows 2 --cols 2 --digit 1 --bits 8,7,6,5,4,3,2,1,0 --head-dim 9 --max-seq 24

# Waveform-backed regression matrix for `make verify`.
CFG_v4x4   := --rows 4 --cols 4 --head-dim 16 --max-seq 64
CFG_v8x8   := --rows 8 --cols 8 --head-dim 32 --max-seq 128
CFG_v16x16 := --rows 16 --cols 16 --head-dim 64 --max-seq 256
CFG_v32x32 := --rows 32 --cols 32 --head-dim 64 --max-seq 512
CFG_v8x32  := --rows 8 --cols 32 --head-dim 32 --max-seq 128
CFG_v6x5d2 := --rows 6 --cols 5 --digit 2 --bits 8,6,4,2,0 --head-dim 12 --max-seq 60
# 0-bit compensation, comp_i high: 8x8 under lockstep and fuse, 6x5 under group.
CFG_vc8x8_lockstep := $(CFG_v8x8) --comp --precision host --sched lockstep
CFG_vc8x8_fuse     := $(CFG_v8x8) --comp --precision host --sched fuse
CFG_vc6x5d2_group  := $(CFG_v6x5d2) --comp --precision host --sched group
VERIFY_CFGS := $(call with_variants,v4x4 v8x8 v16x16 v32x32 v8x32 v6x5d2) \
               vc8x8_lockstep vc8x8_fuse vc6x5d2_group

# Benchmark shapes for `make bench` (d = 64, up to 512 keys).
CFG_b16x16 := --rows 16 --cols 16 --head-dim 64 --max-seq 512
CFG_b32x32 := --rows 32 --cols 32 --head-dim 64 --max-seq 512
# The conventional int8 array of each shape: a full 8x8 multiplier per PE.
CFG_b16x16_int8 := $(CFG_b16x16) --arch fixed8 --digit 8 --bits 8,0 --precision host
CFG_b32x32_int8 := $(CFG_b32x32) --arch fixed8 --digit 8 --bits 8,0 --precision host
# The int8 array that skips pruned keys: the same 8,4,0 tags as the VSSA
# designs, so the same keys are pruned; every kept one runs at 8 bits.
CFG_b16x16_int8skip := $(CFG_b16x16) --arch int8 --digit 8 --bits 8,4,0 --precision host
CFG_b32x32_int8skip := $(CFG_b32x32) --arch int8 --digit 8 --bits 8,4,0 --precision host
# Precision decided by the design, with the 0-bit compensation, for the
# multi-layer run.
CFG_b32x32_hw := $(CFG_b32x32) --comp
BENCH_CFGS := $(call with_variants,b16x16 b32x32) b16x16_int8 b32x32_int8 b16x16_int8skip \
              b32x32_int8skip b32x32_hw

# The default 8x8 design (d = 64, 512 keys) under each policy; `make test`
# synthesizes s8x8_fuse.
CFG_s8x8   := --rows 8 --cols 8

# Synthesis report for `make synth`: each shape as VSSA (the default fuse
# scheduler), fixed8 (the same array, precision ignored), int8 (the
# conventional array: fixed8 with a full 8x8 multiplier per PE) and int8skip
# (--arch int8: the int8 array that skips pruned keys). The shapes
# are small (4x4, d = 16, 64 keys) and default (the generator's defaults:
# 8x8, d = 64, 512 keys), plus the headline 32x32 VSSA, which gets only the
# timed generic synthesis.
SYNTH_VARIANT_vssa   :=
SYNTH_VARIANT_fixed8 := --arch fixed8
SYNTH_VARIANT_int8   := --arch fixed8 --digit 8 --bits 8,0
SYNTH_VARIANT_int8skip := --arch int8 --digit 8 --bits 8,4,0
CFG_syn_small   := --rows 4 --cols 4 --head-dim 16 --max-seq 64
CFG_syn_default := --rows 8 --cols 8
$(foreach b,syn_small syn_default,\
  $(foreach v,vssa fixed8 int8 int8skip,$(eval CFG_$(b)_$(v) = $$(CFG_$(b)) $$(SYNTH_VARIANT_$(v)))))
CFG_syn_32x32_vssa := --rows 32 --cols 32
SYNTH_CFGS := $(foreach b,syn_small syn_default,$(foreach v,vssa fixed8 int8 int8skip,$(b)_$(v)))
SYNTH_GENERIC_CFGS := syn_32x32_vssa
# The designs held to the ECP5 targets: the small VSSA places and routes at
# >= 100 MHz (speed 6), the default VSSA fits an LFE5U-85F.
SYNTH_PNR_TARGET := syn_small_vssa
SYNTH_FIT_TARGET := syn_default_vssa

# Lint covers every configuration above plus the headline default and edges.
CFG_l32x32    := --rows 32 --cols 32
CFG_l32x32f   := --rows 32 --cols 32 --sched fuse
CFG_l1x1      := --rows 1 --cols 1 --head-dim 1 --max-seq 1
CFG_l1x1g     := --rows 1 --cols 1 --head-dim 1 --max-seq 1 --sched group
CFG_l128x8    := --rows 128 --cols 8 --head-dim 16 --max-seq 1024 --sched fuse
CFG_l8x8d8    := --rows 8 --cols 8 --digit 8 --bits 8,0 --acc-width 40
CFG_l7x9d1    := --rows 7 --cols 9 --digit 1 --bits 8,7,5,3,2,1,0 --head-dim 33 --max-seq 100 --sched fuse
CFG_l8x8nz    := --rows 8 --cols 8 --bits 8,4 --sched fuse
CFG_l32x32c   := --rows 32 --cols 32 --comp
CFG_l1x1c     := --rows 1 --cols 1 --head-dim 1 --max-seq 1 --comp --precision host
CFG_l7x9d1c   := $(CFG_l7x9d1) --comp
LINT_CFGS := $(TEST_CFGS) $(VERIFY_CFGS) $(BENCH_CFGS) $(call with_variants,s8x8) $(SYNTH_CFGS) l32x32 l32x32f l1x1 l1x1g l128x8 l8x8d8 l7x9d1 l8x8nz \
             l32x32c l1x1c l7x9d1c i2x2d1
