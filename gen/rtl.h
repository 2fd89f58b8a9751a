/* SPDX-License-Identifier: MIT */
/* rtl.h - assembles the generated design: the header comment, the module
 * templates and the C parameter header the harness is compiled against.
 *
 * Every template in gen/rtl/ is a standalone, parameterized Verilog module
 * named vssa_<concern> (the top is vssa) whose default parameters form one
 * consistent small design. The generator copies each module unchanged except
 * for the name prefix (--top), and sets only the top module's parameter
 * values from the architecture description. */
#ifndef VSSAGEN_RTL_H
#define VSSAGEN_RTL_H

#include "arch.h"
#include "emit.h"

#define VSSAGEN_VERSION "0.4.0"

/* cmdline: the exact command line, quoted for a shell. Errors are internal
 * (a template that does not match the parameter table) and go to err. */
int rtl_emit_verilog(strbuf *sb, const vssa_arch *a, const char *cmdline, char *err);
int rtl_emit_params(strbuf *sb, const vssa_arch *a, const char *cmdline, char *err);

#endif
