/* SPDX-License-Identifier: MIT */
/* main.c - the vssagen command line: parse and validate options, then write
 * the design (and optionally its parameter header) all at once or not at all. */
#include <stdio.h>

#include "cli.h"
#include "rtl.h"

static void usage(FILE *f)
{
    fputs(
        "usage: vssagen [options] > design.v\n"
        "Emit Verilog for a variable-speed systolic array computing one attention\n"
        "head, O = softmax(Q K^T) V, with per-token key and value precision.\n"
        "\n"
        "  --rows N        lanes (key tokens at once), 1..128        [8]\n"
        "  --cols N        PE columns (queries per block), 1..128    [8]\n"
        "  --bits LIST     precision set, strictly descending, e.g.\n"
        "                  8,4,0 (0 = pruned)                        [8,4,0]\n"
        "  --digit B       PE digit width: 1, 2, 4 or 8 (8 under --arch int8,\n"
        "                  which refuses any other)                  [4]\n"
        "  --head-dim D    head dimension, 1..1024                   [64]\n"
        "  --max-seq N     keys a key set keeps, 1..65536            [512]\n"
        "  --acc-width W   PE accumulator width; refused if scores or\n"
        "                  P.V sums could overflow               [minimum safe]\n"
        "  --round R       truncated keys and values: floor, or mid\n"
        "                  (the midpoint of their step)              [mid]\n"
        "  --precision P   who decides token precision: hw (the design ranks\n"
        "                  tokens by their importance; with one class there is\n"
        "                  nothing to rank) or host (in_tag_i)        [hw]\n"
        "  --imp-rows R    query rows the importance counters hold without\n"
        "                  saturating, 1..2^47                       [65536]\n"
        "  --comp          build the 0-bit compensation (needs a 0-bit\n"
        "                  class): with comp_i high the pruned keys join\n"
        "                  the softmax as one virtual token weighted by\n"
        "                  their count                               [off]\n"
        "  --share K       columns one exponent unit and one reciprocal\n"
        "                  serve, 1..cols: fewer units, a longer\n"
        "                  softmax       [floor(D*p/rows) in 1..cols, p the\n"
        "                                 fewest planes of a kept token]\n"
        "  --sched S       dispatch policy: lockstep, group, fuse    [fuse]\n"
        "  --arch A        vssa; fixed8: the same array with precision\n"
        "                  ignored (every token at 8 bits), a baseline;\n"
        "                  or int8: an int8 array that skips pruned keys\n"
        "                  (kept keys at 8 bits in arrival order; digit 8,\n"
        "                  policy group)                             [vssa]\n"
        "  --top NAME      top module name and module prefix, a Verilog\n"
        "                  identifier of at most 48 characters       [vssa]\n"
        "  -o FILE         write the design to FILE instead of stdout\n"
        "  --params FILE   also write the derived parameters as a C header\n"
        "  --core FILE     also write a FuseSoC core (CAPI=2): VLNV\n"
        "                  vssagen:vssa:TOP:VERSION, targets default, lint\n"
        "                  (verilator) and synth (yosys, ecp5); needs -o, and\n"
        "                  the design and header at or below FILE's\n"
        "                  directory                                 [none]\n"
        "  --filelist FILE also write a file list naming the design by its\n"
        "                  path relative to FILE's directory, for -F (or -f\n"
        "                  run from there); needs -o                 [none]\n"
        "  --help          this text\n"
        "  --version       the generator version\n"
        "\n"
        "Bad options print one line on stderr and exit with status 2; nothing is\n"
        "written. Files are written whole or not at all.\n",
        f);
}

/* One line on stderr, whatever the offending argument contained. */
static void print_error(const char *msg)
{
    fputs("vssagen: error: ", stderr);
    for (const char *p = msg; *p; p++)
        fputc((unsigned char)*p < 0x20 || *p == 0x7f ? '?' : *p, stderr);
    fputc('\n', stderr);
}

int main(int argc, char **argv)
{
    gen_job job;
    int status = gen_run(argc, argv, &job);
    if (status == 0 && job.what == GEN_HELP) {
        usage(stdout);
    } else if (status == 0 && job.what == GEN_VERSION) {
        printf("vssagen %s\n", VSSAGEN_VERSION);
    } else if (status == 0) {
        const char *paths[4];
        const strbuf *bufs[4];
        int n = 0;
        if (job.out_path) {
            paths[n] = job.out_path;
            bufs[n++] = &job.design;
        }
        if (job.params_path) {
            paths[n] = job.params_path;
            bufs[n++] = &job.params;
        }
        if (job.core_path) {
            paths[n] = job.core_path;
            bufs[n++] = &job.core;
        }
        if (job.filelist_path) {
            paths[n] = job.filelist_path;
            bufs[n++] = &job.filelist;
        }
        /* Temporaries first, so no failure leaves output behind on any channel. */
        /* A file that cannot be written is bad input too: status 2. */
        atomic_set set;
        if (atomic_prepare(&set, paths, bufs, n, job.err)) {
            status = GEN_USAGE;
        } else if (!job.out_path && (fwrite(job.design.buf, 1, job.design.len, stdout) != job.design.len ||
                                     fflush(stdout))) {
            snprintf(job.err, sizeof job.err, "cannot write the design to stdout");
            atomic_abort(&set);
            status = GEN_USAGE;
        } else if (atomic_commit(&set, job.err)) {
            status = GEN_USAGE;
        }
    }
    if (status)
        print_error(job.err);
    gen_job_free(&job);
    return status;
}
