/* SPDX-License-Identifier: MIT */
/* rtl.c - the generated Verilog file and parameter header. */
#include "rtl.h"

#include "mdcomment.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* Module templates, embedded from gen/rtl/ at build time. */
extern const char tpl_ram[], tpl_delay[], tpl_capline[], tpl_sel[], tpl_mul[], tpl_skid[], tpl_pe[],
    tpl_lane[], tpl_array[],
    tpl_dispatch_lockstep[], tpl_dispatch_group[], tpl_loader[], tpl_tile_table[], tpl_sequencer[],
    tpl_drain[], tpl_qbuf[], tpl_perf[], tpl_ctrl[], tpl_vload[], tpl_score[], tpl_exp[],
    tpl_recip[], tpl_softmax[], tpl_pvseq[], tpl_requant[], tpl_outq[], tpl_phase[], tpl_widen[],
    tpl_tagger[], tpl_imp[], tpl_rank[], tpl_comp[], tpl_cmd[], tpl_outarb[], tpl_top[];

/* The design's modules, leaves first; the top comes last. A new stage is one
 * more row here and one more template. */
static const struct {
    const char *text;
    const char *concern;
} modules[] = {
    {tpl_ram, "RAM, one write and one synchronous read port: every buffer"},
    {tpl_delay, "delay line with every stage visible: every pipeline's side band"},
    {tpl_sel, "word select by index, without an index multiply"},
    {tpl_mul, "pipelined multiplier from DSP-sized partial products"},
    {tpl_skid, "two-entry stream register: the valid/ready stage"},
    {tpl_pe, "digit-serial PE: multiplier, plane-weighted accumulator, drain stage"},
    {tpl_lane, "lane: key and value banks, staging writer, PE row, control copy"},
    {tpl_array, "lanes, load decode and the drain chain"},
    {tpl_dispatch_lockstep, "placement policy: lockstep"},
    {tpl_dispatch_group, "placement policy: group and fuse"},
    {tpl_loader, "holds a placed key until its lane can stage it"},
    {tpl_tile_table, "tile table (RAM)"},
    {tpl_capline, "capture line: stages 1-4 of an issued operation, both sequencers"},
    {tpl_sequencer, "walks the tile table for a query block"},
    {tpl_drain, "sends captured rows as output beats"},
    {tpl_qbuf, "query columns, double-buffered"},
    {tpl_vload, "value loader: value banks, key and value lists"},
    {tpl_score, "score stage: midpoint term, score RAMs, row maxima"},
    {tpl_exp, "exponent unit (section 8)"},
    {tpl_recip, "row reciprocal and gain (sections 9 and 11)"},
    {tpl_softmax, "softmax stage: exponentials, sums, reciprocals, probabilities"},
    {tpl_pvseq, "walks the value list for P.V"},
    {tpl_requant, "output requantization (section 11)"},
    {tpl_outq, "output stage: O rows"},
    {tpl_phase, "block phases and run-time settings"},
    {tpl_widen, "zero-extension to the output data field"},
    {tpl_perf, "performance counters"},
    {tpl_ctrl, "key set and query block state"},
    {tpl_tagger, "class RAM and the class stage of --precision hw"},
    {tpl_imp, "importance counters (section 13)"},
    {tpl_rank, "ranking of the counters into classes (section 14)"},
    {tpl_comp, "0-bit compensation: pruned-key sums and the virtual key (section 15)"},
    {tpl_cmd, "command state: one clear, ranking or return to the top at a time"},
    {tpl_outarb, "output arbiter: the beat sources into the output register"},
    {tpl_top, "top: stages and their streams"},
};
#define NMODULES (sizeof modules / sizeof modules[0])

/* A Verilog literal packing count values of width bits, entry 0 lowest. */
static void packed_literal(strbuf *sb, const int *v, int count, int width)
{
    sb_printf(sb, "%d'b", count * width);
    for (int t = count - 1; t >= 0; t--) {
        for (int b = width - 1; b >= 0; b--)
            sb_puts(sb, (v[t] >> b) & 1 ? "1" : "0");
        if (t)
            sb_puts(sb, "_");
    }
}

static int is_ident(int ch) { return isalnum(ch) || ch == '_'; }

/* Copy text, renaming the identifier vssa and every identifier vssa_* to
 * the top name's prefix. Comments and strings are copied unchanged: they
 * name files such as golden/vssa.h, not modules. *in_block carries an open
 * block comment from one call to the next (put_top copies line by line). */
