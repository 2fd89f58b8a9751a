/* fstcheck.c - reads a co-simulation waveform back with GTKWave's fstapi
 * reader and recomputes, from the recorded lane activity, every busy
 * period's cycles, busy, stalled and idle lane-cycles and tiles since its key
 * set began (set_clear). Each figure must equal the RTL counters recorded in
 * the same file and, given --model FILE (vssa-sim --model-out), the golden
 * cycle model's figures for that head.
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
       S_P_STALL, S_P_IDLE, S_P_TILES, S_COUNT };
static const char *const sig_names[S_COUNT] = {
    "busy_o", "set_clear", "lane_busy", "lane_stall", "s4_capture", "perf_cycles_o",
    "perf_busy_o", "perf_stall_o", "perf_idle_o", "perf_tiles_o",
};

typedef struct {
    fstHandle handle[S_COUNT];
    char *value[S_COUNT];       /* current value, MSB first, as 0/1/x/z text */
    uint32_t len[S_COUNT];
    uint64_t sampled_to;        /* even times before this one are accounted */
    int running;
    int low;                    /* samples with busy_o low since the period */
    uint64_t cycles, busy, stall, idle, tiles;
    int rows;
    int passes, failures;
    FILE *model;                /* one line per pass: cycles busy stall idle tiles */
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

static void compare_period(checker *k)
{
    compare(k, "cycles", k->cycles, S_P_CYCLES);
    compare(k, "busy lane-cycles", k->busy, S_P_BUSY);
    compare(k, "stalled lane-cycles", k->stall, S_P_STALL);
    compare(k, "idle lane-cycles", k->idle, S_P_IDLE);
    compare(k, "tiles", k->tiles, S_P_TILES);
    if (k->model) {
        uint64_t m[5];
        const uint64_t got[5] = {k->cycles, k->busy, k->stall, k->idle, k->tiles};
        static const char *const what[5] = {"cycles", "busy", "stall", "idle", "tiles"};
        if (fscanf(k->model, "%" SCNu64 " %" SCNu64 " %" SCNu64 " %" SCNu64 " %" SCNu64,
                   &m[0], &m[1], &m[2], &m[3], &m[4]) != 5) {
            printf("FAIL pass %d: no cycle-model figures for it\n", k->passes);
            k->failures++;
        } else {
            for (int i = 0; i < 5; i++) {
                if (got[i] != m[i]) {
                    printf("FAIL pass %d: %s from the waveform %" PRIu64 ", cycle model %" PRIu64 "\n",
                           k->passes, what[i], got[i], m[i]);
                    k->failures++;
                }
            }
        }
    }
    printf("pass %d: cycles %" PRIu64 " busy %" PRIu64 " stall %" PRIu64 " idle %" PRIu64
           " tiles %" PRIu64 "\n", k->passes, k->cycles, k->busy, k->stall, k->idle, k->tiles);
    k->passes++;
    k->running = 0;
}

/* One cycle as its even sample shows it. */
static void sample(checker *k)
{
    if (k->value[S_CLEAR][0] == '1') {
        k->cycles = k->busy = k->stall = k->idle = k->tiles = 0;
        return;   /* the counters count from the cycle after the clear */
    }
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
        sample(k);
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

int main(int argc, char **argv)
{
    checker k;
    memset(&k, 0, sizeof k);
    if (argc == 5 && strcmp(argv[3], "--model") == 0) {
        if (!(k.model = fopen(argv[4], "r"))) {
            fprintf(stderr, "vssa-fstcheck: error: cannot read model figures '%s'\n", argv[4]);
            return 2;
        }
    } else if (argc != 3) {
        fprintf(stderr, "usage: vssa-fstcheck WAVE.fst TOP [--model FILE]\n");
        return 2;
    }
    void *ctx = fstReaderOpen(argv[1]);
    if (!ctx) {
        fprintf(stderr, "vssa-fstcheck: error: cannot read FST file '%s'\n", argv[1]);
        if (k.model)
            fclose(k.model);
        return 2;
    }
    const char *top = argv[2];
    int depth = 0, in_top = 0;
    struct fstHier *h;
    fstReaderIterateHierRewind(ctx);
    while ((h = fstReaderIterateHier(ctx))) {
        if (h->htyp == FST_HT_SCOPE) {
            depth++;
            in_top = depth == 2 && strcmp(h->u.scope.name, top) == 0;
        } else if (h->htyp == FST_HT_UPSCOPE) {
            depth--;
            in_top = 0;
        } else if (h->htyp == FST_HT_VAR && in_top) {
            size_t base = strcspn(h->u.var.name, " ");   /* names carry their range */
            for (int i = 0; i < S_COUNT; i++) {
                if (!k.handle[i] && strlen(sig_names[i]) == base &&
                    strncmp(h->u.var.name, sig_names[i], base) == 0) {
                    k.handle[i] = h->u.var.handle;
                    k.len[i] = h->u.var.length;
                }
            }
        }
    }
    int status = 0;
    for (int i = 0; i < S_COUNT; i++) {
        if (!k.handle[i]) {
            fprintf(stderr, "vssa-fstcheck: error: no signal %s.%s in '%s'\n", top,
                    sig_names[i], argv[1]);
            status = 2;
        }
    }
    if (status) {
        fstReaderClose(ctx);
        if (k.model)
            fclose(k.model);
        return status;
    }
    k.rows = (int)k.len[S_LANE_BUSY];
    for (int i = 0; i < S_COUNT; i++) {
        k.value[i] = calloc(k.len[i] + 1, 1);
        memset(k.value[i], '0', k.len[i]);
        fstReaderSetFacProcessMask(ctx, k.handle[i]);
    }
    fstReaderIterBlocks(ctx, on_change, &k, NULL);
    sample_until(&k, fstReaderGetEndTime(ctx) + 2);
    fstReaderClose(ctx);
    for (int i = 0; i < S_COUNT; i++)
        free(k.value[i]);
    if (k.running) {
        printf("FAIL: the waveform ends inside a pass\n");
        k.failures++;
    }
    if (k.passes == 0) {
        printf("FAIL: no complete pass in the waveform\n");
        k.failures++;
    }
    if (k.model) {
        uint64_t extra;
        if (fscanf(k.model, "%" SCNu64, &extra) == 1) {
            printf("FAIL: the cycle model lists more passes than the waveform holds\n");
            k.failures++;
        }
        fclose(k.model);
    }
    printf("fstcheck: %d passes, %s\n", k.passes,
           k.failures ? "MISMATCH"
           : k.model ? "the waveform matches the counters and the cycle model"
                     : "the waveform matches the counters");
    return k.failures ? 1 : 0;
}
