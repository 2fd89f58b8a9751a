/* SPDX-License-Identifier: MIT */
/* mismatch.c - a caught mismatch: its MISMATCH line, the beat and the bits
 * of out_data_o that carry the value, and, for the run's first, where it is
 * in the waveform (the driver writes a save file that opens it there). */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"

static const char *const beat_names[4] = {"score", "probability", "O", "token"};

void mismatchf(tally *t, const out_beat *b, out_field f, const char *fmt, ...)
{
    char what[sizeof t->first.what];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    if (!t->first.found) {
        t->first.found = 1;
        t->first.beat = *b;
        t->first.field = f;
        memcpy(t->first.what, what, sizeof what);
    }
    if (++t->mismatches > 10)
        return;
    printf("MISMATCH %s\n", what);
    printf("  in out_data_o[%d:%d] of the %s beat taken in cycle %" PRIu64 " (out_kind_o %d, "
           "out_idx_o %u, out_qbase_o %u, out_last_o %d)\n", f.lsb + f.width - 1, f.lsb,
           beat_names[b->kind & 3], b->cycle, b->kind, b->idx, b->qbase, b->last);
    if (t->mismatches == 1 && t->wave)
        printf("  waveform %s: cycle %" PRIu64 " at time %" PRIu64 "%s%s\n", t->wave, b->cycle,
               SIM_CYCLE_TIME(b->cycle), t->mismatch_save ? ", opened there by " : "",
               t->mismatch_save ? t->mismatch_save : "");
}
