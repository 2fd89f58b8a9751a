/* SPDX-License-Identifier: MIT */
/* io.h - one head's real tensors: Q, K, V (and optional tags) from .npy
 * files, quantized as vssa.h section 6 defines, and the int8 output and
 * probabilities back to .npy.
 *
 * Q is (m, d), K and V are (n, d); all three float32, quantized per head
 * (one symmetric scale per tensor), or all three int8, taken as is with the
 * scales the caller gives (--scales SQ,SK,SV,SO, which float32 input does
 * not take: no number is ever ignored). Tags are n integers in
 * 0 .. nclass-1. Every check failure is one line in err, and nothing is
 * left allocated. */
#ifndef VSSA_IO_H
#define VSSA_IO_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "npy.h"

/* The tools' messages when --scales and the dtype disagree. */
#define VSSA_SCALES_INT8 "int8 tensors need --scales SQ,SK,SV,SO"
#define VSSA_SCALES_FLOAT "float32 tensors take no --scales: their scales come from their " \
    "values, the output scale from max |float O| / 127"

typedef struct {
    int m, n, d;
    int8_t *q, *k, *v;
    double *qf, *kf, *vf;   /* float values (dequantized ints for int8 input) */
    double s_q, s_k, s_v;   /* scales: computed for float input, given for int8 */
    int is_float;           /* every tensor was float32 */
    int *tags;              /* n, or NULL without a tags file */
} vssa_tensors;

/* scales[3] is used for the int8 tensors among Q, K, V. */
int vssa_tensors_load(const char *qpath, const char *kpath, const char *vpath,
                      const char *tpath, int nclass, const double *scales,
                      vssa_tensors *t, char *err);
void vssa_tensors_free(vssa_tensors *t);

/* Writes O (m, d) int8 and P (m, n) uint16 (P / 65536 is the probability)
 * to the open streams (either may be NULL: not written); the paths name
 * them in messages. The caller puts the files in place (gen/emit.h). */
int vssa_write_outputs(FILE *of, const char *opath, FILE *pf, const char *ppath,
                       const vssa_tensors *t, const int8_t *o, const uint16_t *p, char *err);

/* The output scale a host would choose for a head whose float outputs are
 * of[0..count): the largest magnitude maps to 127 (1.0 when all are 0). */
double vssa_output_scale(const double *of, size_t count);

/* Importance counters (vssa.h section 13): n unsigned integers below
 * 2^imp_w, 1-D, any integer dtype. */
int vssa_imp_load(const char *path, int n, int imp_w, uint64_t *imp, char *err);

/* Writes the counters as u8 and the classes as i4, both 1-D of n, to the
 * open streams (either may be NULL), as vssa_write_outputs does. */
int vssa_write_tiers(FILE *imf, const char *ipath, FILE *tf, const char *tpath, int n,
                     const uint64_t *imp, const int *tags, char *err);

/* Classes from float attention (vssa.h section 5): importance is each key's
 * column sum of pf (m x n) in units of 2^-16, ranked under ratio_pm. */
int vssa_rank_tags(const double *pf, int m, int n, const int *ratio_pm, int nclass, int *tags);

#endif
