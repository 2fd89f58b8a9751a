/* SPDX-License-Identifier: MIT */
/* fstcheck.c - reads a co-simulation waveform back with GTKWave's fstapi
 * reader and recomputes from it:
 *   - every busy period's cycles, busy, stalled and idle lane-cycles and tiles
 *     since its key set began (set_clear), from the recorded lane activity;
 *   - the cycles spent in each block phase (Q.K^T, softmax, P.V), from the
 *     phase controller's slots (they overlap);
 *   - with --beats FILE (vssa-sim --beats-out), every output beat taken: its
 *     cycle, kind, last flag, query base, index and data must be the ones the
 *     harness received and checked against the golden model.
 * Each figure must equal the RTL counters recorded in the same file and,
 * given --model FILE (vssa-sim --model-out), the golden cycle model's figures
 * for that head.
 *
 * Cycle c is dumped at time 2c (clock low, inputs settled) and 2c+1 (after
 * the rising edge); the counters add what the signals show at time 2c, and
 * show it two cycles later, so a period is compared on its second cycle with
 * busy_o low.
 *
 * The beats and model files are read whole and checked first
 * (fstcheck_files.c). The fstapi reader trusts the file it reads: a damaged
 * one can make it overflow, loop or exit(255). So the file's block structure
 * is checked first, and the waveform is then read in a child process under
 * a time and memory limit; the child's output is passed on only if it ends
 * normally, any other end is reported as a damaged file. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fstapi.h"
#include "fstcheck_files.h"
#include "fstcheck_gtkw.h"
#include "sim.h"

enum { S_BUSY, S_CLEAR, S_LANE_BUSY, S_LANE_STALL, S_CAPTURE, S_P_CYCLES, S_P_BUSY,
       S_P_STALL, S_P_IDLE, S_P_TILES, S_P_QK, S_P_SM, S_P_PV, S_Q_FULL, S_Q_DONE, S_S_FULL,
       S_S_DONE, S_P_FULL, S_OVALID, S_OREADY,
       S_OLAST, S_OKIND, S_OQBASE, S_OIDX, S_ODATA, S_CLK, S_COUNT };
/* Names below the top scope; a dot descends into an instance. */
static const char *const sig_names[S_COUNT] = {
    "busy_o", "set_clear", "lane_busy", "lane_stall", "cs_capture", "perf_cycles_o",
    "perf_busy_o", "perf_stall_o", "perf_idle_o", "perf_tiles_o", "perf_qk_o", "perf_sm_o",
    "perf_pv_o", "u_phase.q_full_q", "u_phase.q_done_q", "u_phase.s_full_q",
    "u_phase.s_done_q", "u_phase.p_full_q", "out_valid_o", "out_ready_i", "out_last_o", "out_kind_o",
    "out_qbase_o", "out_idx_o", "out_data_o", "clk_i",
};
/* The phases of overlapped blocks (vssa_phase's slots): a block in Q.K^T
 * (slot Q, not done), in the softmax (slot S, not done), in P.V (slot P). */
enum { PH_QK = 1, PH_SM = 2, PH_PV = 3 };
#define MODEL_FIGS FC_MODEL_FIGS   /* cycles busy stall idle tiles qk sm pv */
#define SIGNAL_BITS_MAX 65536      /* a wider signal is a damaged file's */

typedef struct {
    fstHandle handle[S_COUNT];
    char *value[S_COUNT];       /* current value, MSB first, as 0/1/x/z text */
    uint32_t len[S_COUNT];
    uint64_t sampled_to;        /* even times before this one are accounted */
    uint64_t last_change;       /* time of the last value change read; the
                                   clock changes at every time step */
    int running;
    int low;                    /* samples with busy_o low since the period */
    uint64_t cycles, busy, stall, idle, tiles;
    uint64_t phase[4];          /* cycles in each phase state since the clear */
    int rows;
    int passes, failures;
    int period_clear;           /* a key set began since the last period */
    const fc_model *model;      /* one entry per pass: a head's figures or a command */
    const fc_beats *beats;      /* one entry per output beat taken */
    uint64_t nbeats;
    FILE *err;                  /* error messages (the child's stderr is fstapi's) */
    fg_save *gtkw;              /* --gtkw: a save file's signals and marker */
    const char *gtkw_file, *wave_file;
    int marker_seen;            /* the marker fell on cycle marker_cycle's time */
    uint64_t marker_cycle, marker_beat;   /* ... and the beat taken then (0: none) */
    int marker_kind;
    unsigned marker_idx;
} checker;