static void put_renamed(strbuf *sb, const char *text, size_t len, const char *top,
                        int *in_block)
{
    size_t i = 0;
    while (i < len) {
        size_t j = i;
        if (*in_block) {
            while (j < len && !(text[j] == '*' && j + 1 < len && text[j + 1] == '/'))
                j++;
            if (j < len) {
                j += 2;
                *in_block = 0;
            }
        } else if (text[i] == '/' && i + 1 < len && text[i + 1] == '*') {
            *in_block = 1;
            j = i + 2;
        } else if (text[i] == '/' && i + 1 < len && text[i + 1] == '/') {
            while (j < len && text[j] != '\n')
                j++;
        } else if (text[i] == '"') {
            for (j = i + 1; j < len && text[j] != '"' && text[j] != '\n'; j++)
                if (text[j] == '\\' && j + 1 < len)
                    j++;
            if (j < len && text[j] == '"')
                j++;
        } else if (!is_ident((unsigned char)text[i])) {
            j = i + 1;
        } else {
            while (j < len && is_ident((unsigned char)text[j]))
                j++;
            if (j - i >= 4 && memcmp(text + i, "vssa", 4) == 0 &&
                (j - i == 4 || text[i + 4] == '_')) {
                sb_puts(sb, top);
                sb_put(sb, text + i + 4, j - i - 4);
                i = j;
                continue;
            }
        }
        sb_put(sb, text + i, j - i);
        i = j;
    }
}

/* The first occurrence of word in text[0..len), or NULL. */
static const char *find_word(const char *text, size_t len, const char *word)
{
    size_t w = strlen(word);
    for (size_t i = 0; i + w <= len; i++)
        if (!memcmp(text + i, word, w) && (i == 0 || !is_ident((unsigned char)text[i - 1])) &&
            (i + w == len || !is_ident((unsigned char)text[i + w])))
            return text + i;
    return NULL;
}

/* The value of the top parameter name[0..len), appended to sb; -1 if the
 * architecture has no such parameter. Every value is built in sb, which
 * grows, so no literal is ever cut short. */
static int put_top_value(strbuf *sb, const vssa_arch *a, const char *name, size_t len)
{
    vssa_param rows[VSSA_PARAMS_MAX];
    size_t n = vssa_arch_params(a, rows, VSSA_PARAMS_MAX);
    for (size_t i = 0; i < n; i++) {
        if (strlen(rows[i].name) == len && !memcmp(rows[i].name, name, len)) {
            sb_printf(sb, "%ld", rows[i].value);
            return 0;
        }
    }
    if (len == 7 && !memcmp(name, "EXP_LUT", len)) {
        sb_printf(sb, "%d'h", 8 * VSSA_EXP_LUT_N);
        for (int f = VSSA_EXP_LUT_N - 1; f >= 0; f--)
            sb_printf(sb, "%02x", vssa_exp_lut[f]);
    } else if (len == 10 && !memcmp(name, "TAG_PLANES", len)) {
        packed_literal(sb, a->tag_planes, 1 << a->tag_w, a->plane_w);
    } else if (len == 9 && !memcmp(name, "TAG_CLASS", len)) {
        packed_literal(sb, a->tag_class, 1 << a->tag_w, a->tag_w);
    } else {
        return -1;
    }
    return 0;
}

/* The top module with each "parameter ... NAME = VALUE" line of its header
 * given the derived value. Every parameter must have one. */
static int put_top(strbuf *sb, const vssa_arch *a, char *err)
{
    const char *p = tpl_top, *body = strstr(tpl_top, ") (");
    int in_block = 0;
    while (*p) {
        const char *eol = strchr(p, '\n');
        size_t len = eol ? (size_t)(eol - p) + 1 : strlen(p);
        const char *eq = memchr(p, '=', len);
        const char *kw = eq ? find_word(p, (size_t)(eq - p), "parameter") : NULL;
        if (p < body && kw) {
            const char *e = eq;
            while (e > p && e[-1] == ' ')
                e--;
            const char *s = e;
            while (s > p && is_ident((unsigned char)s[-1]))
                s--;
            const char *comma = memchr(eq, ',', len - (size_t)(eq - p));
            put_renamed(sb, p, (size_t)(eq - p), a->top, &in_block);
            sb_puts(sb, "= ");
            if (put_top_value(sb, a, s, (size_t)(e - s))) {
                snprintf(err, VSSA_ERR_MAX, "internal: no value for top parameter %.*s",
                         (int)(e - s), s);
                return -1;
            }
            sb_puts(sb, comma ? ",\n" : "\n");
        } else {
            put_renamed(sb, p, len, a->top, &in_block);
        }
        p += len;
    }
    return 0;
}

/* The port protocol, docs/ports.md as the Makefile embeds it. */
extern const char doc_ports[];

