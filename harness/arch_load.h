/* SPDX-License-Identifier: MIT */
/* arch_load.h - the architecture the harness was compiled for, rebuilt from
 * the design's parameter header and derived by the same code the generator
 * ran, so the cycle model uses the exact parameters of the design. */
#ifndef VSSA_ARCH_LOAD_H
#define VSSA_ARCH_LOAD_H

#include "arch.h"

/* Fills a's options from the header's defines and derives it. Returns 0, or
 * -1 after one line on stderr if the derivation fails or any derived
 * parameter differs from the header's VSSA_PARAM_VALUES: a stale header,
 * written by a generator that derives differently from the golden library
 * linked here. */
int harness_arch(vssa_arch *a);

#endif
