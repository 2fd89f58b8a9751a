/* driver.c - the co-simulation driver: runs heads through the generated
 * design, one after another, and holds every output beat, every block and
 * every counter to the golden model (see harness.h for the parts).
 * Compiled per configuration against that configuration's params header. */
#include <stdio.h>
#include <stdlib.h>

#include "arch_load.h"
#include "harness.h"

/* The RTL's outputs of a real head, all or nothing. */
static int write_rtl_outputs(const options *o, const head *hd)
{
    char err[NPY_ERR_MAX];
    vssa_tensors shape = {.m = hd->m, .n = hd->n, .d = hd->w.d};
    if (vssa_write_outputs(o->opath, o->ppath, &shape, hd->rO, hd->rP, err)) {
        fprintf(stderr, "vssa-sim: error: %s\n", err);
        return -1;
    }
    return 0;
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
        if (tensors.d != a.head_dim || (!tensors.is_float && !o.have_scales)) {
            fprintf(stderr, "vssa-sim: error: %s\n", tensors.d != a.head_dim
                    ? "the tensors' head dimension is not the design's D"
                    : "int8 tensors need --scales SQ,SK,SV,SO");
            vssa_tensors_free(&tensors);
            return 2;
        }
        o.tensors = &tensors;
    }
    FILE *model_out = NULL;
    if (o.model_out && !(model_out = fopen(o.model_out, "w"))) {
        fprintf(stderr, "vssa-sim: error: cannot write '%s'\n", o.model_out);
        return 2;
    }
    tally t = {0};
    if (o.beats_out && !(t.beats_out = fopen(o.beats_out, "w"))) {
        fprintf(stderr, "vssa-sim: error: cannot write '%s'\n", o.beats_out);
        if (model_out)
            fclose(model_out);
        return 2;
    }
    sim *s = sim_open(o.wave);
    if (!s)
        return 2;
    sim_reset(s);
    vssa_rng rng;
    vssa_rng_seed(&rng, o.seed ^ 0x5eed5eedULL);
    t.corrupt_rtl = o.corrupt_rtl;
    hw_state w;
    int ntok = o.tensors ? tensors.n : o.n;
    if (a.prec_hw && ntok > a.max_seq) {
        fprintf(stderr, "vssa-sim: error: under --precision hw every key of a set must be kept: "
                        "%d keys, MAX_SEQ %d\n", ntok, a.max_seq);
        return 2;
    }
    int *tags = malloc(sizeof *tags * ((size_t)(ntok > a.max_seq ? ntok : a.max_seq) + 1));
    if (!tags || hw_init(&w, &a)) {
        fprintf(stderr, "vssa-sim: error: out of memory\n");
        return 2;
    }
    w.corrupt = o.corrupt_expect >= CORRUPT_IMP ? o.corrupt_expect : 0;
    int hung = 0;
    for (int h = 0; h < o.heads * o.layers && !hung; h++) {
        head hd;
        head_times ht;
        int layer_start = h % o.heads == 0;
        if (a.prec_hw && layer_start && (h == 0 || o.imp_per_layer))
            hung = (h == 0 && hw_command(s, &a, &o, SIM_CMD_TOP, 0, &w, &rng, &t)) ||
                   hw_command(s, &a, &o, SIM_CMD_CLEAR, 0, &w, &rng, &t);
        hw_tags(&w, a.max_seq, tags);
        int made = hung ? 0 : head_make(&hd, &a, &o, h, a.prec_hw ? tags : NULL);
        if (hung)
            break;
        if (made) {
            if (made == -1)
                fprintf(stderr, "vssa-sim: error: cannot build the workload\n");
            return 2;
        }
        if (h == 0)
            report_start(&a, &o, &hd);
        hung = stream_head(s, &a, &o, &hd, &rng, &t, &ht);
        if (!hung)
            check_perf(&a, &o, &hd, &ht, &t, model_out);
        if (!hung && a.prec_hw) {
            hw_add_head(&w, &a, &hd);
            if ((h + 1) % o.heads == 0)
                hung = hw_command(s, &a, &o, SIM_CMD_RANK, hd.n, &w, &rng, &t);
        }
        if (!hung && (o.opath || o.ppath) && write_rtl_outputs(&o, &hd))
            t.failures++;
        head_free(&hd);
    }
    free(tags);
    hw_free(&w);
    sim_close(s);
    if (o.tensors)
        vssa_tensors_free(&tensors);
    if (model_out && fclose(model_out) != 0) {
        fprintf(stderr, "vssa-sim: error: cannot write '%s'\n", o.model_out);
        t.failures++;
    }
    if (t.beats_out && fclose(t.beats_out) != 0) {
        fprintf(stderr, "vssa-sim: error: cannot write '%s'\n", o.beats_out);
        t.failures++;
    }
    return report_end(&a, &o, &t) ? 0 : 1;
}
