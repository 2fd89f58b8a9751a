/* driver.c - the co-simulation driver: runs heads through the generated
 * design, one after another, and holds every output beat, every block and
 * every counter to the golden model (see harness.h for the parts).
 * Compiled per configuration against that configuration's params header. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "arch_load.h"
#include "emit.h"
#include "fstcheck_files.h"
#include "harness.h"

/* Every output file, written under one rule (gen/emit.h, README "Output
 * files"): temporaries from the start, put in place when the run ends, with
 * status 0 or, a check having failed, 1 (the files show what happened);
 * removed when it is refused (status 2). */
enum { F_MODEL, F_BEATS, F_STIM, F_COUNTERS, F_WAVE, F_OUT, F_PROBS, F_N };

typedef struct {
    atomic_set set;
    FILE *f[F_N];           /* the streams; F_WAVE's is unused */
    const char *wave;       /* the name Verilator writes the FST to */
} outputs;

static int open_outputs(outputs *out, const options *o)
{
    const char *paths[F_N] = {o->model_out, o->beats_out, o->stim_out, o->counters_out,
                              o->wave, o->opath, o->ppath};
    char err[256];
    atomic_init(&out->set);
    out->wave = NULL;
    for (int i = 0; i < F_N; i++) {
        int k = paths[i] ? out_add(&out->set, paths[i], err) : -2;
        out->f[i] = NULL;
        if (k == -1 || (k >= 0 && !(out->f[i] = out_stream(&out->set, k, err)))) {
            fprintf(stderr, "vssa-sim: error: %s\n", err);
            return -1;
        }
        if (i == F_WAVE && k >= 0)
            out->wave = out_tmp_path(&out->set, k);
    }
    return 0;
}

/* A refusal after the files were opened: nothing is left of them. */
static int refuse(outputs *out, sim *s)
{
    if (s)
        sim_close(s);   /* the FST writer's own files go with it */
    atomic_abort(&out->set);
    return 2;
}

/* The RTL's outputs of a real head. */
static int write_rtl_outputs(const options *o, const head *hd, outputs *out)
{
    char err[NPY_ERR_MAX];
    vssa_tensors shape = {.m = hd->m, .n = hd->n, .d = hd->w.d};
    if (vssa_write_outputs(out->f[F_OUT], o->opath, out->f[F_PROBS], o->ppath, &shape, hd->rO,
                           hd->rP, err)) {
        fprintf(stderr, "vssa-sim: error: %s\n", err);
        return -1;
    }
    return 0;
}

/* The beats file's last line: the FST file's size and CRC-32, by which
 * vssa-fstcheck knows damage that leaves the file readable. */
static int record_wave(const char *wave, FILE *beats)
{
    uint64_t size;
    uint32_t crc;
    FILE *f = fopen(wave, "rb");
    int rc = f ? fc_digest(f, &size, &crc) : -1;
    if (f)
        fclose(f);
    if (rc)
        fprintf(stderr, "vssa-sim: error: cannot read back the waveform '%s'\n", wave);
    else
        fprintf(beats, "wave %" PRIu64 " %08" PRIx32 "\n", size, crc);
    return rc;
}

/* A command of a --precision hw design, and its line in the --model-out
 * file: each command is a busy period of its own, which vssa-fstcheck
 * --model must tell from a head's. */
static int command(sim *s, const vssa_arch *a, const options *o, int op, int n, hw_state *w,
                   vssa_rng *rng, tally *t, FILE *model_out)
{
    static const char *const name[4] = {"", "clear", "rank", "top"};
    int hung = hw_command(s, a, o, op, n, w, rng, t);
    if (!hung && model_out)
        fprintf(model_out, "command %s\n", name[op & 3]);
    return hung;
}

