/* SPDX-License-Identifier: MIT */
/* config.h - the vssagen options: each parser reads one option's text into
 * the architecture description (golden/arch.h), which then derives every
 * parameter of the design. */
#ifndef VSSAGEN_CONFIG_H
#define VSSAGEN_CONFIG_H

#include "arch.h"

/* Each parser reads one option's text; on failure it writes a one-line
 * message to err (VSSA_ERR_MAX bytes) and returns -1. */
int cfg_parse_int(const char *opt, const char *text, int lo, int hi, int *out,
                  char *err);
int cfg_parse_bits(const char *text, vssa_arch *a, char *err);
int cfg_parse_sched(const char *text, vssa_arch *a, char *err);
int cfg_parse_arch(const char *text, vssa_arch *a, char *err);
int cfg_parse_round(const char *text, vssa_arch *a, char *err);
int cfg_parse_precision(const char *text, vssa_arch *a, char *err);
int cfg_parse_long(const char *opt, const char *text, long lo, long hi, long *out, char *err);
int cfg_parse_top(const char *text, vssa_arch *a, char *err);

#endif