static uint64_t ones(const char *v)
{
    uint64_t n = 0;
    for (; *v; v++)
        n += *v == '1';
    return n;
}

static uint64_t as_uint(const char *v)
{
    uint64_t x = 0;
    for (; *v; v++)
        x = (x << 1) | (uint64_t)(*v == '1');
    return x;
}

static void compare(checker *k, const char *what, uint64_t fst, int sig)
{
    uint64_t rec = as_uint(k->value[sig]);
    if (fst != rec) {
        printf("FAIL pass %d: %s from the waveform %" PRIu64 ", counter %s %" PRIu64 "\n",
               k->passes, what, fst, sig_names[sig], rec);
        k->failures++;
    }
}

/* A head's period against its figures; a command's (under --precision hw,
 * every command is a busy period of its own) must not begin a key set. */
static void compare_model(checker *k, const uint64_t *got)
{
    static const char *const what[MODEL_FIGS] = {"cycles", "busy", "stall", "idle", "tiles",
                                                 "Q.K^T phase", "softmax phase", "P.V phase"};
    if ((size_t)k->passes >= k->model->n) {
        printf("FAIL pass %d: no cycle-model figures for it\n", k->passes);
        k->failures++;
        return;
    }
    const fc_period *p = &k->model->v[k->passes];
    const uint64_t *m = p->fig;
    if (p->command) {
        if (k->period_clear) {
            printf("FAIL pass %d: the cycle model lists command %s, the waveform a new key set\n",
                   k->passes, fc_command_name(p->command));
            k->failures++;
        }
        return;
    }
    for (int i = 0; i < MODEL_FIGS; i++) {
        if (got[i] != m[i]) {
            printf("FAIL pass %d: %s from the waveform %" PRIu64 ", cycle model %" PRIu64 "\n",
                   k->passes, what[i], got[i], m[i]);
            k->failures++;
        }
    }
}

static void compare_period(checker *k)
{
    compare(k, "cycles", k->cycles, S_P_CYCLES);
    compare(k, "busy lane-cycles", k->busy, S_P_BUSY);
    compare(k, "stalled lane-cycles", k->stall, S_P_STALL);
    compare(k, "idle lane-cycles", k->idle, S_P_IDLE);
    compare(k, "tiles", k->tiles, S_P_TILES);
    compare(k, "Q.K^T phase cycles", k->phase[PH_QK], S_P_QK);
    compare(k, "softmax phase cycles", k->phase[PH_SM], S_P_SM);
    compare(k, "P.V phase cycles", k->phase[PH_PV], S_P_PV);
    if (k->model) {
        const uint64_t got[MODEL_FIGS] = {k->cycles, k->busy, k->stall, k->idle, k->tiles,
                                          k->phase[PH_QK], k->phase[PH_SM], k->phase[PH_PV]};
        compare_model(k, got);
    }
    int cmd = k->model && (size_t)k->passes < k->model->n ? k->model->v[k->passes].command : 0;
    printf("pass %d%s%s: cycles %" PRIu64 " busy %" PRIu64 " stall %" PRIu64 " idle %" PRIu64
           " tiles %" PRIu64 "; phases %" PRIu64 " %" PRIu64 " %" PRIu64 "\n", k->passes,
           cmd ? ", command " : "", cmd ? fc_command_name(cmd) : "", k->cycles, k->busy,
           k->stall, k->idle, k->tiles, k->phase[PH_QK], k->phase[PH_SM], k->phase[PH_PV]);
    k->passes++;
    k->running = 0;
    k->period_clear = 0;
}

/* The data of the output beat, as the harness writes it: hex, MSB first. */
static void data_hex(const char *bits, uint32_t len, char *hex)
{
    uint32_t digits = (len + 3) / 4;
    for (uint32_t d = 0; d < digits; d++) {
        unsigned v = 0;
        for (uint32_t b = 0; b < 4; b++) {
            int64_t at = (int64_t)len - 4 * (int64_t)(digits - d) + b;   /* MSB-first index */
            v = (v << 1) | (at >= 0 && bits[at] == '1');
        }
        hex[d] = "0123456789abcdef"[v];
    }
    hex[digits] = 0;
}

