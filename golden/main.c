/* SPDX-License-Identifier: MIT */
/* main.c - vssa-golden: one real head through the golden model.
 *
 *   vssa-golden --q Q.npy --k K.npy --v V.npy [--tags T.npy | --mix 20/60/20]
 *               [--bits 8,4,0] [--arch vssa|fixed8|int8] [--round floor|mid] [--comp]
 *               [--scales SQ,SK,SV,SO] [--out O.npy] [--probs-out P.npy] [--csv]
 *               [--imp-in I.npy] [--imp-out I.npy] [--imp-rows R]
 *               [--rank A/B/C --tags-out T.npy]
 *
 * The importance options carry the counters of section 13 from head to head
 * (a run of a model's heads and layers); --rank assigns the next layer's
 * classes from them (sections 5 and 14).
 *
 * Prints the error of scores, probabilities and outputs against float
 * attention (vssa.h section 12). Exit status 2 for bad input, with nothing
 * written. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arch.h"
#include "config.h"
#include "emit.h"
#include "io.h"
#include "vssa.h"

typedef struct {
    const char *q, *k, *v, *tags, *out, *probs;
    const char *imp_in, *imp_out, *tags_out;
    int mix_pm[VSSA_MAX_CLASSES], rank_pm[VSSA_MAX_CLASSES];
    int have_mix, have_rank, csv, comp;
    int imp_w;
    vssa_round round;
    double scales[4];       /* SQ SK SV for int8 inputs, SO for the output */
    int have_scales;
} cli;

static int usage(FILE *f, int status)
{
    fputs("usage: vssa-golden --q Q.npy --k K.npy --v V.npy [options]\n"
          "One attention head of real tensors through the golden model; prints the\n"
          "error of its scores, probabilities and outputs against float attention.\n"
          "Q, K and V are all float32 (each quantized with its own scale) or all int8.\n"
          "\n"
          "  --q Q.npy          queries (m, d), required\n"
          "  --k K.npy          keys (n, d), required\n"
          "  --v V.npy          values (n, d), required\n"
          "  --tags T.npy       n key classes, 0..classes-1   [ranked under --mix]\n"
          "  --mix A/B/C        percentage of keys per class, one per --bits entry,\n"
          "                     ranked by float attention importance\n"
          "                     [every key in the first class: 100/0/0]\n"
          "  --bits LIST        precision set, strictly descending      [8,4,0]\n"
          "  --arch A           the bits a key and its value are computed at, as that\n"
          "                     design computes them: vssa its class's; fixed8 8 for\n"
          "                     every key; int8 8, keys of a 0-bit class pruned [vssa]\n"
          "  --round R          truncated keys and values: floor or mid    [mid]\n"
          "  --comp             add the pruned keys back as one count-weighted\n"
          "                     virtual token                              [off]\n"
          "  --scales SQ,SK,SV,SO  input and output scales; int8 input needs them,\n"
          "                     float32 input takes none [its own; SO max|float O|/127]\n"
          "  --out O.npy        write the int8 outputs (m, d)\n"
          "  --probs-out P.npy  write the probabilities, uint16 (m, n)\n"
          "  --imp-in I.npy     the importance counters to add this head to  [zeros]\n"
          "  --imp-out I.npy    write the counters plus this head's probabilities,\n"
          "                     uint64 (n), saturating at 16 + ceil(log2 R) bits\n"
          "  --imp-rows R       query rows the counters hold, 1..2^47      [65536]\n"
          "  --rank A/B/C       rank the counters into classes with these\n"
          "                     percentages; needs --tags-out\n"
          "  --tags-out T.npy   write those classes, int32 (n), for the next --tags\n"
          "  --csv              print one line instead: m,n,d,round, the score, prob\n"
          "                     and output cosines, and s_o                [off]\n"
          "  --help             this text\n"
          "\n"
          "Bad input prints one line on stderr and exits with status 2. Output files\n"
          "are written together at the end, or none of them.\n",
          f);
    return status;
}

