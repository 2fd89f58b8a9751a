/* SPDX-License-Identifier: MIT */
/* integ.h - integration files for a generated design: a FuseSoC core
 * description (CAPI=2) and a file list for a tool's -f/-F
 * (docs/integration.md). Each names the design by a path relative to its
 * own directory. */
#ifndef VSSAGEN_INTEG_H
#define VSSAGEN_INTEG_H

#include "arch.h"
#include "emit.h"

/* The VLNV of the core: vendor vssagen, library vssa, the top name and the
 * generator version. */
#define INTEG_VLNV_FMT "vssagen:vssa:%s:%s"

/* The path of file relative to the directory of the file `from`, both as
 * given on the command line, into out (size bytes). below: refuse a path
 * that leaves that directory (FuseSoC takes a core's files at or below it).
 * opt names the option of `from` in messages. -1 with a one-line reason in
 * err (VSSA_ERR_MAX bytes) for a missing directory, a path that leaves the
 * directory when below is set, or a path a file list or core cannot carry
 * (see docs/integration.md, "Path rules"). */
int integ_rel_path(const char *opt, const char *from, const char *file, int below, char *out,
                   size_t size, char *err);

/* The core text: design and params (NULL: none) relative to the core. */
void integ_emit_core(strbuf *sb, const vssa_arch *a, const char *design, const char *params);
/* The file list: the design relative to the list, one path a line. */
void integ_emit_filelist(strbuf *sb, const char *design);

#endif
