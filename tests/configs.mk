# Design configurations used by the tests, `make verify` and `make lint`.
# Each CFG_<name> is a vssagen option set; rtl_out/<name>.v is its design.

# Quick co-simulation set for `make test`.
CFG_t4x4   := --rows 4 --cols 4 --head-dim 8 --max-seq 48
CFG_t3x5d2 := --rows 3 --cols 5 --digit 2 --bits 8,6,2,0 --head-dim 5 --max-seq 20
CFG_t1x2d1 := --rows 1 --cols 2 --digit 1 --bits 8,3,1 --head-dim 3 --max-seq 9
# Short head, many lanes: the drain, not the array, bounds each tile.
CFG_t8x2   := --rows 8 --cols 2 --head-dim 2 --max-seq 64
TEST_CFGS  := t4x4 t3x5d2 t1x2d1 t8x2

# Waveform-backed regression matrix for `make verify`.
CFG_v4x4   := --rows 4 --cols 4 --head-dim 16 --max-seq 64
CFG_v8x8   := --rows 8 --cols 8 --head-dim 32 --max-seq 128
CFG_v16x16 := --rows 16 --cols 16 --head-dim 64 --max-seq 256
CFG_v32x32 := --rows 32 --cols 32 --head-dim 64 --max-seq 512
CFG_v8x32  := --rows 8 --cols 32 --head-dim 32 --max-seq 128
CFG_v6x5d2 := --rows 6 --cols 5 --digit 2 --bits 8,6,4,2,0 --head-dim 12 --max-seq 60
VERIFY_CFGS := v4x4 v8x8 v16x16 v32x32 v8x32 v6x5d2

# Lint covers every configuration above plus the headline default and edges.
CFG_l32x32    := --rows 32 --cols 32
CFG_l1x1      := --rows 1 --cols 1 --head-dim 1 --max-seq 1
CFG_l128x8    := --rows 128 --cols 8 --head-dim 16 --max-seq 1024
CFG_l8x8d8    := --rows 8 --cols 8 --digit 8 --bits 8,0 --acc-width 40
CFG_l7x9d1    := --rows 7 --cols 9 --digit 1 --bits 8,7,5,3,2,1,0 --head-dim 33 --max-seq 100
LINT_CFGS := $(TEST_CFGS) $(VERIFY_CFGS) l32x32 l1x1 l128x8 l8x8d8 l7x9d1
