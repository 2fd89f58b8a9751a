/* SPDX-License-Identifier: MIT */
/* fstcheck_files.h - the text files vssa-fstcheck holds a waveform to, read
 * whole and checked before the waveform is:
 *   - the beats file (vssa-sim --beats-out): one line per output beat taken,
 *     "CYCLE KIND LAST QBASE IDX DATA", decimal fields, DATA lowercase hex;
 *     with --wave, a last line "wave BYTES CRC32" (decimal, 8 lowercase hex
 *     digits): the size and CRC-32 of the FST file the same run wrote;
 *   - the cycle-model file (vssa-sim --model-out): one line per busy period,
 *     eight decimal figures for a head (cycles busy stall idle tiles qk sm
 *     pv) or "command clear|rank|top" for a command.
 * Fields are separated by one space; every line ends with a newline and
 * holds at most FC_LINE_MAX bytes with it. Anything else is refused with a
 * message naming the file and line. */
#ifndef VSSA_FSTCHECK_FILES_H
#define VSSA_FSTCHECK_FILES_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define FC_LINE_MAX 4096
#define FC_MODEL_FIGS 8
#define FC_ERR_MAX 512

typedef struct {
    uint64_t cycle;
    int kind, last;
    unsigned qbase, idx;
    char *data;            /* hex digits, MSB first */
} fc_beat;

typedef struct {
    int command;           /* 0: a head; 1 clear, 2 rank, 3 top (in_data_i[1:0]) */
    uint64_t fig[FC_MODEL_FIGS];
} fc_period;

typedef struct {
    fc_beat *v;
    size_t n;
    int have_wave;         /* a wave line: */
    uint64_t wave_size;    /* the FST file's size in bytes */
    uint32_t wave_crc;     /* and CRC-32 (zlib's) */
} fc_beats;

typedef struct {
    fc_period *v;
    size_t n;
} fc_model;

/* 0, or -1 with a one-line message "NAME:LINE: what" in err (FC_ERR_MAX
 * bytes) and nothing left allocated. */
int fc_read_beats(FILE *f, const char *name, fc_beats *b, char *err);
int fc_read_model(FILE *f, const char *name, fc_model *m, char *err);
void fc_beats_free(fc_beats *b);
void fc_model_free(fc_model *m);
const char *fc_command_name(int command);
/* The size and CRC-32 of what remains of f: 0, or -1 on a read error. */
int fc_digest(FILE *f, uint64_t *size, uint32_t *crc);

#endif