static int parse_mix(const char *opt, const char *s, int nclass, int *pm, char *err)
{
    int c = 0, sum = 0;
    const char *p = s;
    while (*p) {
        char *end;
        long v = strtol(p, &end, 10);
        if (end == p || v < 0 || v > 100 || c == nclass || (*end && *end != '/'))
            break;
        pm[c++] = (int)v * 10;
        sum += (int)v;
        p = *end ? end + 1 : end;
    }
    if (*p || c != nclass || sum != 100) {
        snprintf(err, VSSA_ERR_MAX, "%s '%s': want %d percentages adding up to 100", opt, s,
                 nclass);
        return -1;
    }
    return 0;
}

static int parse_scales(const char *s, double *out, char *err)
{
    int n = sscanf(s, "%lf,%lf,%lf,%lf", &out[0], &out[1], &out[2], &out[3]);
    for (int i = 0; i < n; i++)
        if (!(out[i] > 0.0 && isfinite(out[i])))
            n = 0;
    if (n != 4) {
        snprintf(err, VSSA_ERR_MAX, "--scales '%s': want four positive numbers SQ,SK,SV,SO", s);
        return -1;
    }
    return 0;
}

static int parse_rows(const char *s, int *imp_w, char *err)
{
    char *end;
    errno = 0;
    unsigned long long r = strtoull(s, &end, 10);
    if (*s == '-' || end == s || *end || errno || r < 1 || r > (1ULL << 47)) {
        snprintf(err, VSSA_ERR_MAX, "--imp-rows '%s': want 1 .. 2^47", s);
        return -1;
    }
    *imp_w = vssa_imp_width(r);
    return 0;
}

static int parse_args(int argc, char **argv, cli *c, vssa_arch *a, char *err)
{
    static const struct option opts[] = {
        {"q", 1, 0, 'q'}, {"k", 1, 0, 'k'}, {"v", 1, 0, 'v'}, {"tags", 1, 0, 't'},
        {"mix", 1, 0, 'x'}, {"bits", 1, 0, 'b'}, {"round", 1, 0, 'r'},
        {"scales", 1, 0, 's'}, {"out", 1, 0, 'o'}, {"probs-out", 1, 0, 'p'},
        {"csv", 0, 0, 'c'}, {"comp", 0, 0, 'C'}, {"imp-in", 1, 0, 'i'},
        {"imp-out", 1, 0, 'I'}, {"imp-rows", 1, 0, 'R'}, {"rank", 1, 0, 'K'},
        {"tags-out", 1, 0, 'T'}, {"arch", 1, 0, 'a'}, {"help", 0, 0, 'h'}, {0, 0, 0, 0}};
    const char *mix = NULL, *rank = NULL;
    int ch;
    opterr = 0;   /* one line of our own, not getopt's too */
    while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (ch) {
        case 'q': c->q = optarg; break;
        case 'k': c->k = optarg; break;
        case 'v': c->v = optarg; break;
        case 't': c->tags = optarg; break;
        case 'x': mix = optarg; break;
        case 'b': if (cfg_parse_bits(optarg, a, err)) return -1; break;
        case 'a': if (cfg_parse_arch(optarg, a, err)) return -1; break;
        case 'r':
            if (strcmp(optarg, "floor") && strcmp(optarg, "mid")) {
                snprintf(err, VSSA_ERR_MAX, "--round: want floor or mid");
                return -1;
            }
            c->round = strcmp(optarg, "mid") == 0 ? VSSA_ROUND_MID : VSSA_ROUND_FLOOR;
            break;
        case 's': if (parse_scales(optarg, c->scales, err)) return -1; c->have_scales = 1; break;
        case 'o': c->out = optarg; break;
        case 'p': c->probs = optarg; break;
        case 'c': c->csv = 1; break;
        case 'C': c->comp = 1; break;
        case 'i': c->imp_in = optarg; break;
        case 'I': c->imp_out = optarg; break;
        case 'T': c->tags_out = optarg; break;
        case 'K': rank = optarg; break;
        case 'R': if (parse_rows(optarg, &c->imp_w, err)) return -1; break;
        case 'h': return 1;
        case ':':
            snprintf(err, VSSA_ERR_MAX, "option '%.100s' needs a value", argv[optind - 1]);
            return -1;
        default:
            if (optopt)
                snprintf(err, VSSA_ERR_MAX, "unknown option '-%c' (see --help)", optopt);
            else
                snprintf(err, VSSA_ERR_MAX, "unknown or ambiguous option '%.100s' (see --help)",
                         argv[optind - 1]);
            return -1;
        }
    }
    if (optind != argc || !c->q || !c->k || !c->v) {
        snprintf(err, VSSA_ERR_MAX, "--q, --k and --v are required (see --help)");
        return -1;
    }
    if (mix && c->tags) {
        snprintf(err, VSSA_ERR_MAX, "--mix and --tags exclude each other");
        return -1;
    }
    if (!rank != !c->tags_out) {
        snprintf(err, VSSA_ERR_MAX, "--rank and --tags-out go together");
        return -1;
    }
    /* precision set only: any bits are a multiple of 1; int8 runs its kept
     * keys as one 8-bit plane */
    a->digit = a->kind == VSSA_ARCH_INT8 ? 8 : 1;
    if (vssa_arch_derive(a, err))
        return -1;
    c->have_mix = mix != NULL;
    c->have_rank = rank != NULL;
    if (rank && parse_mix("--rank", rank, a->nclass, c->rank_pm, err))
        return -1;
    return mix ? parse_mix("--mix", mix, a->nclass, c->mix_pm, err) : 0;
}

