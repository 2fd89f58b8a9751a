/* SPDX-License-Identifier: MIT */
/* readback.h - reads a generated design's parameters back and compares them
 * with the architecture description (golden/arch.h), independently of the
 * generator's own formatting code: a value the generator cut short, mangled
 * or left out is reported, not trusted.
 *
 * Used by the vssa-readback tool (tests/vssa_readback.c) and the vssagen
 * fuzz target (tests/fuzz/fuzz_vssagen.c). */
#ifndef VSSA_READBACK_H
#define VSSA_READBACK_H

#include <stddef.h>

#include "arch.h"

#define RB_ERR_MAX 512

/* The top module a->top of the design text[0..len): every parameter of its
 * parameter list (`parameter integer NAME = VALUE`, and the sized literals
 * EXP_LUT, TAG_PLANES and TAG_CLASS, whose digits must give exactly their
 * declared width) equals the derived value, each derived parameter appears
 * exactly once and no other parameter appears; the header comment's rows of
 * derived parameters agree too. 0, or -1 with one line in err. */
int rb_check_top(const char *text, size_t len, const vssa_arch *a, char *err);

/* Every default of every module in text[0..len) (a template file) against
 * the derived values of a: parameters named after a derived parameter,
 * module-local parameters that stand for one (a table in readback.c), and
 * the explicit list of parameters that are not derived values. A parameter
 * in none of these is an error, so a new parameter must be placed. The top
 * module is named vssa in the templates. *nchecked counts the comparisons.
 * 0, or -1 with one line in err (naming file). */
int rb_check_defaults(const char *text, size_t len, const char *file, const vssa_arch *a,
                      int *nchecked, char *err);

#endif
