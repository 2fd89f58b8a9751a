/* SPDX-License-Identifier: MIT */
/* fstcheck_gtkw.h - a GTKWave save file, as vssa-fstcheck --gtkw holds it
 * to a waveform: the waveform it opens ([dumpfile]), its primary marker
 * (the second field of its "*" line) and every signal its traces name:
 *   NAME                  a signal, as GTKWave lists it in an FST file:
 *                         scopes and name joined by dots, a vector's
 *                         range appended ("top.vssa.out_data_o[75:0]")
 *   (N)NAME               bit N of NAME, counted from its most significant
 *   +{ALIAS} REF          REF shown as ALIAS
 *   #{ALIAS} REF REF ...  the bits of the REFs gathered into one vector
 * Lines starting with "[", "*", "@" or "-" (settings, view, flags,
 * comments and groups) and empty lines name no signal. The file is read
 * whole, at most FG_FILE_MAX bytes. */
#ifndef VSSA_FSTCHECK_GTKW_H
#define VSSA_FSTCHECK_GTKW_H

#include <stddef.h>
#include <stdint.h>

#define FG_FILE_MAX (16u << 20)
#define FG_ERR_MAX 512

typedef struct {
    char *name;            /* the signal */
    long bit;              /* (N): N; -1 for the whole signal */
    int line;
    uint32_t length;       /* the waveform's bits of it; 0: no such signal */
} fg_ref;

typedef struct {
    fg_ref *v;             /* sorted by name */
    size_t n;
    char *dumpfile;        /* NULL if the file names none */
    int64_t marker;        /* -1: none */
} fg_save;

/* 0, or -1 with a one-line message "PATH[:LINE]: what" in err (FG_ERR_MAX
 * bytes) and nothing left allocated. */
int fg_read(const char *path, fg_save *g, char *err);
void fg_free(fg_save *g);
/* Gives every reference to signal name its length in bits. */
void fg_mark(fg_save *g, const char *name, uint32_t length);

#endif
