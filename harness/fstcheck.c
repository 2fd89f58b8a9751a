/* fstcheck.c - reads a co-simulation waveform back with GTKWave's fstapi
 * reader and recomputes from it:
 *   - every busy period's cycles, busy, stalled and idle lane-cycles and tiles
 *     since its key set began (set_clear), from the recorded lane activity;
 *   - the cycles spent in each block phase (Q.K^T, softmax, P.V), from the
 *     phase controller's state;
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
 * busy_o low. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fstapi.h"

enum { S_BUSY, S_CLEAR, S_LANE_BUSY, S_LANE_STALL, S_CAPTURE, S_P_CYCLES, S_P_BUSY,
       S_P_STALL, S_P_IDLE, S_P_TILES, S_P_QK, S_P_SM, S_P_PV, S_PHASE, S_OVALID, S_OREADY,
       S_OLAST, S_OKIND, S_OQBASE, S_OIDX, S_ODATA, S_COUNT };
/* Names below the top scope; a dot descends into an instance. */
static const char *const sig_names[S_COUNT] = {
    "busy_o", "set_clear", "lane_busy", "lane_stall", "s4_capture", "perf_cycles_o",
    "perf_busy_o", "perf_stall_o", "perf_idle_o", "perf_tiles_o", "perf_qk_o", "perf_sm_o",
    "perf_pv_o", "u_phase.state_q", "out_valid_o", "out_ready_i", "out_last_o", "out_kind_o",
    "out_qbase_o", "out_idx_o", "out_data_o",
};
enum { PH_QK = 1, PH_SM = 2, PH_PV = 3 };   /* vssa_phase's state encoding */
#define MODEL_FIGS 8   /* cycles busy stall idle tiles qk sm pv */

