/* driver.c - the co-simulation driver: builds a seeded workload, streams it
 * through the generated design pass by pass with random valid gaps and
 * ready back-pressure, and checks every score, every row's presence, the
 * protocol, the performance counters and the golden cycle model.
 * Compiled per configuration against that configuration's params header. */
#include <getopt.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arch_load.h"
#include "plan.h"
#include "sim.h"
#include "vssa.h"
#include "workload.h"

#define STALL_LIMIT 100000   /* cycles without progress before a hang is declared */

typedef struct {
    uint64_t seed;
    int m, n;
    const wl_mix *mix;
    wl_order order;
    int gaps, backpressure;      /* percent */
    const char *wave;
    const char *model_out;       /* per-pass model figures for vssa-fstcheck */
    int corrupt_expect, corrupt_rtl;
    int quiet, csv;
} options;

typedef struct {
    uint64_t checked, mismatches, failures;
    uint64_t cycles_total, compute_cycles, model_cycles;
    uint64_t busy, stall, idle, tiles, drain_wait;
} tally;

static const int bits[] = VSSA_BITS;
static vssa_arch arch;   /* the design's, for the cycle model; set by main */

/* Bits a key is computed at: its class's, or 8 for every key under fixed8. */
static int key_bits(int tag)
{
    return VSSA_FIXED8 ? 8 : vssa_class_bits(bits, VSSA_NCLASS, tag);
}

static const char *order_name(wl_order o)
{
    return o == ORDER_RANDOM ? "random" : o == ORDER_ALTERNATE ? "alternate" : "sorted";
}

static void usage(FILE *f)
{
    fprintf(f,
        "usage: vssa-sim [options]\n"
        "Co-simulate the %s design (%dx%d, d=%d, %s) against the golden model.\n"
        "  --seed N            workload seed                      [1]\n"
        "  --keys N            key tokens, 1..%d                  [%d]\n"
        "  --queries N         query tokens (COLS per pass)       [%d]\n"
        "  --mix NAME          precision mix: %s [with0]\n"
        "  --order O           arrival order: random, alternate, sorted [random]\n"
        "  --gaps PCT          chance of an idle input cycle      [0]\n"
        "  --backpressure PCT  chance of out_ready low            [0]\n"
        "  --wave FILE.fst     record an FST waveform\n"
        "  --model-out FILE    write the cycle model's per-pass figures (no back-pressure)\n"
        "  --corrupt-expect    alter one expected score (the check must fail)\n"
        "  --corrupt-rtl       alter one received score (the check must fail)\n"
        "  --quiet             only the summary\n"
        "  --csv               also print the totals as one 'csv:' line\n",
        VSSA_TOP_NAME, VSSA_ROWS, VSSA_COLS, VSSA_D, VSSA_SCHED_NAME, VSSA_MAX_SEQ,
        VSSA_MAX_SEQ < 64 ? VSSA_MAX_SEQ : 64, 2 * VSSA_COLS, wl_mix_names());
}

static int parse_num(const char *opt, const char *s, long lo, long hi, long *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (end == s || *end || v < lo || v > hi) {
        fprintf(stderr, "vssa-sim: error: %s must be an integer from %ld to %ld (got '%s')\n",
                opt, lo, hi, s);
        return -1;
    }
    *out = v;
    return 0;
}

