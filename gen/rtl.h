/* rtl.h - assembles the generated design: the header comment, the module
 * templates for the chosen architecture and scheduler, and the C parameter
 * header the harness is compiled against. */
#ifndef VSSAGEN_RTL_H
#define VSSAGEN_RTL_H

#include "config.h"
#include "emit.h"

#define VSSAGEN_VERSION "0.1.0"

/* cmdline: the exact command line, quoted for a shell. */
int rtl_emit_verilog(strbuf *sb, const vssa_arch *a, const char *cmdline, char *err);
int rtl_emit_params(strbuf *sb, const vssa_arch *a, const char *cmdline, char *err);

/* Module templates, embedded from gen/rtl/ at build time. */
extern const char tpl_pe[], tpl_lane[], tpl_array[], tpl_sequencer[],
    tpl_drain[], tpl_perf[], tpl_top[], tpl_tile_table[], tpl_dispatch_lockstep[],
    tpl_dispatch_group[];

#endif
