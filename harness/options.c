/* SPDX-License-Identifier: MIT */
/* options.c - the vssa-sim command line. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

static void usage(const vssa_arch *a)
{
    printf(
        "usage: vssa-sim [options]\n"
        "Co-simulate the %s design (%dx%d, d=%d, %s) against the golden model:\n"
        "each head sends its keys once, then its queries in blocks.\n"
        "  --seed N            workload seed                          [1]\n"
        "  --keys N            keys per head, 0..%d (above %d: dropped)  [%d]\n"
        "  --queries N         queries per head                       [%d]\n"
        "  --heads N           heads, one after another, 1..64        [1]\n"
        "  --block N           queries sent per block (above %d: dropped) [%d]\n"
        "  --mix NAME          shares of the key classes                     [with0]:\n"
        "                      %s\n"
        "  --order O           key arrival order and labels: random, alternate, sorted\n"
        "                      (index order, by class), permuted, sparse, repeat [random]\n"
        "  --gaps PCT          chance of an idle input cycle          [0]\n"
        "  --backpressure PCT  chance of out_ready low                [0]\n"
        "  --queries-first     send one block before the first key set       [off]\n"
        "  --open-first        ... without in_last_i: the first key beat closes it [off]\n"
        "  --unused-tags       send the last class as the highest unused tag code [off]\n"
        "  --wave FILE.fst     record an FST waveform\n"
        "  --model-out FILE    write the cycle model's figures per head (no gaps or back-pressure)\n"
        "  --beats-out FILE    write every output beat taken: cycle kind last qbase idx data(hex)\n"
        "  --stim-out FILE     write every rising edge's input port values, one hex line each\n"
        "  --counters-out FILE write the final counters, err_o and the status digest\n"
        "  --x-seed N          undriven initial state random from seed N; 0: all zero [0]\n"
        "  --layers L          layers of --heads heads, 1..64; under --precision hw each\n"
        "                      layer ends with a ranking (the mix gives the ratios)   [1]\n"
        "  --imp-scope S       layer: clear the importance counters at each layer's\n"
        "                      start; model: only at the run's start     [layer]\n"
        "  --no-trace          trace_i low: only O rows leave (no score or probability\n"
        "                      rows)                                     [trace_i high]\n"
        "  --comp              comp_i high: the pruned keys join the softmax as one\n"
        "                      virtual token (a design built with --comp)    [off]\n"
        "  --out-gain X        output scale OS/2^16 = s_v/s_o, 1/256..255 [1]\n"
        "  --corrupt-expect L  alter one expected score, prob or out, or under\n"
        "                      --precision hw imp or tag (the check must fail) [none]\n"
        "  --corrupt-rtl L     alter one received value likewise             [none]\n"
        "  --quiet             only the summary                              [off]\n"
        "  --csv               also print the totals as one 'csv:' line      [off]\n"
        "  --help              this text\n"
        "A model's heads instead of generated ones:\n"
        "  --model-dir DIR     with --layers L --heads H, head h of layer l from\n"
        "                      DIR/L<l>H<h>_q.npy, _k.npy, _v.npy (float32, (n, d))\n"
        "One head of real tensors instead (.npy, float32 quantized per tensor, or int8;\n"
        "d must be the design's):\n"
        "  --q Q.npy           queries (m, d)\n"
        "  --k K.npy           keys (n, d)\n"
        "  --v V.npy           values (n, d)\n"
        "  --tags T.npy        n integer classes [ranked by float attention under --mix]\n"
        "  --scales SQ,SK,SV,SO  scales of int8 inputs and the output scale\n"
        "                      [float inputs: their own; SO: max |float O| / 127]\n"
        "  --out O.npy         write the RTL's int8 outputs (m, d)\n"
        "  --probs-out P.npy   write the RTL's probabilities (m, n), uint16, 0 for pruned keys\n"
        "Files are written only when asked for. Exit status 0: every check passed;\n"
        "1: a check failed; 2: bad input (one line on stderr, nothing written).\n",
        a->top, a->rows, a->cols, a->head_dim, vssa_sched_name(a->sched), 2 * a->max_seq,
        a->max_seq, a->max_seq < 64 ? a->max_seq : 64, 2 * a->cols, a->cols, a->cols,
        wl_mix_names());
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

static int parse_order(const char *s, wl_order *o)
{
    int i = wl_find_order(s);
    if (i >= 0) {
        *o = (wl_order)i;
        return 0;
    }
    fprintf(stderr, "vssa-sim: error: unknown order '%s' (random, alternate, sorted, permuted, "
                    "sparse, repeat)\n", s);
    return -1;
}

enum { O_SEED = 256, O_KEYS, O_QUERIES, O_HEADS, O_BLOCK, O_MIX, O_ORDER, O_GAPS, O_BP,
       O_QFIRST, O_OPEN, O_UNUSED, O_WAVE, O_MODEL, O_BEATS, O_STIM, O_COUNTERS, O_XSEED, O_LAYERS, O_SCOPE, O_MDIR, O_CEXP, O_CRTL, O_QUIET, O_CSV, O_HELP,
       O_NOTRACE, O_COMP, O_GAIN, O_Q, O_K, O_V, O_TAGS, O_SCALES, O_OUT, O_PROBS };

static int parse_scales(const char *s, double *v)
{
    char *end;
    const char *p = s;
    for (int i = 0; i < 4; i++) {
        v[i] = strtod(p, &end);
        if (end == p || !(v[i] > 0.0) || v[i] > 1e30 || *end != (i < 3 ? ',' : '\0')) {
            fprintf(stderr, "vssa-sim: error: --scales wants four positive numbers "
                            "SQ,SK,SV,SO (got '%s')\n", s);
            return -1;
        }
        p = end + 1;
    }
    return 0;
}

/* score, prob or out: the level a --corrupt option alters (1, 2, 3). */
static int parse_level(const char *opt, const char *s, int *level)
{
    static const char *const names[] = {"score", "prob", "out", "imp", "tag"};
    for (int i = 0; i < 5; i++) {
        if (strcmp(s, names[i]) == 0) {
            *level = i + 1;
            return 0;
        }
    }
    fprintf(stderr, "vssa-sim: error: %s wants score, prob, out, imp or tag (got '%s')\n", opt, s);
    return -1;
}

