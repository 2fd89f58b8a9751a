/* SPDX-License-Identifier: MIT */
/* driver.c - the co-simulation driver: runs heads through the generated
 * design, one after another, and holds every output beat, every block and
 * every counter to the golden model (see harness.h for the parts).
 * Compiled per configuration against that configuration's params header. */
#define _POSIX_C_SOURCE 200809L   /* lstat */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arch_load.h"
#include "emit.h"
#include "fstcheck_files.h"
#include "gtkw.h"
#include "harness.h"

/* Every output file, written under one rule (gen/emit.h, docs/generator.md "Output
 * files"): temporaries from the start, put in place when the run ends, with
 * status 0 or, a check having failed, 1 (the files show what happened);
 * removed when it is refused (status 2). */
enum { F_MODEL, F_BEATS, F_STIM, F_COUNTERS, F_WAVE, F_OUT, F_PROBS, F_N };

typedef struct {
    atomic_set set;
    FILE *f[F_N];           /* the streams; F_WAVE's is unused */
    const char *wave;       /* the name Verilator writes the FST to */
    int save;               /* the waveform's save file in the set, or -1 */
    char save_path[GTKW_PATH_MAX], mismatch_path[GTKW_PATH_MAX];
} outputs;

/* A waveform that goes to a file (not a device or FIFO) gets a GTKWave
 * save file beside it, in the set from the start; the first mismatch's
 * is added when the run has one. -1 with the reason in err, -2 with it
 * on stderr; the set is aborted either way. */
static int open_save(outputs *out, const options *o, int wave_k, char *err)
{
    out->save = -1;
    if (wave_k < 0 || out->set.f[wave_k].direct)
        return 0;
    char canon[GTKW_PATH_MAX];
    if (gtkw_names(o->wave, out->save_path, out->mismatch_path)) {
        snprintf(err, 256, "the waveform's name '%.100s' is too long for its save files",
                 o->wave);
        atomic_abort(&out->set);
        return -1;
    }
    if (gtkw_path(o->wave, canon) || gtkw_path(out->mismatch_path, canon)) {
        atomic_abort(&out->set);   /* the reason is on stderr */
        return -2;
    }
    return (out->save = out_add(&out->set, out->save_path, err)) < 0 ? -1 : 0;
}

static int open_outputs(outputs *out, const options *o)
{
    const char *paths[F_N] = {o->model_out, o->beats_out, o->stim_out, o->counters_out,
                              o->wave, o->opath, o->ppath};
    char err[256];
    atomic_init(&out->set);
    out->wave = NULL;
    int wave_k = -1;
    for (int i = 0; i < F_N; i++) {
        int k = paths[i] ? out_add(&out->set, paths[i], err) : -2;
        out->f[i] = NULL;
        if (k == -1 || (k >= 0 && !(out->f[i] = out_stream(&out->set, k, err)))) {
            fprintf(stderr, "vssa-sim: error: %s\n", err);
            return -1;
        }
        if (i == F_WAVE && k >= 0) {
            out->wave = out_tmp_path(&out->set, k);
            wave_k = k;
        }
    }
    int rc = open_save(out, o, wave_k, err);
    if (rc) {
        if (rc == -1)
            fprintf(stderr, "vssa-sim: error: %s\n", err);
        return -1;
    }
    return 0;
}

/* The save files' text, written whole into their temporaries. */
static int write_save(outputs *out, int k, const char *path, const vssa_arch *a,
                      const options *o, const first_mismatch *m, uint64_t last)
{
    strbuf sb = {0};
    char err[256];
    int rc = gtkw_text(&sb, a, o->wave, path, m, last);
    if (!rc && (rc = out_write(&out->set, k, sb.buf, sb.len, err)))
        fprintf(stderr, "vssa-sim: error: %s\n", err);
    sb_free(&sb);
    return rc;
}

static int write_saves(outputs *out, const vssa_arch *a, const options *o, const tally *t,
                       uint64_t cycles)
{
    char err[256];
    uint64_t last = SIM_CYCLE_TIME(cycles - 1) + 1;   /* the last rising edge */
    if (out->save < 0)
        return 0;
    if (write_save(out, out->save, out->save_path, a, o, NULL, last))
        return -1;
    if (!t->first.found)
        return 0;
    int k = out_add(&out->set, out->mismatch_path, err);
    if (k < 0) {
        fprintf(stderr, "vssa-sim: error: %s\n", err);
        return -1;
    }
    return write_save(out, k, out->mismatch_path, a, o, &t->first, last);
}

/* A run without a mismatch leaves no mismatch save file of an earlier run
 * beside its waveform: it would open this one at a cycle that says
 * nothing. */
static void drop_stale_mismatch(const outputs *out, const tally *t)
{
    struct stat st;
    if (out->save >= 0 && !t->first.found && lstat(out->mismatch_path, &st) == 0 &&
        S_ISREG(st.st_mode))
        unlink(out->mismatch_path);
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
    t.wave = o.wave;
    t.mismatch_save = out.save >= 0 ? out.mismatch_path : NULL;
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
    layers lay;
    int per_layer = o.layers > 1 && !layers_init(&lay, &a);
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
        if (!hung && per_layer)
            layers_add_head(&lay, &a, &o, &hd);
        if (!hung && a.prec_hw) {
            if (hw_add_head(&w, &a, &hd)) {
                fprintf(stderr, "vssa-sim: error: out of memory\n");
                refused = 1;
            } else if ((h + 1) % o.heads == 0) {
                hung = command(s, &a, &o, SIM_CMD_RANK, hd.n, &w, &rng, &t, model_out);
                if (!hung && per_layer)
                    layers_end(&lay, &a, &t);
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
    uint64_t cycles = sim_cycle(s);
    sim_close(s);
    if (out.wave && out.f[F_BEATS] && record_wave(out.wave, out.f[F_BEATS]))
        return refuse(&out, NULL);
    if (write_saves(&out, &a, &o, &t, cycles))
        return refuse(&out, NULL);
    char err[256];
    if (atomic_commit(&out.set, err)) {
        fprintf(stderr, "vssa-sim: error: %s\n", err);
        return 2;
    }
    drop_stale_mismatch(&out, &t);
    return report_end(&a, &o, &t) ? 0 : 1;
}
