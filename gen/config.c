/* config.c - option parsing, validation and derived parameters. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const sched_names[] = {"lockstep", "group", "fuse"};
static const char *const arch_names[] = {"vssa", "fixed8"};

const char *cfg_sched_name(sched_kind s) { return sched_names[s]; }
const char *cfg_arch_name(arch_kind a) { return arch_names[a]; }

/* Bits needed to hold values 0 .. n-1, at least 1. */
static int clog2_min1(long n)
{
    int w = 0;
    while ((1L << w) < n)
        w++;
    return w ? w : 1;
}

void cfg_defaults(vssa_config *c)
{
    memset(c, 0, sizeof *c);
    c->rows = 8;
    c->cols = 8;
    c->nclass = 3;
    c->bits[0] = 8;
    c->bits[1] = 4;
    c->bits[2] = 0;
    c->digit = 4;
    c->head_dim = 64;
    c->max_seq = 512;
    c->sched = SCHED_FUSE;
    strcpy(c->top, "vssa");
}

int cfg_parse_int(const char *opt, const char *text, int lo, int hi, int *out,
                  char *err)
{
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (end == text || *end != '\0' || isspace((unsigned char)*text) ||
        errno == ERANGE || v < lo || v > hi) {
        snprintf(err, CFG_ERR_MAX, "%s must be an integer from %d to %d (got '%s')",
                 opt, lo, hi, text);
        return -1;
    }
    *out = (int)v;
    return 0;
}

static int cmp_desc(const void *a, const void *b)
{
    return *(const int *)b - *(const int *)a;
}

int cfg_parse_bits(const char *text, vssa_config *c, char *err)
{
    int n = 0;
    const char *p = text;
    for (;;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        char item[16];
        if (len == 0 || len >= sizeof item) {
            snprintf(err, CFG_ERR_MAX,
                     "--bits must be a comma-separated list of precisions from 0 to 8 (got '%s')",
                     text);
            return -1;
        }
        memcpy(item, p, len);
        item[len] = '\0';
        int v;
        if (cfg_parse_int("each --bits precision", item, 0, 8, &v, err))
            return -1;
        for (int i = 0; i < n; i++) {
            if (c->bits[i] == v) {
                snprintf(err, CFG_ERR_MAX, "--bits lists precision %d twice", v);
                return -1;
            }
        }
        c->bits[n++] = v;   /* at most 9 distinct values 0..8, so this fits */
        if (!comma)
            break;
        p = comma + 1;
    }
    qsort(c->bits, (size_t)n, sizeof c->bits[0], cmp_desc);
    if (c->bits[0] == 0) {
        snprintf(err, CFG_ERR_MAX, "--bits needs at least one non-zero precision");
        return -1;
    }
    c->nclass = n;
    return 0;
}

int cfg_parse_sched(const char *text, vssa_config *c, char *err)
{
    for (size_t i = 0; i < sizeof sched_names / sizeof sched_names[0]; i++) {
        if (strcmp(text, sched_names[i]) == 0) {
            c->sched = (sched_kind)i;
            c->sched_given = 1;
            return 0;
        }
    }
    snprintf(err, CFG_ERR_MAX, "unknown scheduler '%s' (known: lockstep, group, fuse)", text);
    return -1;
}

int cfg_parse_arch(const char *text, vssa_config *c, char *err)
{
    for (size_t i = 0; i < sizeof arch_names / sizeof arch_names[0]; i++) {
        if (strcmp(text, arch_names[i]) == 0) {
            c->arch = (arch_kind)i;
            return 0;
        }
    }
    snprintf(err, CFG_ERR_MAX, "unknown architecture '%s' (known: vssa, fixed8)", text);
    return -1;
}

/* Reserved words of Verilog-2005 and SystemVerilog (IEEE 1800), which a
 * module name may not be in any of the tools the design must pass. */