static int parse_gain(const char *s, double *g)
{
    char *end;
    double v = strtod(s, &end);
    if (*s == '\0' || *end != '\0' || !(v >= 1.0 / 256 && v <= 255.0)) {
        fprintf(stderr, "vssa-sim: error: --out-gain must be a number from 1/256 to 255 "
                        "(got '%s')\n", s);
        return -1;
    }
    *g = v;
    return 0;
}

static int apply(int c, const char *arg, const vssa_arch *a, options *o)
{
    long v = 0;
    switch (c) {
    case O_SEED: if (parse_num("--seed", arg, 0, 2147483647L, &v)) return -1; o->seed = (uint64_t)v; break;
    case O_KEYS: if (parse_num("--keys", arg, 0, 2L * a->max_seq, &v)) return -1; o->n = (int)v; o->sized = o->kq_given = 1; break;
    case O_QUERIES: if (parse_num("--queries", arg, 0, VSSA_SEQ_LIMIT, &v)) return -1; o->m = (int)v; o->sized = o->kq_given = 1; break;
    case O_HEADS: if (parse_num("--heads", arg, 1, 64, &v)) return -1; o->heads = (int)v; o->sized = 1; break;
    case O_BLOCK: if (parse_num("--block", arg, 1, 4L * a->cols, &v)) return -1; o->block = (int)v; break;
    case O_GAPS: if (parse_num("--gaps", arg, 0, 99, &v)) return -1; o->gaps = (int)v; break;
    case O_BP: if (parse_num("--backpressure", arg, 0, 99, &v)) return -1; o->backpressure = (int)v; break;
    case O_ORDER: return parse_order(arg, &o->order);
    case O_MIX:
        if (!(o->mix = wl_find_mix(arg))) {
            fprintf(stderr, "vssa-sim: error: unknown mix '%s' (known: %s)\n", arg, wl_mix_names());
            return -1;
        }
        break;
    case O_QFIRST: o->queries_first = 1; break;
    case O_OPEN: o->queries_first = o->open_first = 1; break;
    case O_UNUSED: o->unused_tags = 1; break;
    case O_WAVE: o->wave = arg; break;
    case O_MODEL: o->model_out = arg; break;
    case O_BEATS: o->beats_out = arg; break;
    case O_STIM: o->stim_out = arg; break;
    case O_COUNTERS: o->counters_out = arg; break;
    case O_XSEED: if (parse_num("--x-seed", arg, 0, 2147483647L, &v)) return -1; o->x_seed = (uint32_t)v; break;
    case O_LAYERS: if (parse_num("--layers", arg, 1, 64, &v)) return -1; o->layers = (int)v; o->sized = 1; break;
    case O_SCOPE:
        if (strcmp(arg, "layer") && strcmp(arg, "model")) {
            fprintf(stderr, "vssa-sim: error: --imp-scope: want layer or model\n");
            return -1;
        }
        o->imp_per_layer = strcmp(arg, "layer") == 0;
        break;
    case O_CEXP: return parse_level("--corrupt-expect", arg, &o->corrupt_expect);
    case O_CRTL: return parse_level("--corrupt-rtl", arg, &o->corrupt_rtl);
    case O_NOTRACE: o->trace = 0; break;
    case O_COMP: o->comp = 1; break;
    case O_GAIN: return parse_gain(arg, &o->out_gain);
    case O_Q: o->qpath = arg; break;
    case O_MDIR: o->model_dir = arg; break;
    case O_K: o->kpath = arg; break;
    case O_V: o->vpath = arg; break;
    case O_TAGS: o->tpath = arg; break;
    case O_OUT: o->opath = arg; break;
    case O_PROBS: o->ppath = arg; break;
    case O_SCALES: o->have_scales = 1; return parse_scales(arg, o->scales);
    case O_QUIET: o->quiet = 1; break;
    case O_CSV: o->csv = 1; break;
    default: return -1;
    }
    return 0;
}