/* An output beat taken in cycle c, the nbeats-th: that entry of the beats
 * file. */
static void check_beat(checker *k, uint64_t c)
{
    char hex[k->len[S_ODATA] / 4 + 2];
    data_hex(k->value[S_ODATA], k->len[S_ODATA], hex);
    int got_kind = (int)as_uint(k->value[S_OKIND]), got_last = k->value[S_OLAST][0] == '1';
    unsigned got_qbase = (unsigned)as_uint(k->value[S_OQBASE]);
    unsigned got_idx = (unsigned)as_uint(k->value[S_OIDX]);
    const fc_beat *b = k->nbeats <= k->beats->n ? &k->beats->v[k->nbeats - 1] : NULL;
    if (!b) {
        printf("FAIL beat %" PRIu64 " at cycle %" PRIu64 ": the beats file has no such beat\n",
               k->nbeats, c);
        k->failures++;
    } else if (b->cycle != c || b->kind != got_kind || b->last != got_last ||
               b->qbase != got_qbase || b->idx != got_idx || strcmp(b->data, hex) != 0) {
        printf("FAIL beat %" PRIu64 ": waveform cycle %" PRIu64 " kind %d last %d qbase %u idx %u "
               "data %s; harness cycle %" PRIu64 " kind %d last %d qbase %u idx %u data %s\n",
               k->nbeats, c, got_kind, got_last, got_qbase, got_idx, hex, b->cycle, b->kind,
               b->last, b->qbase, b->idx, b->data);
        k->failures++;
    }
}

/* One cycle, c, as its even sample shows it. */
static void sample(checker *k, uint64_t c)
{
    int taken = k->value[S_OVALID][0] == '1' && k->value[S_OREADY][0] == '1';
    if (taken) {
        k->nbeats++;
        if (k->beats)
            check_beat(k, c);
    }
    if (k->gtkw && k->gtkw->marker >= 0 && SIM_CYCLE_TIME(c) == (uint64_t)k->gtkw->marker) {
        k->marker_seen = 1;
        k->marker_cycle = c;
        k->marker_beat = taken ? k->nbeats : 0;
        k->marker_kind = (int)as_uint(k->value[S_OKIND]);
        k->marker_idx = (unsigned)as_uint(k->value[S_OIDX]);
    }
    if (k->value[S_CLEAR][0] == '1') {
        k->period_clear = 1;
        k->cycles = k->busy = k->stall = k->idle = k->tiles = 0;
        memset(k->phase, 0, sizeof k->phase);
        return;   /* the counters count from the cycle after the clear */
    }
    if (k->value[S_Q_FULL][0] == '1' && k->value[S_Q_DONE][0] == '0')
        k->phase[PH_QK]++;
    if (k->value[S_S_FULL][0] == '1' && k->value[S_S_DONE][0] == '0')
        k->phase[PH_SM]++;
    if (k->value[S_P_FULL][0] == '1')
        k->phase[PH_PV]++;
    if (k->value[S_BUSY][0] == '1') {
        uint64_t b = ones(k->value[S_LANE_BUSY]), s = ones(k->value[S_LANE_STALL]);
        k->running = 1;
        k->low = 0;
        k->cycles++;
        k->busy += b;
        k->stall += s;
        k->idle += (uint64_t)k->rows - b - s;
        k->tiles += k->value[S_CAPTURE][0] == '1';
    } else if (k->running && ++k->low == 2) {
        compare_period(k);
    }
}

/* Account the state that held for every even time in [sampled_to, to). */
static void sample_until(checker *k, uint64_t to)
{
    uint64_t t = (k->sampled_to + 1) & ~(uint64_t)1;
    for (; t < to; t += 2)
        sample(k, t / 2);
    if (to > k->sampled_to)
        k->sampled_to = to;
}

static void on_change(void *user, uint64_t time, fstHandle fac, const unsigned char *value)
{
    checker *k = user;
    sample_until(k, time);
    k->last_change = time;
    for (int i = 0; i < S_COUNT; i++) {
        if (k->handle[i] == fac)
            memcpy(k->value[i], value, k->len[i]);
    }
}