int main(int argc, char **argv)
{
    vssa_arch a;
    options o;
    if (harness_arch(&a))
        return 2;
    int rc = options_parse(argc, argv, &a, &o);
    if (rc)
        return rc > 0 ? 0 : 2;
    vssa_tensors tensors;
    if (o.qpath) {
        char err[NPY_ERR_MAX];
        if (vssa_tensors_load(o.qpath, o.kpath, o.vpath, o.tpath, a.nclass, o.scales, &tensors,
                              err)) {
            fprintf(stderr, "vssa-sim: error: %s\n", err);
            return 2;
        }
        /* A host design would drop the keys past MAX_SEQ and compute another
         * head than the files'; under --precision hw every key must be kept. */
        const char *why = tensors.d != a.head_dim ? "the tensors' head dimension is not the design's D"
                          : tensors.n > a.max_seq ? "the tensors have more keys than the design's "
                                                     "MAX_SEQ: it would drop the rest"
                          : tensors.is_float == o.have_scales
                              ? (tensors.is_float ? VSSA_SCALES_FLOAT : VSSA_SCALES_INT8)
                              : NULL;
        if (why) {
            fprintf(stderr, "vssa-sim: error: %s\n", why);
            vssa_tensors_free(&tensors);
            return 2;
        }
        o.tensors = &tensors;
        o.n = tensors.n;   /* the sizes come from the files */
        o.m = tensors.m;
    }
    int ntok = o.tensors ? tensors.n : o.n;
    if (a.prec_hw && ntok > a.max_seq) {
        fprintf(stderr, "vssa-sim: error: under --precision hw every key of a set must be kept: "
                        "%d keys, MAX_SEQ %d\n", ntok, a.max_seq);
        if (o.tensors)
            vssa_tensors_free(&tensors);
        return 2;
    }
    outputs out;
    if (open_outputs(&out, &o)) {
        if (o.tensors)
            vssa_tensors_free(&tensors);
        return 2;
    }
    FILE *model_out = out.f[F_MODEL], *stim = out.f[F_STIM], *counters = out.f[F_COUNTERS];
    tally t = {0};
    t.beats_out = out.f[F_BEATS];
    sim *s = sim_open(out.wave, o.x_seed);
    if (!s)
        return refuse(&out, NULL);
    sim_record(s, stim);
    sim_reset(s);
    vssa_rng rng;
    vssa_rng_seed(&rng, o.seed ^ 0x5eed5eedULL);
    t.corrupt_rtl = o.corrupt_rtl;
    hw_state w;
    int *tags = malloc(sizeof *tags * ((size_t)(ntok > a.max_seq ? ntok : a.max_seq) + 1));
    int refused = !tags || hw_init(&w, &a);
    if (refused) {
        fprintf(stderr, "vssa-sim: error: out of memory\n");
        free(tags);
        if (o.tensors)
            vssa_tensors_free(&tensors);
        return refuse(&out, s);
    }
    w.corrupt = o.corrupt_expect >= CORRUPT_IMP ? o.corrupt_expect : 0;
    int hung = 0;
    for (int h = 0; h < o.heads * o.layers && !hung && !refused; h++) {
        head hd;
        head_times ht;
        int layer_start = h % o.heads == 0;
        /* A keyless run (one head: options.c) sends no command first: the
         * counters restart only with a key set, so the commands' cycles
         * would count into its head's. */
        if (a.prec_hw && layer_start && (h == 0 || o.imp_per_layer) && ntok > 0)
            hung = (h == 0 && command(s, &a, &o, SIM_CMD_TOP, 0, &w, &rng, &t, model_out)) ||
                   command(s, &a, &o, SIM_CMD_CLEAR, 0, &w, &rng, &t, model_out);
        hw_tags(&w, a.max_seq, tags);
        int made = hung ? 0 : head_make(&hd, &a, &o, h, a.prec_hw ? tags : NULL);
        if (hung)
            break;
        if (made) {
            if (made == -1)
                fprintf(stderr, "vssa-sim: error: cannot build the workload\n");
            head_free(&hd);
            refused = 1;
            break;
        }
        if (o.model_dir) {   /* the sizes come from the files (the csv: line) */
            o.n = hd.n;
            o.m = hd.m;
        }
        if (h == 0)
            report_start(&a, &o, &hd);
        hung = stream_head(s, &a, &o, &hd, &rng, &t, &ht);
        if (!hung)
            check_perf(&a, &o, &hd, &ht, &t, model_out);
        if (!hung && a.prec_hw) {
            if (hw_add_head(&w, &a, &hd)) {
                fprintf(stderr, "vssa-sim: error: out of memory\n");
                refused = 1;
            } else if ((h + 1) % o.heads == 0) {
                hung = command(s, &a, &o, SIM_CMD_RANK, hd.n, &w, &rng, &t, model_out);
            }
        }
        if (!hung && !refused && (o.opath || o.ppath) && write_rtl_outputs(&o, &hd, &out))
            refused = 1;
        head_free(&hd);
    }
    free(tags);
    hw_free(&w);
    if (o.tensors)
        vssa_tensors_free(&tensors);
    if (refused)
        return refuse(&out, s);
    /* after the last edge, as tests/icarus/tb_top.v prints them; a write
     * error shows in the stream and fails the commit */
    if (counters)
        sim_write_counters(s, counters);
    sim_close(s);
    if (out.wave && out.f[F_BEATS] && record_wave(out.wave, out.f[F_BEATS]))
        return refuse(&out, NULL);
    char err[256];
    if (atomic_commit(&out.set, err)) {
        fprintf(stderr, "vssa-sim: error: %s\n", err);
        return 2;
    }
    return report_end(&a, &o, &t) ? 0 : 1;
}