/* The real-tensor options go together; sizes then come from the files. */
static int check_files(const options *o, int seen_size)
{
    const char *why = NULL;
    if (!o->qpath != !o->kpath || !o->qpath != !o->vpath)
        why = "--q, --k and --v go together";
    else if (o->model_dir && (o->qpath || o->opath || o->ppath || o->have_scales || o->tpath))
        why = "--model-dir takes no --q, --k, --v, --tags, --scales, --out or --probs-out";
    else if (o->model_dir && o->kq_given)
        why = "with --model-dir the sizes come from the files (drop --keys, --queries)";
    else if (!o->qpath && (o->tpath || o->opath || o->ppath || o->have_scales))
        why = "--tags, --scales, --out and --probs-out need --q, --k and --v";
    else if (o->qpath && seen_size)
        why = "with --q, --k and --v the sizes come from the files (drop --keys, --queries, "
              "--heads)";
    else if (o->ppath && !o->trace)
        why = "--probs-out needs the probability rows: drop --no-trace";
    else if (o->qpath && o->corrupt_rtl)
        why = "--corrupt-rtl would alter the outputs written";
    if (why)
        fprintf(stderr, "vssa-sim: error: %s\n", why);
    return why ? -1 : 0;
}

/* The ranking covers tokens 0 .. N-1 of the last key set: every key must
 * be kept, and the classes come from the design, not from a file. */
static int check_hw(const vssa_arch *a, const options *o)
{
    const char *why = NULL;
    if (a->prec_hw && o->n > a->max_seq)
        why = "under --precision hw every key of a set must be kept: --keys at most MAX_SEQ";
    else if (a->prec_hw && o->tpath)
        why = "under --precision hw the design chooses the classes: drop --tags";
    else if (!a->prec_hw && o->layers > 1 && a->precision == VSSA_PRECISION_HW)
        why = "a design with one class has nothing to rank: drop --layers";
    else if (o->comp && !a->comp)
        why = "--comp needs a design generated with --comp";
    else if (!a->prec_hw && (o->corrupt_expect >= CORRUPT_IMP || o->corrupt_rtl >= CORRUPT_IMP))
        why = "levels imp and tag need a design that ranks (--precision hw, two or more classes)";
    if (why)
        fprintf(stderr, "vssa-sim: error: %s\n", why);
    return why ? -1 : 0;
}