static int parse_options(int argc, char **argv, options *o)
{
    enum { O_SEED = 256, O_KEYS, O_QUERIES, O_MIX, O_ORDER, O_GAPS, O_BP, O_WAVE,
           O_CEXP, O_CRTL, O_QUIET, O_CSV, O_MODEL, O_HELP };
    static const struct option lo[] = {
        {"seed", required_argument, 0, O_SEED}, {"keys", required_argument, 0, O_KEYS},
        {"queries", required_argument, 0, O_QUERIES}, {"mix", required_argument, 0, O_MIX},
        {"order", required_argument, 0, O_ORDER}, {"gaps", required_argument, 0, O_GAPS},
        {"backpressure", required_argument, 0, O_BP}, {"wave", required_argument, 0, O_WAVE},
        {"corrupt-expect", no_argument, 0, O_CEXP}, {"corrupt-rtl", no_argument, 0, O_CRTL},
        {"quiet", no_argument, 0, O_QUIET}, {"csv", no_argument, 0, O_CSV},
        {"model-out", required_argument, 0, O_MODEL},
        {"help", no_argument, 0, O_HELP}, {0, 0, 0, 0},
    };
    long v;
    memset(o, 0, sizeof *o);
    o->seed = 1;
    o->n = VSSA_MAX_SEQ < 64 ? VSSA_MAX_SEQ : 64;
    o->m = 2 * VSSA_COLS;
    o->mix = wl_find_mix("with0");
    opterr = 0;
    for (;;) {
        int c = getopt_long(argc, argv, "", lo, NULL);
        if (c == -1)
            break;
        switch (c) {
        case O_SEED:
            if (parse_num("--seed", optarg, 0, 2147483647L, &v)) return -1;
            o->seed = (uint64_t)v;
            break;
        case O_KEYS:
            if (parse_num("--keys", optarg, 1, VSSA_MAX_SEQ, &v)) return -1;
            o->n = (int)v;
            break;
        case O_QUERIES:
            if (parse_num("--queries", optarg, 1, VSSA_SEQ_LIMIT, &v)) return -1;
            o->m = (int)v;
            break;
        case O_MIX:
            if (!(o->mix = wl_find_mix(optarg))) {
                fprintf(stderr, "vssa-sim: error: unknown mix '%s' (known: %s)\n", optarg,
                        wl_mix_names());
                return -1;
            }
            break;
        case O_ORDER:
            if (!strcmp(optarg, "random")) o->order = ORDER_RANDOM;
            else if (!strcmp(optarg, "alternate")) o->order = ORDER_ALTERNATE;
            else if (!strcmp(optarg, "sorted")) o->order = ORDER_SORTED;
            else {
                fprintf(stderr, "vssa-sim: error: unknown order '%s' (random, alternate, sorted)\n",
                        optarg);
                return -1;
            }
            break;
        case O_GAPS:
            if (parse_num("--gaps", optarg, 0, 99, &v)) return -1;
            o->gaps = (int)v;
            break;
        case O_BP:
            if (parse_num("--backpressure", optarg, 0, 99, &v)) return -1;
            o->backpressure = (int)v;
            break;
        case O_WAVE: o->wave = optarg; break;
        case O_CEXP: o->corrupt_expect = 1; break;
        case O_CRTL: o->corrupt_rtl = 1; break;
        case O_QUIET: o->quiet = 1; break;
        case O_CSV: o->csv = 1; break;
        case O_MODEL: o->model_out = optarg; break;
        case O_HELP: usage(stdout); exit(0);
        default:
            fprintf(stderr, "vssa-sim: error: bad option '%s' (see --help)\n", argv[optind - 1]);
            return -1;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "vssa-sim: error: unexpected argument '%s'\n", argv[optind]);
        return -1;
    }
    if (o->model_out && o->backpressure) {
        fprintf(stderr, "vssa-sim: error: --model-out needs --backpressure 0: "
                        "the cycle model is exact only without back-pressure\n");
        return -1;
    }
    return 0;
}

