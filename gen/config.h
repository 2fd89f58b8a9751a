/* config.h - a design configuration: the options vssagen accepts, their
 * validation, and every parameter derived from them. The generator, the
 * parameter header and the Verilog header comment all read this struct, so
 * the harness is always built against the configuration that was emitted. */
#ifndef VSSAGEN_CONFIG_H
#define VSSAGEN_CONFIG_H

#include "vssa.h"

#define CFG_TOP_MAX 48
#define CFG_ERR_MAX 256

typedef enum { SCHED_LOCKSTEP, SCHED_GROUP, SCHED_FUSE } sched_kind;
typedef enum { ARCH_VSSA, ARCH_FIXED8 } arch_kind;

typedef struct {
    /* options */
    int rows, cols;
    int nclass;
    int bits[VSSA_MAX_CLASSES];  /* descending */
    int digit;
    int head_dim;
    int max_seq;
    int acc_width;               /* 0: the minimum safe width */
    sched_kind sched;
    int sched_given;  /* --sched was on the command line */
    arch_kind arch;
    char top[CFG_TOP_MAX + 1];

    /* derived by cfg_derive() */
    int acc_w;        /* score and accumulator width */
    int acc_w_min;    /* smallest width that cannot overflow */
    int max_planes;   /* 8 / digit */
    int plane_w, tag_w, idx_w, t_w;
    int slots, slot_w, tile_w;
    int lane_w, fill_w, col_w, qcnt_w;
    int nz;           /* classes with a non-zero precision */
    int fin_cycles;   /* cycles the dispatcher takes to finish a pass's table */
    int tag_planes[1 << 4];      /* planes of each tag value, 2^tag_w entries */
    int tag_class[1 << 4];       /* class of each tag value */
} vssa_config;

/* Defaults: 8x8, bits 8,4,0, digit 4, d 64, max-seq 512, fuse. */
void cfg_defaults(vssa_config *c);

/* Parsers for one option's text; on failure write a one-line message to err
 * and return -1. */
int cfg_parse_int(const char *opt, const char *text, int lo, int hi, int *out,
                  char *err);
int cfg_parse_bits(const char *text, vssa_config *c, char *err);
int cfg_parse_sched(const char *text, vssa_config *c, char *err);
int cfg_parse_arch(const char *text, vssa_config *c, char *err);
int cfg_parse_top(const char *text, vssa_config *c, char *err);

/* Cross-option checks, then the derived parameters. */
int cfg_derive(vssa_config *c, char *err);

const char *cfg_sched_name(sched_kind s);
const char *cfg_arch_name(arch_kind a);

#endif
