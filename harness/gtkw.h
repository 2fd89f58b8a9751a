/* SPDX-License-Identifier: MIT */
/* gtkw.h - GTKWave save files for a vssa-sim waveform (docs/waveforms.md):
 * the design's signals in groups (the streams, the phase state, the lanes,
 * the counters), named as GTKWave names them in the FST file Verilator
 * writes, lanes and widths from the design's derived parameters. */
#ifndef VSSA_GTKW_H
#define VSSA_GTKW_H

#include <stddef.h>
#include <stdint.h>

#include "arch.h"
#include "emit.h"
#include "harness.h"

#define GTKW_PATH_MAX 4096

/* The save files of waveform FILE.fst: FILE.gtkw and FILE.mismatch.gtkw
 * (another name gets .gtkw and .mismatch.gtkw appended). -1 if a name
 * would not fit in GTKW_PATH_MAX bytes. */
int gtkw_names(const char *wave, char save[GTKW_PATH_MAX], char mismatch[GTKW_PATH_MAX]);

/* A path as a save file names it, in out: canonical, and without the
 * quote or line break the format cannot hold. -1 with a message on stderr
 * otherwise. */
int gtkw_path(const char *path, char out[GTKW_PATH_MAX]);

/* The text of the save file at save that opens waveform fst, whose last
 * time is last. Both are named by their canonical paths, so that GTKWave
 * finds the waveform from any directory, and beside the save file when
 * both are moved. Without m, the view starts at the run's start; with m, a
 * group of its failing beat comes first, and the view and the marker are
 * at its cycle. -1 with a message on stderr if a path cannot be resolved
 * or written in a save file. */
int gtkw_text(strbuf *sb, const vssa_arch *a, const char *fst, const char *save,
              const first_mismatch *m, uint64_t last);

#endif
