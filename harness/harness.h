/* SPDX-License-Identifier: MIT */
/* harness.h - what the co-simulation driver's parts share: the options, one
 * head's stimulus and expected results, the monitor's state and the tally.
 *
 *   options.c   the command line
 *   head.c      a head's workload, beats and golden scores
 *   stream.c    drives the beats with gaps, applies back-pressure, watches
 *               the output stream (stimulus and monitor)
 *   check.c     every output beat and every block against the golden model
 *   perfcheck.c the counters against the golden work and the cycle model
 *   report.c    the summary lines
 *   driver.c    main: one run of heads */
#ifndef VSSA_HARNESS_H
#define VSSA_HARNESS_H

#include <stdint.h>
#include <stdio.h>

#include "arch.h"
#include "io.h"
#include "plan.h"
#include "sim.h"
#include "vssa.h"
#include "workload.h"

/* Levels --corrupt-expect and --corrupt-rtl alter. */
enum { CORRUPT_SCORE = 1, CORRUPT_PROB, CORRUPT_OUT, CORRUPT_IMP, CORRUPT_TAG };

typedef struct {
    uint64_t seed;
    int n, m;               /* keys and queries of each head */
    int heads;              /* heads run one after another (per layer) */
    int layers;             /* layers of heads; under PREC_HW each ends with a ranking */
    int imp_per_layer;      /* clear the importance counters at each layer's start */
    int block;              /* queries sent per block (COLS; more tests err_o[0]) */
    const wl_mix *mix;
    wl_order order;
    int gaps, backpressure; /* percent */
    const char *wave;
    const char *model_out;  /* the cycle model's figures per head, for vssa-fstcheck */
    const char *beats_out;  /* every output beat taken, for vssa-fstcheck --beats */
    const char *stim_out;   /* every edge's input port values, for tests/icarus */
    const char *counters_out; /* the final counters and status digest, likewise */
    uint32_t x_seed;        /* Verilator's random initial values; 0: all zero */
    int trace;              /* trace_i: score and probability rows leave too */
    int comp;               /* comp_i: 0-bit compensation (section 15) */
    double out_gain;        /* OS / 2^16 */
    int corrupt_expect, corrupt_rtl;   /* 0, or the level altered (CORRUPT_*) */
    int queries_first;      /* a block before the first key set: it has no rows */
    int open_first;         /* ... sent without in_last_i: the first key closes it */
    int unused_tags;        /* send the last class as the highest unused tag code */
    int quiet, csv;
    /* One head of real tensors instead of generated workloads (io.h). */
    const char *qpath, *kpath, *vpath, *tpath, *opath, *ppath;
    const char *model_dir;  /* a model's heads: DIR/L<l>H<h>_{q,k,v}.npy, float32 */
    double scales[4];       /* SQ, SK, SV for int8 files; SO: output scale */
    int have_scales;
    int sized;              /* --keys, --queries or --heads was given */
    int kq_given;           /* --keys or --queries was given */
    vssa_tensors *tensors;  /* loaded by the driver when qpath is set */
} options;

/* 0: run; 1: --help was printed; -1: bad options (message on stderr). */
int options_parse(int argc, char **argv, const vssa_arch *a, options *o);

typedef struct {
    int query, last;
    unsigned tag, idx;
    const int8_t *data;
    const int8_t *vdata;    /* a key beat's value token (same tag) */
} beat;

typedef struct {
    int q0, sent, kept;     /* first query, queries sent, queries computed */
    int rows;               /* computed keys: score and probability rows expected */
    int keyless;            /* sent before any key set: its O rows are zero */
} block_plan;

typedef struct {
    workload w;
    int n, m;
    int kept;               /* keys kept: the first max_seq in arrival order */
    char *is_kept;          /* per key index */
    int *bits;              /* per key index: bits computed (0: no row) */
    int64_t *S;             /* m x n golden scores at those bits */
    uint16_t *P;            /* m x n golden probabilities */
    int8_t *O;              /* m x d golden outputs */
    uint32_t es, os;        /* the run-time scales sent */
    int8_t *rO;             /* m x d outputs received from the RTL */
    uint16_t *rP;           /* m x n probabilities received (0 where none came) */
    beat *beats;
    int nbeats;
    block_plan *blocks;
    int nblocks;
    vssa_head_err err;      /* against the float reference, three levels */
} head;

/* Builds head number h of the run; hw_tags, when not NULL, are the classes
 * the design gives keys 0 .. n-1 (--precision hw). Returns -1 on allocation
 * failure, -2 after a bad input file has been reported on stderr. */
int head_make(head *hd, const vssa_arch *a, const options *o, int h, const int *hw_tags);
void head_free(head *hd);

/* The monitor's view of one output beat. */
typedef struct {
    int kind;               /* SIM_KIND_* */
    unsigned idx, qbase;    /* key (score, prob) or query (out) index */
    int last;
    uint64_t cycle;
} out_beat;

/* Where a caught value sits: bits lsb .. lsb+width-1 of out_data_o in a
 * beat (mismatch.c). */