static void failf(tally *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void failf(tally *t, const char *fmt, ...)
{
    t->failures++;
    if (t->failures > 20)
        return;
    va_list ap;
    va_start(ap, fmt);
    printf("FAIL: ");
    vprintf(fmt, ap);
    printf("\n");
    va_end(ap);
}

/* A hash of everything an output beat carries. */
static uint64_t row_signature(const sim *s)
{
    uint64_t h = 1469598103934665603ULL;
    uint64_t v[3] = {sim_out_key(s), sim_out_qbase(s), (uint64_t)sim_out_last(s)};
    for (int i = 0; i < 3 + VSSA_COLS; i++) {
        h ^= i < 3 ? v[i] : (uint64_t)sim_out_score(s, i - 3);
        h *= 1099511628211ULL;
    }
    return h;
}

/* Runs one pass over queries [q0, q1). Returns -1 on a hang. */
static int run_pass(sim *s, const options *o, const workload *w, const int64_t *S,
                    int q0, int q1, vssa_rng *rng, tally *t, int *corrupt_rtl, FILE *model_out)
{
    int nq = q1 - q0, n = w->n, d = w->d;
    int total = nq + n;
    int expected_rows = 0;
    char *seen = calloc((size_t)n, 1);
    int *tags = malloc(sizeof(int) * (size_t)n);
    if (!seen || !tags) {
        free(seen);
        free(tags);
        return -1;
    }
    for (int j = 0; j < n; j++) {
        tags[j] = w->tag[w->order[j]];
        expected_rows += vssa_tag_planes(&arch, tags[j]) > 0;
    }
    int sent = 0, rows = 0, last_seen = 0, hung = 0;
    uint64_t fire_last = 0, idle_since = sim_cycle(s), busy_end = 0;
    int held = 0;            /* last cycle offered a row that was not taken */
    uint64_t held_sig = 0;
    while (!busy_end) {
        sim_in in = {0};
        if (sent < total && (uint32_t)vssa_rng_below(rng, 100) >= (uint32_t)o->gaps) {
            in.valid = 1;
            if (sent < nq) {
                in.query = 1;
                in.idx = (unsigned)(q0 + sent);
                in.data = w->Q + (size_t)(q0 + sent) * d;
            } else {
                int j = w->order[sent - nq];
                in.tag = (unsigned)w->tag[j];
                in.idx = (unsigned)j;
                in.data = w->K + (size_t)j * d;
                in.last = sent == total - 1;
            }
        }
        sim_set_in(s, &in);
        sim_set_out_ready(s, (uint32_t)vssa_rng_below(rng, 100) >= (uint32_t)o->backpressure);
        sim_settle(s);
        uint64_t now = sim_cycle(s);
        if (sent == total && !sim_busy(s))
            busy_end = now;
        if (in.valid && sim_in_ready(s)) {
            sent++;
            idle_since = now;
            if (sent == total)
                fire_last = now;
        }
        /* A row offered under back-pressure must hold still until taken. */
        if (held && (!sim_out_valid(s) || row_signature(s) != held_sig))
            failf(t, "output row changed or withdrew under back-pressure at cycle %" PRIu64, now);
        held = sim_out_valid(s) && !sim_out_ready(s);
        if (held)
            held_sig = row_signature(s);
        if (sim_out_valid(s) && sim_out_ready(s)) {
            unsigned key = sim_out_key(s);
            idle_since = now;
            rows++;
            if (key >= (unsigned)n) {
                failf(t, "row for key %" PRIu64 " out of range (n=%" PRIu64 ")", (uint64_t)key, (uint64_t)n);
            } else if (key_bits(w->tag[key]) == 0) {
                failf(t, "row for pruned key %" PRIu64 " at cycle %" PRIu64, (uint64_t)key, now);
            } else if (seen[key]) {
                failf(t, "duplicate row for key %" PRIu64 " at cycle %" PRIu64, (uint64_t)key, now);
            } else {
                seen[key] = 1;
            }
            if (sim_out_qbase(s) != (unsigned)q0)
                failf(t, "out_qbase %" PRIu64 ", expected %" PRIu64, (uint64_t)sim_out_qbase(s),
                      (uint64_t)q0);
            if (sim_out_last(s) != (rows == expected_rows))
                failf(t, "out_last %" PRIu64 " on row %" PRIu64 " of the pass",
                      (uint64_t)sim_out_last(s), (uint64_t)rows);
            last_seen |= sim_out_last(s);
            for (int c = 0; c < VSSA_COLS && key < (unsigned)n; c++) {
                int64_t got = sim_out_score(s, c);
                if (*corrupt_rtl && c == 0) {
                    got ^= 1;   /* a single-bit fault on the output bus */
                    *corrupt_rtl = 0;
                }
                int64_t exp = c < nq ? S[(size_t)(q0 + c) * n + key] : 0;
                t->checked++;
                if (got != exp) {
                    t->mismatches++;
                    if (t->mismatches <= 10)
                        printf("MISMATCH query %d key %u column %d cycle %" PRIu64
                               ": expected %" PRId64 ", got %" PRId64 "\n",
                               q0 + c, key, c, now, exp, got);
                }
            }
        }
        sim_tick(s);
        if (sim_cycle(s) - idle_since > STALL_LIMIT) {
            hung = 1;
            break;
        }
    }
    if (hung) {
        printf("FAIL: no progress for %d cycles (sent %d of %d beats, %d rows)\n",
               STALL_LIMIT, sent, total, rows);
        t->failures++;
        free(seen);
        free(tags);
        return -1;
    }
    for (int j = 0; j < n; j++)
        if (key_bits(w->tag[j]) != 0 && !seen[j])
            failf(t, "key %" PRIu64 " of pass at query %" PRIu64 " never came out",
                  (uint64_t)j, (uint64_t)q0);
    if (expected_rows && !last_seen)
        failf(t, "no out_last in the pass at query %d", q0);
    if (sim_err(s))
        failf(t, "err_o = %" PRIu64 " after the pass at query %" PRIu64,
              (uint64_t)sim_err(s), (uint64_t)q0);

    sim_perf p;
    vssa_timing model;
    sim_get_perf(s, &p);
    uint64_t observed = busy_end - fire_last - 1;
    if (p.cycles != observed)
        failf(t, "perf_cycles %" PRIu64 " but busy_o was high %" PRIu64 " cycles",
              p.cycles, observed);
    if ((uint64_t)p.busy + p.stall + p.idle != (uint64_t)VSSA_ROWS * p.cycles)
        failf(t, "busy+stall+idle = %" PRIu64 ", rows*cycles = %" PRIu64,
              (uint64_t)p.busy + p.stall + p.idle, (uint64_t)VSSA_ROWS * p.cycles);
    if (vssa_plan_timing(&arch, tags, n, &model) != 0) {
        free(seen);
        free(tags);
        return -1;
    }
    if (p.busy != model.busy)
        failf(t, "perf_busy %" PRIu64 ", golden digit-MAC work %" PRIu64, p.busy, model.busy);
    if (p.tiles != model.tiles)
        failf(t, "perf_tiles %" PRIu64 ", model %" PRIu64, p.tiles, model.tiles);
    if (!o->backpressure) {
        if (p.cycles != model.cycles)
            failf(t, "perf_cycles %" PRIu64 ", cycle model %" PRIu64, p.cycles, model.cycles);
        if (p.stall != model.stall || p.idle != model.idle || p.drain_wait != model.drain_wait)
            failf(t, "stall/idle counters %" PRIu64 "/%" PRIu64 " differ from the model",
                  p.stall, p.idle);
    }
    if (model_out)
        fprintf(model_out, "%" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRIu64 "\n",
                model.cycles, model.busy, model.stall, model.idle, model.tiles);
    t->compute_cycles += p.cycles;
    t->model_cycles += model.cycles;
    t->busy += p.busy;
    t->stall += p.stall;
    t->idle += p.idle;
    t->tiles += p.tiles;
    t->drain_wait += p.drain_wait;
    if (!o->quiet)
        printf("pass q%d-%d: %d rows, %" PRIu64 " cycles (model %" PRIu64 "), tiles %" PRIu64
               ", busy %" PRIu64 " stall %" PRIu64 " idle %" PRIu64 " drain-wait %" PRIu64 "\n",
               q0, q1 - 1, rows, p.cycles, model.cycles, p.tiles, p.busy, p.stall, p.idle,
               p.drain_wait);
    free(seen);
    free(tags);
    return 0;
}

int main(int argc, char **argv)
{
    options o;
    if (harness_arch(&arch) || parse_options(argc, argv, &o))
        return 2;
    workload w;
    if (wl_make(&w, o.seed, o.m, o.n, VSSA_D, VSSA_NCLASS, o.mix, o.order)) {
        fprintf(stderr, "vssa-sim: error: cannot build the workload\n");
        return 2;
    }
    int m = o.m, n = o.n, d = VSSA_D;
    int64_t *S = malloc(sizeof(int64_t) * (size_t)m * n);
    int *pbits = malloc(sizeof(int) * (size_t)n);
    double *Sf = malloc(sizeof(double) * (size_t)m * n);
    double *Sd = malloc(sizeof(double) * (size_t)m * n);
    if (!S || !pbits || !Sf || !Sd) {
        fprintf(stderr, "vssa-sim: error: out of memory\n");
        return 2;
    }
    int count[VSSA_MAX_CLASSES] = {0};
    for (int j = 0; j < n; j++) {
        pbits[j] = key_bits(w.tag[j]);
        count[w.tag[j]]++;
    }
    vssa_scores(w.Q, m, w.K, pbits, n, d, S);
    vssa_scores_float(w.Qf, m, w.Kf, n, d, Sf);
    for (size_t i = 0; i < (size_t)m * n; i++)
        Sd[i] = (double)S[i] * w.s_q * w.s_k;
    vssa_err e = vssa_error_stats(Sf, Sd, (size_t)m * n);

    if (o.corrupt_expect) {
        for (int j = 0; j < n; j++) {
            if (pbits[w.order[j]]) {
                S[w.order[j]] ^= 1;   /* query 0's score of the first computed key */
                break;
            }
        }
    }

    printf("vssa-sim: %s %dx%d d=%d digit=%d arch=%s sched=%s acc_w=%d\n", VSSA_TOP_NAME,
           VSSA_ROWS, VSSA_COLS, d, VSSA_DIGIT, VSSA_ARCH_NAME, VSSA_SCHED_NAME, VSSA_ACC_W);
    printf("workload: seed=%" PRIu64 " keys=%d queries=%d mix=%s order=%s gaps=%d%% "
           "backpressure=%d%%\n", o.seed, n, m, o.mix->name, order_name(o.order),
           o.gaps, o.backpressure);
    printf("tokens:");
    for (int c = 0; c < VSSA_NCLASS; c++)
        printf(" %d-bit %d%s", bits[c], count[c], c + 1 < VSSA_NCLASS ? "," : "\n");

    FILE *model_out = NULL;
    if (o.model_out && !(model_out = fopen(o.model_out, "w"))) {
        fprintf(stderr, "vssa-sim: error: cannot write '%s'\n", o.model_out);
        return 2;
    }
    sim *s = sim_open(o.wave);
    if (!s)
        return 2;
    sim_reset(s);
    uint64_t start = sim_cycle(s);
    vssa_rng rng;
    vssa_rng_seed(&rng, o.seed ^ 0x5eed5eedULL);
    tally t = {0};
    int corrupt_rtl = o.corrupt_rtl;
    for (int q0 = 0; q0 < m; q0 += VSSA_COLS) {
        int q1 = q0 + VSSA_COLS < m ? q0 + VSSA_COLS : m;
        if (run_pass(s, &o, &w, S, q0, q1, &rng, &t, &corrupt_rtl, model_out))
            break;
    }
    t.cycles_total = sim_cycle(s) - start;
    sim_close(s);
    if (model_out && fclose(model_out) != 0) {
        fprintf(stderr, "vssa-sim: error: cannot write '%s'\n", o.model_out);
        t.failures++;
    }

    printf("scores: %" PRIu64 " checked, %" PRIu64 " mismatches\n", t.checked, t.mismatches);
    printf("cycles: %" PRIu64 " simulated, %" PRIu64 " computing (model %" PRIu64 "), tiles %" PRIu64
           ", lane-cycles busy %" PRIu64 " stall %" PRIu64 " idle %" PRIu64 "\n",
           t.cycles_total, t.compute_cycles, t.model_cycles, t.tiles, t.busy, t.stall, t.idle);
    printf("error vs float: max_abs %.4g mean_abs %.4g cosine %.6f\n", e.max_abs, e.mean_abs,
           e.cosine);
    /* Ideal: the mixed-precision digit-MAC work of the workload spread over
     * every PE, whatever this design computes; bound: sum 8 / sum p. */
    uint64_t planes = 0, sum_bits = 0;
    for (int j = 0; j < n; j++) {
        planes += (uint64_t)(vssa_class_bits(bits, VSSA_NCLASS, w.tag[j]) / VSSA_DIGIT);
        sum_bits += (uint64_t)vssa_class_bits(bits, VSSA_NCLASS, w.tag[j]);
    }
    int passes = (m + VSSA_COLS - 1) / VSSA_COLS;
    double ideal = (double)passes * d * (double)planes / VSSA_ROWS;
    if (o.csv)
        printf("csv: %d,%d,%d,%d,%s,%s,%d,%d,%s,%s,%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%.1f,%" PRIu64
           ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%.4f\n",
           VSSA_ROWS, VSSA_COLS, d, VSSA_DIGIT, VSSA_ARCH_NAME, VSSA_SCHED_NAME, n, m,
           o.mix->name, order_name(o.order), o.seed, t.compute_cycles, t.model_cycles, ideal,
           t.busy, t.stall, t.idle, t.tiles, t.drain_wait,
           sum_bits ? 8.0 * n / (double)sum_bits : 0.0);
    if (o.wave)
        printf("waveform: %s\n", o.wave);
    int pass = t.mismatches == 0 && t.failures == 0 && t.checked > 0;
    printf("RESULT: %s seed=%" PRIu64 "\n", pass ? "PASS" : "FAIL", o.seed);
    wl_free(&w);
    free(S);
    free(pbits);
    free(Sf);
    free(Sd);
    return pass ? 0 : 1;
}