static int usage(void)
{
    fprintf(stderr, "usage: vssa-fstcheck WAVE.fst TOP [--model FILE] [--beats FILE] "
                    "[--gtkw FILE]\n");
    return 2;
}

static void help(void)
{
    fputs("usage: vssa-fstcheck WAVE.fst TOP [--model FILE] [--beats FILE] [--gtkw FILE]\n"
          "       vssa-fstcheck --help\n"
          "Read a vssa-sim waveform back and recompute from the signals under the\n"
          "top module TOP each busy period's cycles, lane activity and tiles, each\n"
          "block phase's cycles and every output beat taken; each must equal the\n"
          "design's counters recorded in the same file.\n"
          "  --model FILE  also hold each period to the cycle model's figures that\n"
          "                vssa-sim --model-out wrote                   [not checked]\n"
          "  --beats FILE  also hold the beats to those vssa-sim --beats-out wrote,\n"
          "                and the file to the size and CRC-32 there    [not checked]\n"
          "  --gtkw FILE   also check a GTKWave save file of it: it opens this file,\n"
          "                every signal it names is in it, and its marker falls on\n"
          "                a cycle whose output beat was taken          [not checked]\n"
          "  --help        this text (alone)\n"
          "Exit status 0: everything matches; 1: a mismatch (a FAIL line each);\n"
          "2: bad arguments, or an unreadable, malformed or damaged file (one line\n"
          "on stderr).\n",
          stdout);
}

typedef struct {
    const char *wave, *top, *model, *beats, *gtkw;
} args;

static int parse_args(int argc, char **argv, args *a)
{
    if (argc == 2 && strcmp(argv[1], "--help") == 0) {
        help();
        return -1;
    }
    if (argc < 3 || argc % 2 == 0)
        return usage();
    a->wave = argv[1];
    a->top = argv[2];
    for (int i = 3; i < argc; i += 2) {
        if (strcmp(argv[i], "--model") == 0)
            a->model = argv[i + 1];
        else if (strcmp(argv[i], "--beats") == 0)
            a->beats = argv[i + 1];
        else if (strcmp(argv[i], "--gtkw") == 0)
            a->gtkw = argv[i + 1];
        else
            return usage();
    }
    return 0;
}

/* The beats or model file, read whole: 0, or 2 with one line on stderr. */
static int load_file(const char *path, const char *what, fc_beats *b, fc_model *m)
{
    char err[FC_ERR_MAX];
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "vssa-fstcheck: error: cannot read %s '%s': %s\n", what, path,
                strerror(errno));
        return 2;
    }
    int rc = b ? fc_read_beats(f, path, b, err) : fc_read_model(f, path, m, err);
    fclose(f);
    if (rc)
        fprintf(stderr, "vssa-fstcheck: error: %s\n", err);
    return rc ? 2 : 0;
}

static void bind_var(checker *k, const char *path, const struct fstHier *h)
{
    size_t base = strcspn(h->u.var.name, " ");   /* names carry their range */
    size_t plen = strlen(path);
    for (int i = 0; i < S_COUNT; i++) {
        const char *n = sig_names[i];
        if (!k->handle[i] && strlen(n) == plen + base && strncmp(n, path, plen) == 0 &&
            strncmp(n + plen, h->u.var.name, base) == 0) {
            k->handle[i] = h->u.var.handle;
            k->len[i] = h->u.var.length;
        }
    }
}