typedef struct {
    int lsb, width, is_signed;
} out_field;

/* The first mismatch of a run, for the waveform's save file (gtkw.h). */
typedef struct {
    int found;
    out_beat beat;
    out_field field;
    char what[160];         /* its MISMATCH line, without the word and the newline */
} first_mismatch;

typedef struct {
    uint64_t checked, mismatches, failures;
    uint64_t cycles, busy, stall, idle, tiles, wait, model_cycles;
    uint64_t span, model_span;       /* first input beat to last output beat */
    uint64_t qk, sm, pv;             /* cycles in each block phase (perf_qk/sm/pv) */
    double ideal;                    /* digit-MAC work / PEs */
    double bound;                    /* sum 8 / sum p over the kept keys (last head) */
    int corrupt_rtl;                 /* a received value of this level is still to be altered */
    uint64_t by_kind[3];             /* score, probability and output values checked */
    uint64_t tokens;                 /* token beats of rankings checked */
    uint64_t cmd_cycles[4];          /* cycles of each command opcode, summed */
    uint64_t cmd_model[4];           /* ... and the cycle model's */
    uint64_t cmd_count[4];
    FILE *beats_out;                 /* --beats-out: one line per output beat taken */
    const char *wave;                /* --wave, as given: the first mismatch names it */
    const char *mismatch_save;       /* ... and the save file that opens it there, or NULL */
    first_mismatch first;
} tally;

void failf(tally *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Counts a mismatch of a value carried in field f of beat b and prints,
 * for the first ten, its MISMATCH line (fmt: what, where, expected, got),
 * the beat and port bits that carry it and, for the first one, its place
 * in the waveform (mismatch.c). */
void mismatchf(tally *t, const out_beat *b, out_field f, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

typedef struct {
    int blk;
    int kind;               /* the latest kind seen in the block */
    int count[3];           /* beats of each kind in the block */
    char *seen[2];          /* keys with a score row, with a probability row */
} monitor;

/* The line of --beats-out for a beat taken. */
void log_beat(FILE *f, const vssa_arch *a, const sim *s, const out_beat *b);

void check_beat(const vssa_arch *a, const head *hd, const options *o, monitor *mo,
                const out_beat *b, const sim *s, tally *t);
void check_head_end(const vssa_arch *a, const head *hd, const monitor *mo, unsigned err,
                    tally *t);

typedef struct {
    uint64_t first_in, last_out;     /* cycles of the first input, last output beat */
    sim_perf perf;
} head_times;

/* Streams one head; returns -1 if the design stopped making progress. */
int stream_head(sim *s, const vssa_arch *a, const options *o, const head *hd,
                vssa_rng *rng, tally *t, head_times *ht);

void check_perf(const vssa_arch *a, const options *o, const head *hd, const head_times *ht,
                tally *t, FILE *model_out);

/* The keys' classes in the order they are sent (allocated; NULL when out
 * of memory). */
int *head_sent_tags(const head *hd);

/* The per-layer report (layers.c): each layer's tokens per precision, phase
 * cycles, ranking and speedup over fixed8 and the int8 baselines by the
 * cycle model. */
typedef struct {
    vssa_arch fixed8, int8, skip;  /* the baselines at this design's shape */
    int ok;                        /* both derived */
    int layer, heads;
    uint64_t tokens[VSSA_MAX_CLASSES];  /* kept keys of each class, its heads */
    uint64_t fixed8_span, int8_span, skip_span;  /* the baselines' end-to-end cycles */
    tally at;                      /* the run's tally when the layer began */
} layers;

int layers_init(layers *l, const vssa_arch *a);
void layers_add_head(layers *l, const vssa_arch *a, const options *o, const head *hd);
/* Prints the layer's lines and starts the next one. */
void layers_end(layers *l, const vssa_arch *a, const tally *t);

void report_start(const vssa_arch *a, const options *o, const head *hd);
int report_end(const vssa_arch *a, const options *o, const tally *t);

/* --precision hw: the counters and classes the design must hold (hwprec.c). */
typedef struct {
    uint64_t *imp;          /* max_seq golden counters */
    int *cls;               /* classes of the last ranking */
    int ranked, ranked_n;   /* a ranking holds, over tokens 0 .. ranked_n-1 */
    int ranks;              /* rankings run */
    int corrupt;            /* CORRUPT_IMP or CORRUPT_TAG: alter the first ranking's token 0 */
} hw_state;

int hw_init(hw_state *w, const vssa_arch *a);
void hw_free(hw_state *w);
/* The class the design gives each of keys 0 .. n-1. */
void hw_tags(const hw_state *w, int n, int *tags);
/* Returns -1 on allocation failure. */
int hw_add_head(hw_state *w, const vssa_arch *a, const head *hd);
/* Streams one command beat (SIM_CMD_*) and checks what it sends; a ranking
 * covers tokens 0 .. n-1. Returns -1 if the design hung. */
int hw_command(sim *s, const vssa_arch *a, const options *o, int op, int n, hw_state *w,
               vssa_rng *rng, tally *t);

#endif