static void print_err(const char *name, vssa_err e)
{
    printf("  %-13s cosine %.6f  max |err| %.4g  mean |err| %.4g\n", name, e.cosine,
           e.max_abs, e.mean_abs);
}

/* The counters after this head and the next layer's classes, to the
 * streams of --imp-out and --tags-out (either may be NULL). */
static int write_tiers(const cli *c, const vssa_arch *a, const vssa_tensors *t,
                       uint64_t *imp, const uint16_t *p, FILE *imf, FILE *tf, char *err)
{
    if (!imp)
        return 0;
    vssa_imp_add(imp, t->n, p, t->m, c->imp_w);
    int *next = malloc(((size_t)t->n + 1) * sizeof *next);
    int rc = !next || (c->have_rank && vssa_rank_radix(imp, t->n, c->imp_w, c->rank_pm,
                                                        a->nclass, next, NULL, NULL));
    if (rc)
        snprintf(err, NPY_ERR_MAX, "out of memory");
    else
        rc = vssa_write_tiers(imf, c->imp_out, tf, c->tags_out, t->n, imp, next, err);
    free(next);
    return rc;
}

/* Every output file at once (gen/emit.h): all of them, or none and each
 * existing one as it was. */
static int write_files(const cli *c, const vssa_arch *a, const vssa_tensors *t, uint64_t *imp,
                       const int8_t *o, const uint16_t *p, char *err)
{
    const char *paths[4] = {c->out, c->probs, c->imp_out, c->have_rank ? c->tags_out : NULL};
    FILE *f[4] = {NULL, NULL, NULL, NULL};
    atomic_set set;
    atomic_init(&set);
    for (int i = 0; i < 4; i++) {
        int k = paths[i] ? out_add(&set, paths[i], err) : -2;
        if (k == -1 || (k >= 0 && !(f[i] = out_stream(&set, k, err))))
            return -1;
    }
    if (vssa_write_outputs(f[0], c->out, f[1], c->probs, t, o, p, err) ||
        write_tiers(c, a, t, imp, p, f[2], f[3], err)) {
        atomic_abort(&set);
        return -1;
    }
    return atomic_commit(&set, err);
}