/* Binds sig_names to the variables under scope TOP (at depth 2). */
static int find_signals(void *ctx, const char *top, checker *k, const char *file)
{
    enum { MAX_DEPTH = 64 };
    char path[1024] = "";          /* scopes below TOP, each followed by a dot */
    size_t cut[MAX_DEPTH + 1];     /* path length before each scope level */
    int depth = 0, inside = 0;     /* inside TOP */
    struct fstHier *h;
    fstReaderIterateHierRewind(ctx);
    while ((h = fstReaderIterateHier(ctx))) {
        if (h->htyp == FST_HT_SCOPE && ++depth <= MAX_DEPTH) {
            cut[depth] = strlen(path);
            if (depth == 2)
                inside = strcmp(h->u.scope.name, top) == 0;
            else if (inside && cut[depth] + strlen(h->u.scope.name) + 2 < sizeof path)
                strcat(strcat(path, h->u.scope.name), ".");
        } else if (h->htyp == FST_HT_UPSCOPE && depth > 0) {
            if (depth <= MAX_DEPTH)
                path[cut[depth]] = 0;
            depth--;
            inside = inside && depth >= 2;
        } else if (h->htyp == FST_HT_VAR && inside) {
            bind_var(k, path, h);
        }
    }
    /* one line, whatever is missing */
    int missing = 0, first = -1;
    for (int i = 0; i < S_COUNT; i++) {
        if (!k->handle[i] && missing++ == 0)
            first = i;
        if (k->handle[i] && (k->len[i] == 0 || k->len[i] > SIGNAL_BITS_MAX)) {
            fprintf(k->err, "vssa-fstcheck: error: damaged FST file '%s': signal %s.%s has "
                    "%" PRIu32 " bits\n", file, top, sig_names[i], k->len[i]);
            return 2;
        }
    }
    if (missing)
        fprintf(k->err, "vssa-fstcheck: error: no signal %s.%s in '%s' (%d of the %d it reads "
                "missing)\n", top, sig_names[first], file, missing, S_COUNT);
    return missing ? 2 : 0;
}

static int read_waveform(void *ctx, checker *k, const char *file)
{
    k->rows = (int)k->len[S_LANE_BUSY];
    for (int i = 0; i < S_COUNT; i++) {
        if (!(k->value[i] = calloc(k->len[i] + 1, 1))) {
            fprintf(k->err, "vssa-fstcheck: error: out of memory\n");
            return 2;
        }
        memset(k->value[i], '0', k->len[i]);
        fstReaderSetFacProcessMask(ctx, k->handle[i]);
    }
    fstReaderIterBlocks(ctx, on_change, k, NULL);
    uint64_t end = fstReaderGetEndTime(ctx);
    sample_until(k, end + 2);
    for (int i = 0; i < S_COUNT; i++)
        free(k->value[i]);
    /* The reader skips a value-change block it cannot decode and says
     * nothing: the clock's changes then stop before the header's end. */
    if (k->last_change < end) {
        fprintf(k->err, "vssa-fstcheck: error: damaged FST file '%s': its value changes end "
                "at time %" PRIu64 ", its header at %" PRIu64 "\n", file, k->last_change, end);
        return 2;
    }
    return 0;
}

/* Whatever the files list beyond the waveform's end is a failure too. */
static void check_leftovers(checker *k)
{
    if (k->running) {
        printf("FAIL: the waveform ends inside a pass\n");
        k->failures++;
    }
    if (k->passes == 0) {
        printf("FAIL: no complete pass in the waveform\n");
        k->failures++;
    }
    if (k->model && (size_t)k->passes < k->model->n) {
        printf("FAIL: the cycle model lists more passes than the waveform holds\n");
        k->failures++;
    }
    if (k->beats && k->nbeats < k->beats->n) {
        printf("FAIL: the beats file lists more beats than the waveform's %" PRIu64 "\n",
               k->nbeats);
        k->failures++;
    }
}

/* --gtkw: every variable of the waveform under the name GTKWave gives it
 * (scopes and name joined by dots, the range without the space before
 * it, a one-bit range [n:n] as [n]), given to the save file's references. */
