/* SPDX-License-Identifier: MIT */
/* mdcomment.h - a Markdown page as a Verilog line comment.
 *
 * The port protocol is written once, in docs/ports.md; the generator embeds
 * that page (the Makefile makes it the string doc_ports, in ASCII) and puts
 * it into every design's header comment through this function, so the
 * docs and the header cannot drift apart.
 *
 * The subset it reads: headings (#), paragraphs and list items already
 * wrapped, and tables whose first column names a thing (a port) and whose
 * other columns describe it. Each output line starts with "// " and is at
 * most MD_WIDTH characters unless a single word is longer. Emphasis (**),
 * code marks (`) and link targets ([text](target) -> text) are dropped.
 */
#ifndef VSSA_MDCOMMENT_H
#define VSSA_MDCOMMENT_H

#include "emit.h"

#define MD_WIDTH 80

void md_comment(strbuf *sb, const char *md);

#endif
