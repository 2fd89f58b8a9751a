/* driver.c - the co-simulation driver: runs heads through the generated
 * design, one after another, and holds every output beat, every block and
 * every counter to the golden model (see harness.h for the parts).
 * Compiled per configuration against that configuration's params header. */
#include <stdio.h>
#include <stdlib.h>

#include "arch_load.h"
#include "harness.h"

int main(int argc, char **argv)
{
    vssa_arch a;
    options o;
    if (harness_arch(&a))
        return 2;
    int rc = options_parse(argc, argv, &a, &o);
    if (rc)
        return rc > 0 ? 0 : 2;
    FILE *model_out = NULL;
    if (o.model_out && !(model_out = fopen(o.model_out, "w"))) {
        fprintf(stderr, "vssa-sim: error: cannot write '%s'\n", o.model_out);
        return 2;
    }
    sim *s = sim_open(o.wave);
    if (!s)
        return 2;
    sim_reset(s);
    vssa_rng rng;
    vssa_rng_seed(&rng, o.seed ^ 0x5eed5eedULL);
    tally t = {0};
    t.corrupt_rtl = o.corrupt_rtl;
    for (int h = 0; h < o.heads; h++) {
        head hd;
        head_times ht;
        if (head_make(&hd, &a, &o, h)) {
            fprintf(stderr, "vssa-sim: error: cannot build the workload\n");
            return 2;
        }
        if (h == 0)
            report_start(&a, &o, &hd);
        int hung = stream_head(s, &a, &o, &hd, &rng, &t, &ht);
        if (!hung)
            check_perf(&a, &o, &hd, &ht, &t, model_out);
        head_free(&hd);
        if (hung)
            break;
    }
    sim_close(s);
    if (model_out && fclose(model_out) != 0) {
        fprintf(stderr, "vssa-sim: error: cannot write '%s'\n", o.model_out);
        t.failures++;
    }
    return report_end(&a, &o, &t) ? 0 : 1;
}