static void gtkw_names(void *ctx, checker *k)
{
    enum { MAX_DEPTH = 64 };
    char path[4096] = "";
    size_t cut[MAX_DEPTH + 1];
    int depth = 0;
    struct fstHier *h;
    fstReaderIterateHierRewind(ctx);
    while ((h = fstReaderIterateHier(ctx))) {
        if (h->htyp == FST_HT_SCOPE && ++depth <= MAX_DEPTH) {
            cut[depth] = strlen(path);
            if (cut[depth] + strlen(h->u.scope.name) + 2 < sizeof path)
                strcat(strcat(path, h->u.scope.name), ".");
        } else if (h->htyp == FST_HT_UPSCOPE && depth > 0) {
            if (depth <= MAX_DEPTH)
                path[cut[depth]] = 0;
            depth--;
        } else if (h->htyp == FST_HT_VAR) {
            char name[sizeof path + 256];
            const char *v = h->u.var.name, *range = strstr(v, " [");
            int base = range ? (int)(range - v) : (int)strlen(v);
            size_t hi = range ? strcspn(range + 2, ":]") : 0;
            if (range && range[2 + hi] == ':' && strncmp(range + 2, range + 3 + hi, hi) == 0 &&
                strcmp(range + 3 + 2 * hi, "]") == 0)   /* [n:n] */
                snprintf(name, sizeof name, "%s%.*s[%.*s]", path, base, v, (int)hi, range + 2);
            else
                snprintf(name, sizeof name, "%s%.*s%s", path, base, v, range ? range + 1 : "");
            fg_mark(k->gtkw, name, h->u.var.length);
        }
    }
}

/* --gtkw: the save file opens this waveform, each signal it names is in
 * it, and its marker is at the time of a cycle whose output beat was
 * taken (a mismatch's save file marks the failing beat). */
static void gtkw_report(checker *k)
{
    const fg_save *g = k->gtkw;
    struct stat a, b;
    if (!g->dumpfile || stat(g->dumpfile, &a) != 0 || stat(k->wave_file, &b) != 0 ||
        a.st_dev != b.st_dev || a.st_ino != b.st_ino) {
        printf("FAIL gtkw %s: it opens '%s', not '%s'\n", k->gtkw_file,
               g->dumpfile ? g->dumpfile : "(no dumpfile)", k->wave_file);
        k->failures++;
    }
    size_t missing = 0;
    for (size_t i = 0; i < g->n; i++) {
        const fg_ref *r = &g->v[i];
        if (r->length && r->bit < (long)r->length)
            continue;
        if (missing++ < 20) {
            if (!r->length)
                printf("FAIL gtkw %s:%d: no signal %s in the waveform\n", k->gtkw_file, r->line,
                       r->name);
            else
                printf("FAIL gtkw %s:%d: bit (%ld) of %s, which has %" PRIu32 " bits\n",
                       k->gtkw_file, r->line, r->bit, r->name, r->length);
        }
        k->failures++;
    }
    printf("gtkw %s: %zu signal references, %zu not in the waveform\n", k->gtkw_file, g->n,
           missing);
    if (g->marker < 0)
        return;
    if (!k->marker_seen || !k->marker_beat) {
        printf("FAIL gtkw %s: marker at time %" PRId64 ": %s\n", k->gtkw_file, g->marker,
               k->marker_seen ? "no output beat taken in that cycle" : "no cycle's time");
        k->failures++;
        return;
    }
    printf("gtkw %s: marker at time %" PRId64 ", cycle %" PRIu64 ": output beat %" PRIu64
           " taken (kind %d, index %u)\n", k->gtkw_file, g->marker, k->marker_cycle,
           k->marker_beat, k->marker_kind, k->marker_idx);
}

/* The whole check of the waveform: 0 match, 1 mismatch, 2 unreadable. */
static int check_waveform(const char *file, const char *top, checker *k)
{
    void *ctx = fstReaderOpen(file);
    if (!ctx) {
        fprintf(k->err, "vssa-fstcheck: error: damaged FST file '%s': the fstapi reader "
                "cannot open it\n", file);
        return 2;
    }
    int status = find_signals(ctx, top, k, file);
    if (!status && k->gtkw)
        gtkw_names(ctx, k);
    if (!status)
        status = read_waveform(ctx, k, file);
    if (!status) {
        check_leftovers(k);
        if (k->gtkw)
            gtkw_report(k);
        printf("fstcheck: %d passes, %" PRIu64 " output beats, %s\n", k->passes, k->nbeats,
               k->failures ? "MISMATCH"
               : k->model && k->beats ? "the waveform matches the counters, the cycle model and the beats"
               : k->model ? "the waveform matches the counters and the cycle model"
               : k->beats ? "the waveform matches the counters and the beats"
                          : "the waveform matches the counters");
        status = k->failures ? 1 : 0;
    }
    fstReaderClose(ctx);
    return status;
}

static uint64_t be64(const unsigned char *p)
{
    uint64_t x = 0;
    for (int i = 0; i < 8; i++)
        x = x << 8 | p[i];
    return x;
}