static void comment_header(strbuf *sb, const vssa_arch *a, const char *cmdline)
{
    vssa_param rows[VSSA_PARAMS_MAX];
    size_t n = vssa_arch_params(a, rows, VSSA_PARAMS_MAX);
    sb_printf(sb,
        "// %s: variable-speed systolic array, one attention head O = softmax(Q K^T) V\n"
        "// Generated by vssagen %s; regenerate rather than edit.\n"
        "// Command line: %s\n"
        "//\n"
        "// Architecture: %s, scheduler: %s\n"
        "// Derived parameters (the values of the top module's parameters)\n",
        a->top, VSSAGEN_VERSION, cmdline, vssa_archkind_name(a->kind),
        vssa_sched_name(a->sched));
    for (size_t i = 0; i < n; i++)
        sb_printf(sb, "//   %-12s = %-6ld %s\n", rows[i].name, rows[i].value,
                  rows[i].meaning);
    sb_puts(sb, a->kind == VSSA_ARCH_FIXED8
                    ? "// Precision tags (in_tag_i): ignored; every key runs at 8 bits\n"
                : a->kind == VSSA_ARCH_INT8
                    ? "// Precision tags (in_tag_i): a 0-bit class is pruned; every other key\n"
                      "//   runs at 8 bits\n"
                    : "// Precision tags (in_tag_i)\n");
    for (int t = 0; t < (1 << a->tag_w); t++) {
        int bits = vssa_class_bits(a->bits, a->nclass, t);
        /* only fixed8 and int8 run a class above its bits, always at 8 */
        int run = a->tag_planes[t] * a->digit;
        sb_printf(sb, "//   tag %d: %d bits, %d digit plane%s%s%s%s\n", t, bits,
                  a->tag_planes[t], a->tag_planes[t] == 1 ? "" : "s",
                  run != bits ? " (computed at 8 bits)" : "",
                  a->tag_planes[t] == 0 ? " (pruned: no lane, no cycles, no output)" : "",
                  t >= a->nclass ? " (unused tag, reads as the last class)" : "");
    }
    sb_printf(sb,
        "// Numerics (golden/vssa.h): a p-bit key or value keeps the top p bits of\n"
        "//   its int8 value%s; scores exact in %d bits; base-2 softmax over\n"
        "//   the unpruned keys (8-bit exponentials, one reciprocal per row, 16-bit\n"
        "//   probabilities); P.V on the PE array in %d bits; int8 outputs, rounded\n"
        "//   half up and saturated.\n",
        a->round == VSSA_ROUND_MID ? ", read at the middle of its step (--round mid)"
                                   : " (--round floor)",
        a->score_w, a->pv_w);
    sb_puts(sb, "//\n");
    md_comment(sb, doc_ports);
    sb_puts(sb, "//\n");
    sb_puts(sb, "// Modules\n");
    for (size_t i = 0; i + 1 < NMODULES; i++) {
        const char *m = strstr(modules[i].text, "module vssa");
        size_t len = m ? strcspn(m + 7, " #(\n") : 0;
        sb_printf(sb, "//   %s%.*s: %s\n", a->top, (int)(len > 4 ? len - 4 : 0),
                  m ? m + 11 : "", modules[i].concern);
    }
}

int rtl_emit_verilog(strbuf *sb, const vssa_arch *a, const char *cmdline, char *err)
{
    /* First, so testbenches with a timescale of their own compile in any order. */
    sb_puts(sb, "`timescale 1ns/1ps\n");
    comment_header(sb, a, cmdline);
    sb_puts(sb,
        "\n// One file holds every module, so its name cannot match each of them.\n"
        "// verilator lint_off DECLFILENAME\n");
    for (size_t i = 0; i + 1 < NMODULES; i++) {
        int in_block = 0;
        sb_puts(sb, "\n");
        put_renamed(sb, modules[i].text, strlen(modules[i].text), a->top, &in_block);
    }
    sb_puts(sb, "\n");
    return put_top(sb, a, err);
}

int rtl_emit_params(strbuf *sb, const vssa_arch *a, const char *cmdline, char *err)
{
    vssa_param rows[VSSA_PARAMS_MAX];
    size_t n = vssa_arch_params(a, rows, VSSA_PARAMS_MAX);
    (void)err;
    sb_printf(sb,
        "/* Parameters of the design '%s', generated by vssagen %s.\n"
        " * Command line: %s */\n"
        "#ifndef VSSA_PARAMS_H\n#define VSSA_PARAMS_H\n"
        "#define VSSA_TOP_NAME \"%s\"\n"
        "#define VSSA_SCHED_NAME \"%s\"\n"
        "#define VSSA_ARCH_NAME \"%s\"\n",
        a->top, VSSAGEN_VERSION, cmdline, a->top, vssa_sched_name(a->sched),
        vssa_archkind_name(a->kind));
    for (size_t i = 0; i < n; i++)
        sb_printf(sb, "#define VSSA_%s %ld\n", rows[i].name, rows[i].value);
    sb_puts(sb, "#define VSSA_BITS {");
    for (int i = 0; i < a->nclass; i++)
        sb_printf(sb, "%s%d", i ? ", " : "", a->bits[i]);
    /* The whole table in order, so the harness can tell a stale header from
     * the arch it derives itself. */
    sb_puts(sb, "}\n#define VSSA_PARAM_VALUES {");
    for (size_t i = 0; i < n; i++)
        sb_printf(sb, "%s%ld", i ? ", " : "", rows[i].value);
    sb_puts(sb, "}\n#endif\n");
    return 0;
}