static const char *const keywords[] = {
    "accept_on", "alias", "always", "always_comb", "always_ff", "always_latch",
    "and", "assert", "assign", "assume", "automatic", "before", "begin", "bind",
    "bins", "binsof", "bit", "break", "buf", "bufif0", "bufif1", "byte", "case",
    "casex", "casez", "cell", "chandle", "checker", "class", "clocking", "cmos",
    "config", "const", "constraint", "context", "continue", "cover",
    "covergroup", "coverpoint", "cross", "deassign", "default", "defparam",
    "design", "disable", "dist", "do", "edge", "else", "end", "endcase",
    "endchecker", "endclass", "endclocking", "endconfig", "endfunction",
    "endgenerate", "endgroup", "endinterface", "endmodule", "endpackage",
    "endprimitive", "endprogram", "endproperty", "endspecify", "endsequence",
    "endtable", "endtask", "enum", "event", "eventually", "expect", "export",
    "extends", "extern", "final", "first_match", "for", "force", "foreach",
    "forever", "fork", "forkjoin", "function", "generate", "genvar", "global",
    "highz0", "highz1", "if", "iff", "ifnone", "ignore_bins", "illegal_bins",
    "implements", "implies", "import", "incdir", "include", "initial", "inout",
    "input", "inside", "instance", "int", "integer", "interconnect",
    "interface", "intersect", "join", "join_any", "join_none", "large", "let",
    "liblist", "library", "local", "localparam", "logic", "longint",
    "macromodule", "matches", "medium", "modport", "module", "nand", "negedge",
    "nettype", "new", "nexttime", "nmos", "nor", "noshowcancelled", "not",
    "notif0", "notif1", "null", "or", "output", "package", "packed",
    "parameter", "pmos", "posedge", "primitive", "priority", "program",
    "property", "protected", "pull0", "pull1", "pulldown", "pullup",
    "pulsestyle_ondetect", "pulsestyle_onevent", "pure", "rand", "randc",
    "randcase", "randsequence", "rcmos", "real", "realtime", "ref", "reg",
    "reject_on", "release", "repeat", "restrict", "return", "rnmos", "rpmos",
    "rtran", "rtranif0", "rtranif1", "s_always", "s_eventually", "s_nexttime",
    "s_until", "s_until_with", "scalared", "sequence", "shortint", "shortreal",
    "showcancelled", "signed", "small", "soft", "solve", "specify",
    "specparam", "static", "string", "strong", "strong0", "strong1", "struct",
    "super", "supply0", "supply1", "sync_accept_on", "sync_reject_on", "table",
    "tagged", "task", "this", "throughout", "time", "timeprecision",
    "timeunit", "tran", "tranif0", "tranif1", "tri", "tri0", "tri1", "triand",
    "trior", "trireg", "type", "typedef", "union", "unique", "unique0",
    "unsigned", "until", "until_with", "untyped", "use", "uwire", "var",
    "vectored", "virtual", "void", "wait", "wait_order", "wand", "weak",
    "weak0", "weak1", "while", "wildcard", "wire", "with", "within", "wor",
    "xnor", "xor",
};

int cfg_parse_top(const char *text, vssa_config *c, char *err)
{
    size_t len = strlen(text);
    int ok = len > 0 && len <= CFG_TOP_MAX &&
             (isalpha((unsigned char)text[0]) || text[0] == '_');
    for (size_t i = 0; ok && i < len; i++)
        ok = isalnum((unsigned char)text[i]) || text[i] == '_';
    for (size_t i = 0; ok && i < sizeof keywords / sizeof keywords[0]; i++)
        ok = strcmp(text, keywords[i]) != 0;
    if (!ok) {
        snprintf(err, CFG_ERR_MAX,
                 "--top must be a Verilog identifier of at most %d characters "
                 "(letters, digits, '_', not starting with a digit, not a keyword; got '%s')",
                 CFG_TOP_MAX, text);
        return -1;
    }
    memcpy(c->top, text, len + 1);
    return 0;
}

int cfg_derive(vssa_config *c, char *err)
{
    if (8 % c->digit != 0) {
        snprintf(err, CFG_ERR_MAX, "--digit must divide 8 (1, 2, 4 or 8; got %d)",
                 c->digit);
        return -1;
    }
    for (int i = 0; i < c->nclass; i++) {
        if (c->bits[i] % c->digit != 0) {
            snprintf(err, CFG_ERR_MAX,
                     "precision %d is not a multiple of the digit width %d",
                     c->bits[i], c->digit);
            return -1;
        }
    }
    if (c->arch == ARCH_FIXED8) {
        /* fixed8 runs tokens in arrival order: lockstep is its only policy */
        if (c->sched_given && c->sched != SCHED_LOCKSTEP) {
            snprintf(err, CFG_ERR_MAX,
                     "--arch fixed8 ignores precision and has no scheduler choice (drop --sched %s)",
                     cfg_sched_name(c->sched));
            return -1;
        }
        c->sched = SCHED_LOCKSTEP;
    }
    c->acc_w_min = vssa_score_width(c->head_dim);
    if (c->acc_width && c->acc_width < c->acc_w_min) {
        snprintf(err, CFG_ERR_MAX,
                 "--acc-width %d could overflow: head dimension %d needs at least %d bits",
                 c->acc_width, c->head_dim, c->acc_w_min);
        return -1;
    }
    c->acc_w = c->acc_width ? c->acc_width : c->acc_w_min;
    c->max_planes = 8 / c->digit;
    c->plane_w = clog2_min1(c->max_planes + 1);
    c->tag_w = clog2_min1(c->nclass);
    c->nz = 0;
    for (int i = 0; i < c->nclass; i++)
        c->nz += c->bits[i] != 0;
    for (int t = 0; t < (1 << c->tag_w); t++) {
        c->tag_class[t] = t < c->nclass ? t : c->nclass - 1;
        /* fixed8 reads every token at full precision, pruned ones included */
        c->tag_planes[t] = c->arch == ARCH_FIXED8
                               ? c->max_planes
                               : vssa_class_bits(c->bits, c->nclass, t) / c->digit;
    }
    c->idx_w = clog2_min1(c->max_seq);
    c->t_w = clog2_min1(c->head_dim);
    /* Grouped policies leave at most one partial tile per class. */
    c->slots = (c->max_seq + c->rows - 1) / c->rows +
               (c->sched == SCHED_LOCKSTEP ? 0 : c->nz - 1);
    c->fin_cycles = c->sched == SCHED_LOCKSTEP ? 0 : c->nz;
    c->slot_w = clog2_min1(c->slots);
    c->tile_w = c->slot_w + 1;
    c->lane_w = clog2_min1(c->rows);
    c->fill_w = c->lane_w + 1;
    c->col_w = clog2_min1(c->cols);
    c->qcnt_w = c->col_w + 1;
    return 0;
}