/* What can be checked of an FST file without decoding it: the header
 * block, and a chain of blocks of known types whose lengths end exactly at
 * the file's end, as many value-change blocks as the header counts, each
 * within the header's time span. NULL, or what is wrong. */
static const char *fst_structure(FILE *f, uint64_t size)
{
    enum { HDR = 330 };   /* the header block, its tag included */
    unsigned char h[HDR], b[25];
    if (size == 0)
        return "empty file";
    if (size < HDR || fread(h, 1, HDR, f) != HDR)
        return "shorter than an FST header";
    if (h[0] != FST_BL_HDR || be64(h + 1) != HDR - 1)
        return "no FST header";
    double want = 2.7182818284590452354;   /* FST_DOUBLE_ENDTEST */
    unsigned char sw[8];
    for (int i = 0; i < 8; i++)
        sw[i] = h[25 + 7 - i];
    if (memcmp(h + 25, &want, 8) != 0 && memcmp(sw, &want, 8) != 0)
        return "bad endianness test value in the header";
    uint64_t start = be64(h + 9), end = be64(h + 17), sections = be64(h + 65);
    if (start > end)
        return "the header's end time is before its start time";
    uint64_t at = HDR, vc = 0, geom = 0, hier = 0, last_end = start;
    while (at < size) {
        if (size - at < 9 || fseek(f, (long)at, SEEK_SET) != 0 || fread(b, 1, 9, f) != 9)
            return "truncated (a block header cut short)";
        uint64_t len = be64(b + 1);
        if (len < 8 || len > size - at - 1)
            return len < 8 ? "a block length below 8" : "truncated (a block runs past the end)";
        switch (b[0]) {
        case FST_BL_VCDATA:
        case FST_BL_VCDATA_DYN_ALIAS:
        case FST_BL_VCDATA_DYN_ALIAS2:
            if (len < 24 || fread(b + 9, 1, 16, f) != 16)
                return "a value-change block too short";
            if (be64(b + 9) > be64(b + 17) || be64(b + 9) < last_end || be64(b + 17) > end)
                return "a value-change block's times out of order";
            last_end = be64(b + 17);
            vc++;
            break;
        case FST_BL_GEOM:
            geom++;
            break;
        case FST_BL_HIER:
        case FST_BL_HIER_LZ4:
        case FST_BL_HIER_LZ4DUO:
            hier++;
            break;
        case FST_BL_BLACKOUT:
            break;
        case FST_BL_SKIP:
            return "unfinished (a block the writer never completed)";
        default:
            return "a block of unknown type";
        }
        at += 1 + len;
    }
    if (vc != sections)
        return "the header's count of value-change blocks differs from the file's";
    if (geom != 1 || hier != 1)
        return "not exactly one geometry and one hierarchy block";
    return NULL;
}

/* Runs check_waveform in a child process, and returns its status if it
 * ends normally, its output passed on; else reports the file damaged. */
