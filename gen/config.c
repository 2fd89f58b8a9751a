/* SPDX-License-Identifier: MIT */
/* config.c - parsers of the vssagen options. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cfg_parse_long(const char *opt, const char *text, long lo, long hi, long *out, char *err)
{
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (end == text || *end != '\0' || isspace((unsigned char)*text) ||
        errno == ERANGE || v < lo || v > hi) {
        snprintf(err, VSSA_ERR_MAX, "%s must be an integer from %ld to %ld (got '%s')",
                 opt, lo, hi, text);
        return -1;
    }
    *out = v;
    return 0;
}

int cfg_parse_int(const char *opt, const char *text, int lo, int hi, int *out,
                  char *err)
{
    long v;
    if (cfg_parse_long(opt, text, lo, hi, &v, err))
        return -1;
    *out = (int)v;
    return 0;
}

int cfg_parse_bits(const char *text, vssa_arch *a, char *err)
{
    int n = 0;
    const char *p = text;
    for (;;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        char item[16];
        if (len == 0 || len >= sizeof item) {
            snprintf(err, VSSA_ERR_MAX,
                     "--bits must be a comma-separated list of precisions from 0 to 8 (got '%s')",
                     text);
            return -1;
        }
        memcpy(item, p, len);
        item[len] = '\0';
        int v;
        if (cfg_parse_int("each --bits precision", item, 0, 8, &v, err))
            return -1;
        /* Class c is the c-th entry: a set in another order would give the
         * tags other meanings than the user wrote, so it is refused. */
        if (n > 0 && v >= a->bits[n - 1]) {
            if (v == a->bits[n - 1])
                snprintf(err, VSSA_ERR_MAX, "--bits lists precision %d twice", v);
            else
                snprintf(err, VSSA_ERR_MAX, "--bits must be strictly descending, like 8,4,0 "
                         "(got '%s')", text);
            return -1;
        }
        a->bits[n++] = v;   /* at most 9 strictly descending values 8..0, so this fits */
        if (!comma)
            break;
        p = comma + 1;
    }
    if (a->bits[0] == 0) {
        snprintf(err, VSSA_ERR_MAX, "--bits needs at least one non-zero precision");
        return -1;
    }
    a->nclass = n;
    return 0;
}

int cfg_parse_sched(const char *text, vssa_arch *a, char *err)
{
    if (vssa_sched_parse(text, &a->sched) == 0) {
        a->sched_given = 1;
        return 0;
    }
    snprintf(err, VSSA_ERR_MAX, "unknown scheduler '%s' (known: lockstep, group, fuse)", text);
    return -1;
}

int cfg_parse_arch(const char *text, vssa_arch *a, char *err)
{
    if (vssa_archkind_parse(text, &a->kind) == 0)
        return 0;
    snprintf(err, VSSA_ERR_MAX, "unknown architecture '%s' (known: vssa, fixed8, int8)", text);
    return -1;
}

int cfg_parse_round(const char *text, vssa_arch *a, char *err)
{
    if (vssa_round_parse(text, &a->round) == 0)
        return 0;
    snprintf(err, VSSA_ERR_MAX, "unknown rounding '%s' (known: floor, mid)", text);
    return -1;
}

int cfg_parse_precision(const char *text, vssa_arch *a, char *err)
{
    if (vssa_precision_parse(text, &a->precision) == 0)
        return 0;
    snprintf(err, VSSA_ERR_MAX, "unknown precision mode '%s' (known: hw, host)", text);
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

int cfg_parse_top(const char *text, vssa_arch *a, char *err)
{
    size_t len = strlen(text);
    int ok = len > 0 && len <= VSSA_TOP_MAX &&
             (isalpha((unsigned char)text[0]) || text[0] == '_');
    for (size_t i = 0; ok && i < len; i++)
        ok = isalnum((unsigned char)text[i]) || text[i] == '_';
    for (size_t i = 0; ok && i < sizeof keywords / sizeof keywords[0]; i++)
        ok = strcmp(text, keywords[i]) != 0;
    if (!ok) {
        snprintf(err, VSSA_ERR_MAX,
                 "--top must be a Verilog identifier of at most %d characters "
                 "(letters, digits, '_', not starting with a digit, not a keyword; got '%s')",
                 VSSA_TOP_MAX, text);
        return -1;
    }
    memcpy(a->top, text, len + 1);
    return 0;
}
