# Design configurations used by the tests, `make verify`, `make lint` and
# `make bench`. Each CFG_<name> is a vssagen option set; rtl_out/<name>.v is
# its design. A base shape <b> also yields <b>_<variant> for every variant:
# the three dispatch policies and the fixed8 baseline.
VARIANTS := lockstep group fuse fixed8
VARIANT_lockstep := --sched lockstep
VARIANT_group    := --sched group
VARIANT_fuse     := --sched fuse
VARIANT_fixed8   := --arch fixed8
with_variants = $(foreach b,$(1),$(foreach v,$(VARIANTS),$(b)_$(v)))
$(foreach b,t4x4 t3x5d2 t1x2d1 t8x2 v4x4 v8x8 v16x16 v32x32 v8x32 v6x5d2 b16x16 b32x32 s8x8,\
  $(foreach v,$(VARIANTS),$(eval CFG_$(b)_$(v) = $$(CFG_$(b)) $$(VARIANT_$(v)))))

# Quick co-simulation set for `make test`.
CFG_t4x4   := --rows 4 --cols 4 --head-dim 8 --max-seq 48
CFG_t3x5d2 := --rows 3 --cols 5 --digit 2 --bits 8,6,2,0 --head-dim 5 --max-seq 20
CFG_t1x2d1 := --rows 1 --cols 2 --digit 1 --bits 8,3,1 --head-dim 3 --max-seq 9
# Short head, many lanes: the drain, not the array, bounds each tile.
CFG_t8x2   := --rows 8 --cols 2 --head-dim 2 --max-seq 64
TEST_CFGS  := $(call with_variants,t4x4 t3x5d2 t1x2d1 t8x2)
# Source of the modules the per-module testbenches in tests/tb exercise.
CFG_tb2x2  := --rows 2 --cols 2 --head-dim 16

# Waveform-backed regression matrix for `make verify`.
CFG_v4x4   := --rows 4 --cols 4 --head-dim 16 --max-seq 64
CFG_v8x8   := --rows 8 --cols 8 --head-dim 32 --max-seq 128
CFG_v16x16 := --rows 16 --cols 16 --head-dim 64 --max-seq 256
CFG_v32x32 := --rows 32 --cols 32 --head-dim 64 --max-seq 512
CFG_v8x32  := --rows 8 --cols 32 --head-dim 32 --max-seq 128
CFG_v6x5d2 := --rows 6 --cols 5 --digit 2 --bits 8,6,4,2,0 --head-dim 12 --max-seq 60
VERIFY_CFGS := $(call with_variants,v4x4 v8x8 v16x16 v32x32 v8x32 v6x5d2)

# Benchmark shapes for `make bench` (d = 64, up to 512 keys).
CFG_b16x16 := --rows 16 --cols 16 --head-dim 64 --max-seq 512
CFG_b32x32 := --rows 32 --cols 32 --head-dim 64 --max-seq 512
BENCH_CFGS := $(call with_variants,b16x16 b32x32)

# Synthesis: the default 8x8 design (d = 64, 512 keys) under each policy.
CFG_s8x8   := --rows 8 --cols 8
SYNTH_CFGS := $(call with_variants,s8x8)

# Lint covers every configuration above plus the headline default and edges.
CFG_l32x32    := --rows 32 --cols 32
CFG_l32x32f   := --rows 32 --cols 32 --sched fuse
CFG_l1x1      := --rows 1 --cols 1 --head-dim 1 --max-seq 1
CFG_l1x1g     := --rows 1 --cols 1 --head-dim 1 --max-seq 1 --sched group
CFG_l128x8    := --rows 128 --cols 8 --head-dim 16 --max-seq 1024 --sched fuse
CFG_l8x8d8    := --rows 8 --cols 8 --digit 8 --bits 8,0 --acc-width 40
CFG_l7x9d1    := --rows 7 --cols 9 --digit 1 --bits 8,7,5,3,2,1,0 --head-dim 33 --max-seq 100 --sched fuse
CFG_l8x8nz    := --rows 8 --cols 8 --bits 8,4 --sched fuse
LINT_CFGS := $(TEST_CFGS) $(VERIFY_CFGS) $(BENCH_CFGS) $(SYNTH_CFGS) l32x32 l32x32f l1x1 l1x1g l128x8 l8x8d8 l7x9d1 l8x8nz
