/* SPDX-License-Identifier: MIT */
/* fuzz_fstcheck_files.c - libFuzzer target: vssa-fstcheck's parser of the
 * beats file (FUZZ_BEATS) or of the cycle-model file (FUZZ_MODEL), on any
 * bytes as the whole file. Whatever it accepts must be what it documents. */
#define _POSIX_C_SOURCE 200809L   /* fmemopen */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fstcheck_files.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* fmemopen refuses an empty buffer: an empty file is a one-byte buffer
     * of which none is read */
    char *copy = malloc(size + 1);
    if (!copy)
        return 0;
    memcpy(copy, data, size);
    FILE *f = fmemopen(copy, size ? size : 1, "r");
    if (!f)
        abort();
    if (!size)
        (void)getc(f);
    char err[FC_ERR_MAX] = "";
#ifdef FUZZ_BEATS
    fc_beats b;
    if (fc_read_beats(f, "fuzz", &b, err) == 0) {
        for (size_t i = 0; i < b.n; i++)
            if (b.v[i].kind > 3 || b.v[i].last > 1 || !b.v[i].data[0] ||
                strspn(b.v[i].data, "0123456789abcdef") != strlen(b.v[i].data) ||
                strlen(b.v[i].data) >= FC_LINE_MAX)
                abort();
        fc_beats_free(&b);
    } else if (b.v || !err[0]) {
        abort();
    }
#else
    fc_model m;
    if (fc_read_model(f, "fuzz", &m, err) == 0) {
        for (size_t i = 0; i < m.n; i++)
            if (m.v[i].command < 0 || m.v[i].command > 3)
                abort();
        fc_model_free(&m);
    } else if (m.v || !err[0]) {
        abort();
    }
#endif
    fclose(f);
    free(copy);
    return 0;
}