static int check_model(const options *o)
{
    if (o->model_out && (o->backpressure || o->gaps)) {
        fprintf(stderr, "vssa-sim: error: --model-out needs --gaps 0 and --backpressure 0: "
                        "the cycle model is exact only then\n");
        return -1;
    }
    return 0;
}

int options_parse(int argc, char **argv, const vssa_arch *a, options *o)
{
    static const struct option lo[] = {
        {"seed", required_argument, 0, O_SEED}, {"keys", required_argument, 0, O_KEYS},
        {"queries", required_argument, 0, O_QUERIES}, {"heads", required_argument, 0, O_HEADS},
        {"block", required_argument, 0, O_BLOCK}, {"mix", required_argument, 0, O_MIX},
        {"order", required_argument, 0, O_ORDER}, {"gaps", required_argument, 0, O_GAPS},
        {"backpressure", required_argument, 0, O_BP},
        {"queries-first", no_argument, 0, O_QFIRST}, {"open-first", no_argument, 0, O_OPEN},
        {"unused-tags", no_argument, 0, O_UNUSED},
        {"wave", required_argument, 0, O_WAVE}, {"model-out", required_argument, 0, O_MODEL},
        {"beats-out", required_argument, 0, O_BEATS},
        {"stim-out", required_argument, 0, O_STIM},
        {"counters-out", required_argument, 0, O_COUNTERS},
        {"x-seed", required_argument, 0, O_XSEED},
        {"layers", required_argument, 0, O_LAYERS}, {"imp-scope", required_argument, 0, O_SCOPE},
        {"model-dir", required_argument, 0, O_MDIR},
        {"corrupt-expect", required_argument, 0, O_CEXP},
        {"corrupt-rtl", required_argument, 0, O_CRTL},
        {"no-trace", no_argument, 0, O_NOTRACE}, {"comp", no_argument, 0, O_COMP},
        {"out-gain", required_argument, 0, O_GAIN},
        {"q", required_argument, 0, O_Q}, {"k", required_argument, 0, O_K},
        {"v", required_argument, 0, O_V}, {"tags", required_argument, 0, O_TAGS},
        {"scales", required_argument, 0, O_SCALES}, {"out", required_argument, 0, O_OUT},
        {"probs-out", required_argument, 0, O_PROBS},
        {"quiet", no_argument, 0, O_QUIET}, {"csv", no_argument, 0, O_CSV},
        {"help", no_argument, 0, O_HELP}, {0, 0, 0, 0},
    };
    memset(o, 0, sizeof *o);
    o->seed = 1;
    o->n = a->max_seq < 64 ? a->max_seq : 64;
    o->m = 2 * a->cols;
    o->heads = 1;
    o->layers = 1;
    o->imp_per_layer = 1;
    o->block = a->cols;
    o->mix = wl_find_mix("with0");
    o->trace = 1;
    o->out_gain = 1.0;
    opterr = 0;
    for (;;) {
        int c = getopt_long(argc, argv, "", lo, NULL);
        if (c == -1)
            break;
        if (c == O_HELP) {
            usage(a);
            return 1;
        }
        if (c == '?' || apply(c, optarg, a, o)) {
            if (c == '?')
                fprintf(stderr, "vssa-sim: error: bad option '%s' (see --help)\n", argv[optind - 1]);
            return -1;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "vssa-sim: error: unexpected argument '%s'\n", argv[optind]);
        return -1;
    }
    /* The perf counters restart only when a key set begins, so heads
     * without keys would share them and the per-head checks could not hold. */
    if (o->n == 0 && o->heads * o->layers > 1 && !o->qpath && !o->model_dir) {
        fprintf(stderr, "vssa-sim: error: --keys 0 runs a single head (the counters restart "
                        "only with a key set)\n");
        return -1;
    }
    return check_model(o) || check_files(o, o->sized) || check_hw(a, o) ? -1 : 0;
}