typedef struct {
    fstHandle handle[S_COUNT];
    char *value[S_COUNT];       /* current value, MSB first, as 0/1/x/z text */
    uint32_t len[S_COUNT];
    uint64_t sampled_to;        /* even times before this one are accounted */
    int running;
    int low;                    /* samples with busy_o low since the period */
    uint64_t cycles, busy, stall, idle, tiles;
    uint64_t phase[4];          /* cycles in each phase state since the clear */
    int rows;
    int passes, failures;
    FILE *model;                /* one line per pass: MODEL_FIGS numbers */
    FILE *beats;                /* one line per output beat taken */
    uint64_t nbeats;
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

static void compare_model(checker *k, const uint64_t *got)
{
    static const char *const what[MODEL_FIGS] = {"cycles", "busy", "stall", "idle", "tiles",
                                                 "Q.K^T phase", "softmax phase", "P.V phase"};
    uint64_t m[MODEL_FIGS];
    for (int i = 0; i < MODEL_FIGS; i++) {
        if (fscanf(k->model, "%" SCNu64, &m[i]) != 1) {
            printf("FAIL pass %d: no cycle-model figures for it\n", k->passes);
            k->failures++;
            return;
        }
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
    printf("pass %d: cycles %" PRIu64 " busy %" PRIu64 " stall %" PRIu64 " idle %" PRIu64
           " tiles %" PRIu64 "; phases %" PRIu64 " %" PRIu64 " %" PRIu64 "\n", k->passes,
           k->cycles, k->busy, k->stall, k->idle, k->tiles, k->phase[PH_QK], k->phase[PH_SM],
           k->phase[PH_PV]);
    k->passes++;
    k->running = 0;
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

/* An output beat taken in cycle c: the next line of the beats file. */
static void check_beat(checker *k, uint64_t c)
{
    char hex[k->len[S_ODATA] / 4 + 2], want[k->len[S_ODATA] / 4 + 2];
    uint64_t wc;
    int kind, last;
    unsigned qbase, idx;
    data_hex(k->value[S_ODATA], k->len[S_ODATA], hex);
    int got_kind = (int)as_uint(k->value[S_OKIND]), got_last = k->value[S_OLAST][0] == '1';
    unsigned got_qbase = (unsigned)as_uint(k->value[S_OQBASE]);
    unsigned got_idx = (unsigned)as_uint(k->value[S_OIDX]);
    if (fscanf(k->beats, "%" SCNu64 " %d %d %u %u %s", &wc, &kind, &last, &qbase, &idx, want) != 6
        || strlen(want) != strlen(hex)) {
        printf("FAIL beat %" PRIu64 " at cycle %" PRIu64 ": the beats file has no such beat\n",
               k->nbeats, c);
        k->failures++;
    } else if (wc != c || kind != got_kind || last != got_last || qbase != got_qbase ||
               idx != got_idx || strcmp(want, hex) != 0) {
        printf("FAIL beat %" PRIu64 ": waveform cycle %" PRIu64 " kind %d last %d qbase %u idx %u "
               "data %s; harness cycle %" PRIu64 " kind %d last %d qbase %u idx %u data %s\n",
               k->nbeats, c, got_kind, got_last, got_qbase, got_idx, hex, wc, kind, last, qbase,
               idx, want);
        k->failures++;
    }
}

/* One cycle, c, as its even sample shows it. */
static void sample(checker *k, uint64_t c)
{
    if (k->value[S_OVALID][0] == '1' && k->value[S_OREADY][0] == '1') {
        k->nbeats++;
        if (k->beats)
            check_beat(k, c);
    }
    if (k->value[S_CLEAR][0] == '1') {
        k->cycles = k->busy = k->stall = k->idle = k->tiles = 0;
        memset(k->phase, 0, sizeof k->phase);
        return;   /* the counters count from the cycle after the clear */
    }
    k->phase[as_uint(k->value[S_PHASE]) & 3]++;
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
    for (int i = 0; i < S_COUNT; i++) {
        if (k->handle[i] == fac)
            memcpy(k->value[i], value, k->len[i]);
    }
}

static int usage(void)
{
    fprintf(stderr, "usage: vssa-fstcheck WAVE.fst TOP [--model FILE] [--beats FILE]\n");
    return 2;
}

static int open_input(FILE **f, const char *path, const char *what)
{
    if (*f)
        fclose(*f);
    if (!(*f = fopen(path, "r")))
        fprintf(stderr, "vssa-fstcheck: error: cannot read %s '%s'\n", what, path);
    return *f ? 0 : 2;
}

static int parse_args(int argc, char **argv, checker *k)
{
    if (argc < 3 || argc % 2 == 0)
        return usage();
    for (int i = 3; i < argc; i += 2) {
        int rc = strcmp(argv[i], "--model") == 0   ? open_input(&k->model, argv[i + 1], "model figures")
                 : strcmp(argv[i], "--beats") == 0 ? open_input(&k->beats, argv[i + 1], "beats")
                                                   : usage();
        if (rc)
            return rc;
    }
    return 0;
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
    int status = 0;
    for (int i = 0; i < S_COUNT; i++) {
        if (!k->handle[i]) {
            fprintf(stderr, "vssa-fstcheck: error: no signal %s.%s in '%s'\n", top, sig_names[i],
                    file);
            status = 2;
        }
    }
    return status;
}

static void read_waveform(void *ctx, checker *k)
{
    k->rows = (int)k->len[S_LANE_BUSY];
    for (int i = 0; i < S_COUNT; i++) {
        k->value[i] = calloc(k->len[i] + 1, 1);
        memset(k->value[i], '0', k->len[i]);
        fstReaderSetFacProcessMask(ctx, k->handle[i]);
    }
    fstReaderIterBlocks(ctx, on_change, k, NULL);
    sample_until(k, fstReaderGetEndTime(ctx) + 2);
    for (int i = 0; i < S_COUNT; i++)
        free(k->value[i]);
}

/* Whatever the files list beyond the waveform's end is a failure too. */
static void check_leftovers(checker *k)
{
    char word[64];
    if (k->running) {
        printf("FAIL: the waveform ends inside a pass\n");
        k->failures++;
    }
    if (k->passes == 0) {
        printf("FAIL: no complete pass in the waveform\n");
        k->failures++;
    }
    if (k->model && fscanf(k->model, "%63s", word) == 1) {
        printf("FAIL: the cycle model lists more passes than the waveform holds\n");
        k->failures++;
    }
    if (k->beats && fscanf(k->beats, "%63s", word) == 1) {
        printf("FAIL: the beats file lists more beats than the waveform's %" PRIu64 "\n",
               k->nbeats);
        k->failures++;
    }
}

int main(int argc, char **argv)
{
    checker k;
    memset(&k, 0, sizeof k);
    int status = parse_args(argc, argv, &k);
    void *ctx = status ? NULL : fstReaderOpen(argv[1]);
    if (!status && !ctx) {
        fprintf(stderr, "vssa-fstcheck: error: cannot read FST file '%s'\n", argv[1]);
        status = 2;
    }
    if (!status)
        status = find_signals(ctx, argv[2], &k, argv[1]);
    if (!status) {
        read_waveform(ctx, &k);
        check_leftovers(&k);
        printf("fstcheck: %d passes, %" PRIu64 " output beats, %s\n", k.passes, k.nbeats,
               k.failures ? "MISMATCH"
               : k.model && k.beats ? "the waveform matches the counters, the cycle model and the beats"
               : k.model ? "the waveform matches the counters and the cycle model"
               : k.beats ? "the waveform matches the counters and the beats"
                         : "the waveform matches the counters");
        status = k.failures ? 1 : 0;
    }
    if (ctx)
        fstReaderClose(ctx);
    if (k.model)
        fclose(k.model);
    if (k.beats)
        fclose(k.beats);
    return status;
}