static int run(const cli *c, const vssa_arch *a, const vssa_tensors *t, uint64_t *imp)
{
    size_t mn = (size_t)t->m * t->n, md = (size_t)t->m * t->d;
    double *pf = malloc((mn + 1) * sizeof *pf), *of = malloc((md + 1) * sizeof *of);
    int *tags = malloc(((size_t)t->n + 1) * sizeof *tags);
    int *bits = malloc(((size_t)t->n + 1) * sizeof *bits);
    int64_t *s = malloc((mn + 1) * sizeof *s);
    uint16_t *p = malloc((mn + 1) * sizeof *p);
    int8_t *o = malloc(md + 1);
    int rc = 1;
    char err[NPY_ERR_MAX];
    if (!pf || !of || !tags || !bits || !s || !p || !o ||
        vssa_attention_float(t->qf, t->kf, t->vf, t->m, t->n, t->d, pf, of))
        goto out;
    int pm[VSSA_MAX_CLASSES] = {1000};
    if (c->have_mix)
        memcpy(pm, c->mix_pm, sizeof pm);
    if (t->tags)
        memcpy(tags, t->tags, (size_t)t->n * sizeof *tags);
    else if (vssa_rank_tags(pf, t->m, t->n, pm, a->nclass, tags))
        goto out;
    for (int j = 0; j < t->n; j++)
        bits[j] = a->tag_planes[tags[j]] * a->digit;   /* tags[j] < nclass */
    double s_o = c->have_scales ? c->scales[3] : vssa_output_scale(of, md);
    vssa_head_in in = {t->m, t->n, t->d, t->q, t->k, t->v, bits, bits, c->round,
                       vssa_exp_scale(t->s_q, t->s_k, t->d), vssa_out_scale(t->s_v, s_o),
                       c->comp};
    vssa_head_out out = {.s = s, .p = p, .o = o};
    vssa_head_err e;
    if (vssa_head(&in, &out) || vssa_head_error(&in, &out, t->qf, t->kf, pf, of, t->s_q,
                                                t->s_k, s_o, &e))
        goto out;
    if (write_files(c, a, t, imp, o, p, err)) {
        fprintf(stderr, "vssa-golden: %s\n", err);
        rc = 2;
        goto out;
    }
    if (c->csv)
        printf("%d,%d,%d,%s,%.6f,%.6f,%.6f,%.9g\n", t->m, t->n, t->d,
               c->round == VSSA_ROUND_MID ? "mid" : "floor", e.score.cosine, e.prob.cosine,
               e.out.cosine, s_o);
    else {
        printf("head m %d n %d d %d, round %s, ES %u, OS %u\n", t->m, t->n, t->d,
               c->round == VSSA_ROUND_MID ? "mid" : "floor", in.es, in.os);
        print_err("scores", e.score);
        print_err("probabilities", e.prob);
        print_err("outputs", e.out);
    }
    rc = 0;
out:
    if (rc == 1)
        fprintf(stderr, "vssa-golden: out of memory\n");
    free(pf); free(of); free(tags); free(bits); free(s); free(p); free(o);
    return rc;
}

int main(int argc, char **argv)
{
    cli c = {.round = VSSA_ROUND_MID, .scales = {1.0, 1.0, 1.0, 1.0},
             .imp_w = vssa_imp_width(65536)};
    vssa_arch a;
    char err[VSSA_ERR_MAX > NPY_ERR_MAX ? VSSA_ERR_MAX : NPY_ERR_MAX];
    vssa_arch_defaults(&a);
    int pr = parse_args(argc, argv, &c, &a, err);
    if (pr == 1)
        return usage(stdout, 0);
    if (pr) {
        fprintf(stderr, "vssa-golden: %s\n", err);
        return 2;
    }
    vssa_tensors t;
    if (vssa_tensors_load(c.q, c.k, c.v, c.tags, a.nclass, c.scales, &t, err)) {
        fprintf(stderr, "vssa-golden: %s\n", err);
        return 2;
    }
    if (t.is_float == c.have_scales) {
        fprintf(stderr, "vssa-golden: %s\n", t.is_float ? VSSA_SCALES_FLOAT : VSSA_SCALES_INT8);
        vssa_tensors_free(&t);
        return 2;
    }
    uint64_t *imp = NULL;
    if (c.imp_in || c.imp_out || c.have_rank) {
        imp = calloc((size_t)t.n + 1, sizeof *imp);
        if (!imp || (c.imp_in && vssa_imp_load(c.imp_in, t.n, c.imp_w, imp, err))) {
            fprintf(stderr, "vssa-golden: %s\n", imp ? err : "out of memory");
            free(imp);
            vssa_tensors_free(&t);
            return 2;
        }
    }
    int rc = run(&c, &a, &t, imp);
    free(imp);
    vssa_tensors_free(&t);
    return rc;
}
