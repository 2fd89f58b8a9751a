/* SPDX-License-Identifier: MIT */
/* fuzz_vssagen.c - libFuzzer target: vssagen's command line in process.
 *
 * The input is split at newlines and NUL bytes into arguments (at most 64,
 * after "vssagen"), which go through option parsing, derivation and
 * emission (gen_run, gen/cli.h); nothing is printed or written. A refusal
 * must be bad options (status 2) with a one-line reason; an accepted
 * command line must emit a design whose every top parameter reads back
 * equal to the derived value (tests/readback.h), and a parameter header
 * when --params is given. Anything else aborts, which libFuzzer reports. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "readback.h"

#define MAX_ARGS 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    char *argv[MAX_ARGS + 2];
    int argc = 0;
    argv[argc++] = "vssagen";
    for (size_t i = 0, start = 0; i <= size && argc <= MAX_ARGS; i++) {
        if (i == size || text[i] == '\n' || text[i] == '\0') {
            text[i] = '\0';
            if (i > start || i < size)   /* an empty line is an empty argument */
                argv[argc++] = text + start;
            start = i + 1;
        }
    }
    argv[argc] = NULL;

    static gen_job job;
    int rc = gen_run(argc, argv, &job);
    if (rc != 0) {
        /* bad options only, with a reason on one line */
        if (rc != GEN_USAGE || !job.err[0] || strchr(job.err, '\n')) {
            fprintf(stderr, "status %d, reason '%s'\n", rc, job.err);
            abort();
        }
    } else if (job.what == GEN_DESIGN) {
        char err[RB_ERR_MAX];
        if (!job.design.buf || job.design.failed ||
            rb_check_top(job.design.buf, job.design.len, &job.arch, err) != 0) {
            fprintf(stderr, "read-back: %s\n", job.design.buf ? err : "no design");
            abort();
        }
        if (job.params_path && (!job.params.buf || job.params.len == 0 || job.params.failed))
            abort();
    }
    gen_job_free(&job);
    free(text);
    return 0;
}