static int check_in_child(const char *file, const char *top, checker *k)
{
    struct stat st;
    FILE *f = fopen(file, "rb");
    if (!f || fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        fprintf(stderr, "vssa-fstcheck: error: cannot read FST file '%s': %s\n", file,
                f ? "not a regular file" : strerror(errno));
        if (f)
            fclose(f);
        return 2;
    }
    const char *why = fst_structure(f, (uint64_t)st.st_size);
    fclose(f);
    if (why) {
        fprintf(stderr, "vssa-fstcheck: error: damaged FST file '%s': %s\n", file, why);
        return 2;
    }
    /* a minute, and a second more per MiB; memory: 4 GiB and 32 times the file */
    unsigned limit = 60 + (unsigned)(st.st_size >> 20);
    int fds[2];
    if (pipe(fds) != 0) {
        fprintf(stderr, "vssa-fstcheck: error: pipe: %s\n", strerror(errno));
        return 2;
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        fprintf(stderr, "vssa-fstcheck: error: fork: %s\n", strerror(errno));
        return 2;
    }
    if (pid == 0) {
        int errfd = dup(2), nul = open("/dev/null", O_WRONLY);
        if (errfd < 0 || nul < 0 || dup2(fds[1], 1) < 0 || dup2(nul, 2) < 0 ||
            !(k->err = fdopen(errfd, "w")))
            _exit(3);
        close(fds[0]);
        close(fds[1]);
        close(nul);
        rlim_t mem = ((rlim_t)4 << 30) + 32 * (rlim_t)st.st_size;
        struct rlimit rl = {mem, mem};
        setrlimit(RLIMIT_AS, &rl);
        alarm(limit);
        int status = check_waveform(file, top, k);
        fflush(NULL);
        _exit(status);
    }
    close(fds[1]);
    /* the child's output, held until it has ended well */
    size_t n = 0, cap = 65536;
    char *out = malloc(cap);
    ssize_t got;
    while (out && (got = read(fds[0], out + n, cap - n)) != 0) {
        if (got < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        n += (size_t)got;
        if (n == cap) {
            char *more = realloc(out, cap *= 2);
            if (!more)
                free(out);
            out = more;
        }
    }
    close(fds[0]);
    int ws;
    while (waitpid(pid, &ws, 0) < 0 && errno == EINTR)
        ;
    if (!out) {
        fprintf(stderr, "vssa-fstcheck: error: out of memory\n");
        return 2;
    }
    int code = WIFEXITED(ws) ? WEXITSTATUS(ws) : -1;
    if (code >= 0 && code <= 2) {
        fwrite(out, 1, n, stdout);
        free(out);
        return code;
    }
    free(out);
    char what[96];
    if (WIFSIGNALED(ws) && WTERMSIG(ws) == SIGALRM)
        snprintf(what, sizeof what, "reading it took longer than %u s", limit);
    else if (WIFSIGNALED(ws))
        snprintf(what, sizeof what, "the fstapi reader died of signal %d (%s)", WTERMSIG(ws),
                 strsignal(WTERMSIG(ws)));
    else
        snprintf(what, sizeof what, "the fstapi reader gave up (exit status %d)", code);
    fprintf(stderr, "vssa-fstcheck: error: damaged FST file '%s': %s\n", file, what);
    return 2;
}

/* The FST file against the size and CRC-32 its run recorded in the beats
 * file: the damage no structure check sees, such as flipped bits. */
static int check_digest(const char *file, const char *beats_file, const fc_beats *b)
{
    uint64_t size;
    uint32_t crc;
    FILE *f = fopen(file, "rb");
    if (!f)
        return 0;   /* reported as unreadable next */
    int rc = fc_digest(f, &size, &crc);
    fclose(f);
    if (rc == 0 && size == b->wave_size && crc == b->wave_crc)
        return 0;
    fprintf(stderr, "vssa-fstcheck: error: damaged FST file '%s': %" PRIu64 " bytes with CRC-32 "
            "%08" PRIx32 ", but '%s' records %" PRIu64 " bytes with CRC-32 %08" PRIx32 "\n", file,
            size, crc, beats_file, b->wave_size, b->wave_crc);
    return 2;
}

int main(int argc, char **argv)
{
    args a = {0};
    fc_beats beats = {0};
    fc_model model = {0};
    checker k;
    memset(&k, 0, sizeof k);
    k.err = stderr;
    int status = parse_args(argc, argv, &a);
    if (status < 0)
        return 0;   /* --help */
    if (!status && a.model && !(status = load_file(a.model, "model figures", NULL, &model)))
        k.model = &model;
    if (!status && a.beats && !(status = load_file(a.beats, "beats", &beats, NULL)))
        k.beats = &beats;
    fg_save gtkw = {NULL, 0, NULL, -1};
    if (!status && a.gtkw) {
        char err[FG_ERR_MAX];
        if (fg_read(a.gtkw, &gtkw, err)) {
            fprintf(stderr, "vssa-fstcheck: error: %s\n", err);
            status = 2;
        } else {
            k.gtkw = &gtkw;
            k.gtkw_file = a.gtkw;
            k.wave_file = a.wave;
        }
    }
    if (!status && beats.have_wave)
        status = check_digest(a.wave, a.beats, &beats);
    if (!status)
        status = check_in_child(a.wave, a.top, &k);
    fc_beats_free(&beats);
    fc_model_free(&model);
    fg_free(&gtkw);
    return status;
}
