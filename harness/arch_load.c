/* SPDX-License-Identifier: MIT */
/* arch_load.c - the harness's vssa_arch, checked against its params header.
 * Compiled with -include <params.h>. */
#include "arch_load.h"

#include <stdio.h>
#include <string.h>

#ifndef VSSA_PARAM_VALUES
#error "the parameter header has no VSSA_PARAM_VALUES: regenerate it with this vssagen"
#endif

static const int header_bits[] = VSSA_BITS;
static const long header_values[] = VSSA_PARAM_VALUES;

#define COUNT(a) (sizeof (a) / sizeof (a)[0])
_Static_assert(COUNT(header_bits) <= VSSA_MAX_CLASSES, "VSSA_BITS lists too many precisions");

/* The options, as the generator's command line set them. NCLASS comes from
 * the length of VSSA_BITS, so the table comparison catches a header whose
 * VSSA_NCLASS disagrees with its own list. */
static void fill_options(vssa_arch *a)
{
    vssa_arch_defaults(a);
    a->rows = VSSA_ROWS;
    a->cols = VSSA_COLS;
    a->nclass = (int)COUNT(header_bits);
    memcpy(a->bits, header_bits, sizeof header_bits);
    a->digit = VSSA_DIGIT;
    a->digit_given = 1;
    a->head_dim = VSSA_D;
    a->max_seq = VSSA_MAX_SEQ;
    a->acc_width = VSSA_ACC_W;
    a->sched = (vssa_sched)VSSA_SCHED_ID;
    a->sched_given = 1;
    a->kind = VSSA_FIXED8 ? VSSA_ARCH_FIXED8 : VSSA_INT8 ? VSSA_ARCH_INT8 : VSSA_ARCH_VSSA;
    a->round = VSSA_MID ? VSSA_ROUND_MID : VSSA_ROUND_FLOOR;
    a->precision = VSSA_PREC_HW ? VSSA_PRECISION_HW : VSSA_PRECISION_HOST;
    a->imp_rows = 1L << (VSSA_IMP_W - 16);   /* any R of that counter width */
    a->comp = VSSA_COMP;
    a->share = VSSA_SM_SHARE;
    snprintf(a->top, sizeof a->top, "%s", VSSA_TOP_NAME);
}

static int matches_header(const vssa_arch *a)
{
    vssa_param p[VSSA_PARAMS_MAX];
    size_t n = vssa_arch_params(a, p, VSSA_PARAMS_MAX);
    if (n != COUNT(header_values)) {
        fprintf(stderr, "vssa-sim: error: stale parameter header: it lists %zu parameters, "
                        "the golden model derives %zu; regenerate the design\n",
                COUNT(header_values), n);
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        if (p[i].value != header_values[i]) {
            fprintf(stderr, "vssa-sim: error: stale parameter header: %s is %ld there, "
                            "%ld derived; regenerate the design\n",
                    p[i].name, header_values[i], p[i].value);
            return 0;
        }
    }
    return 1;
}

int harness_arch(vssa_arch *a)
{
    char err[VSSA_ERR_MAX];
    fill_options(a);
    if (vssa_arch_derive(a, err)) {
        fprintf(stderr, "vssa-sim: error: parameter header: %s\n", err);
        return -1;
    }
    return matches_header(a) ? 0 : -1;
}
