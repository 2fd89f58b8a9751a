/* SPDX-License-Identifier: MIT */
/* readback.c - a generated design's parameters, read back (see readback.h). */
#include "readback.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_BITS 4096   /* the widest literal read back */

/* A parameter value as written: a plain integer, or a sized literal (or a
 * concatenation of them) as bits, bit 0 the least significant. */
typedef struct {
    int sized;
    long ivalue;
    int nbits;
    unsigned char bit[MAX_BITS];
} rb_value;

static int fail(char *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(char *err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, RB_ERR_MAX, fmt, ap);
    va_end(ap);
    return -1;
}

static int is_ident(int ch) { return isalnum(ch) || ch == '_' || ch == '$'; }

static const char *skip_space(const char *p, const char *end)
{
    while (p < end && isspace((unsigned char)*p))
        p++;
    return p;
}

/* One sized literal N'bDIGITS, N'hDIGITS or N'dDIGITS at *pp; appends its
 * bits below those already in v (a concatenation lists the top part first,
 * so the caller shifts). The digits of 'b and 'h must give exactly N bits:
 * a literal cut short would otherwise be zero-extended without a word. */
static int parse_sized(const char **pp, const char *end, rb_value *v, const char *name,
                       char *err)
{
    const char *p = *pp;
    long n = 0;
    if (p >= end || !isdigit((unsigned char)*p))
        return fail(err, "%s: not a number or a sized literal", name);
    while (p < end && isdigit((unsigned char)*p)) {
        if (n > (1L << 40))
            return fail(err, "%s: number too large", name);
        n = n * 10 + (*p++ - '0');
    }
    if (p >= end || *p != '\'') {
        /* a plain integer */
        if (v->nbits)
            return fail(err, "%s: an unsized number in a concatenation", name);
        v->sized = 0;
        v->ivalue = n;
        *pp = p;
        return 0;
    }
    p++;
    char base = p < end ? (char)tolower((unsigned char)*p++) : 0;
    unsigned char bits[MAX_BITS];
    int nd = 0;   /* bits the digits give */
    if (n < 1 || n > MAX_BITS || v->nbits + n > MAX_BITS)
        return fail(err, "%s: literal of %ld bits", name, n);
    if (base == 'b' || base == 'h') {
        int per = base == 'b' ? 1 : 4;
        unsigned char tmp[MAX_BITS + 4];
        int ndig = 0;
        while (p < end && (isxdigit((unsigned char)*p) || *p == '_')) {
            if (*p != '_') {
                int d = isdigit((unsigned char)*p) ? *p - '0' : tolower((unsigned char)*p) - 'a' + 10;
                if (d >= (1 << per))
                    return fail(err, "%s: digit '%c' in a '%c literal", name, *p, base);
                if (ndig >= (MAX_BITS + 3) / per)
                    return fail(err, "%s: too many digits", name);
                tmp[ndig++] = (unsigned char)d;
            }
            p++;
        }
        /* exactly N bits: N digits of 'b, ceil(N/4) of 'h */
        if (ndig != (n + per - 1) / per)
            return fail(err, "%s: %ld'%c literal with %d digits (%ld expected)", name, n, base,
                         ndig, (n + per - 1) / per);
        for (int i = 0; i < ndig; i++)   /* tmp[0] is the most significant digit */
            for (int b = 0; b < per; b++) {
                int pos = (ndig - 1 - i) * per + b;
                if (pos < n)
                    bits[pos] = (tmp[i] >> b) & 1;
                else if ((tmp[i] >> b) & 1)
                    return fail(err, "%s: %ld'h literal has a bit above bit %ld", name, n, n - 1);
            }
        nd = (int)n;
    } else if (base == 'd') {
        unsigned long long x = 0;
        const char *s = p;
        while (p < end && (isdigit((unsigned char)*p) || *p == '_')) {
            if (*p != '_') {
                if (x > (~0ULL - 9) / 10)
                    return fail(err, "%s: decimal literal too large", name);
                x = x * 10 + (unsigned)(*p - '0');
            }
            p++;
        }
        if (p == s)
            return fail(err, "%s: 'd literal without digits", name);
        if (n < 64 && (x >> n) != 0)
            return fail(err, "%s: %llu does not fit %ld bits", name, x, n);
        for (int b = 0; b < n; b++)
            bits[b] = b < 64 ? (x >> b) & 1 : 0;
        nd = (int)n;
    } else {
        return fail(err, "%s: unknown literal base", name);
    }
    /* the bits read so far are the upper part */
    memmove(v->bit + nd, v->bit, (size_t)v->nbits);
    memcpy(v->bit, bits, (size_t)nd);
    v->nbits += nd;
    v->sized = 1;
    *pp = p;
    return 0;
}

/* VALUE in p[0..end): an integer, a sized literal or {a, b, ...}. */
static int parse_value(const char *p, const char *end, rb_value *v, const char *name, char *err)
{
    memset(v, 0, sizeof *v);
    p = skip_space(p, end);
    int neg = p < end && *p == '-';
    if (neg)
        p = skip_space(p + 1, end);
    if (p < end && *p == '{') {
        p++;
        for (;;) {
            p = skip_space(p, end);
            if (parse_sized(&p, end, v, name, err))
                return -1;
            if (!v->sized)
                return fail(err, "%s: an unsized number in a concatenation", name);
            p = skip_space(p, end);
            if (p < end && *p == ',') {
                p++;
                continue;
            }
            if (p < end && *p == '}') {
                p++;
                break;
            }
            return fail(err, "%s: malformed concatenation", name);
        }
    } else if (parse_sized(&p, end, v, name, err)) {
        return -1;
    }
    if (neg) {
        if (v->sized)
            return fail(err, "%s: negative sized literal", name);
        v->ivalue = -v->ivalue;
    }
    if (skip_space(p, end) != end)
        return fail(err, "%s: text after the value", name);
    return 0;
}

/* A copy of text with every comment blanked (newlines kept). */
static char *strip_comments(const char *text, size_t len)
{
    char *s = malloc(len + 1);
    if (!s)
        return NULL;
    memcpy(s, text, len);
    s[len] = '\0';
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '/' && i + 1 < len && s[i + 1] == '/') {
            while (i < len && s[i] != '\n')
                s[i++] = ' ';
        } else if (s[i] == '/' && i + 1 < len && s[i + 1] == '*') {
            while (i < len && !(s[i] == '*' && i + 1 < len && s[i + 1] == '/')) {
                if (s[i] != '\n')
                    s[i] = ' ';
                i++;
            }
            if (i < len) {
                s[i] = s[i + 1] = ' ';
                i++;
            }
        }
    }
    return s;
}

/* One parameter of a module's #( ... ) list. */
typedef struct {
    char name[64];
    rb_value value;
} rb_param;

typedef int (*param_fn)(const char *module, const rb_param *p, void *ctx, char *err);

/* Calls fn for each parameter of each module in the comment-free text s
 * (of every module when only is NULL, else of module only, which must
 * exist). Returns the number of modules visited, or -1. */
static int each_module(const char *s, const char *only, param_fn fn, void *ctx, char *err)
{
    static rb_param prm;   /* large (a 4096-bit value): not on the stack */
    int nmod = 0;
    const char *p = s;
    while ((p = strstr(p, "module")) != NULL) {
        if ((p > s && is_ident((unsigned char)p[-1])) || is_ident((unsigned char)p[6])) {
            p += 6;
            continue;
        }
        const char *q = skip_space(p + 6, p + strlen(p));
        const char *ns = q;
        while (is_ident((unsigned char)*q))
            q++;
        char mod[128];
        snprintf(mod, sizeof mod, "%.*s", (int)(q - ns), ns);
        p = q;
        if (only && strcmp(mod, only) != 0)
            continue;
        nmod++;
        q = skip_space(q, q + strlen(q));
        if (*q != '#')
            continue;   /* no parameters */
        q = skip_space(q + 1, q + strlen(q));
        if (*q != '(')
            return fail(err, "module %s: '#' without '('", mod);
        q++;
        /* items separated by commas at depth 0, up to the closing ')' */
        int done = 0;
        while (!done) {
            const char *is = q, *eq = NULL;
            int depth = 0;
            for (; *q; q++) {
                if (*q == '(' || *q == '[' || *q == '{')
                    depth++;
                else if ((*q == ')' || *q == ']' || *q == '}') && depth > 0)
                    depth--;
                else if (*q == ')' && depth == 0) {
                    done = 1;
                    break;
                } else if (*q == ',' && depth == 0)
                    break;
                else if (*q == '=' && depth == 0 && !eq)
                    eq = q;
            }
            if (!*q)
                return fail(err, "module %s: parameter list not closed", mod);
            const char *ie = q++;
            if (skip_space(is, ie) == ie && done)
                break;   /* #() */
            if (!eq)
                return fail(err, "module %s: parameter without a value: '%.40s'", mod, is);
            const char *e = eq;
            while (e > is && isspace((unsigned char)e[-1]))
                e--;
            const char *b = e;
            while (b > is && is_ident((unsigned char)b[-1]))
                b--;
            if (b == e || (size_t)(e - b) >= sizeof prm.name)
                return fail(err, "module %s: parameter without a name", mod);
            snprintf(prm.name, sizeof prm.name, "%.*s", (int)(e - b), b);
            if (!strstr(is, "parameter") || strstr(is, "parameter") > b)
                return fail(err, "module %s: '%s' is not declared with 'parameter'", mod, prm.name);
            if (parse_value(eq + 1, ie, &prm.value, prm.name, err))
                return -1;
            if (fn(mod, &prm, ctx, err))
                return -1;
        }
    }
    if (only && nmod == 0)
        return fail(err, "no module %s", only);
    return nmod;
}

/* ---- the derived values ---- */

enum { LIT_NONE, LIT_EXP_LUT, LIT_TAG_PLANES, LIT_TAG_CLASS };

static int literal_kind(const char *name)
{
    return !strcmp(name, "EXP_LUT") ? LIT_EXP_LUT
           : !strcmp(name, "TAG_PLANES") ? LIT_TAG_PLANES
           : !strcmp(name, "TAG_CLASS") ? LIT_TAG_CLASS : LIT_NONE;
}

/* The value read for derived literal kind against a. */
static int check_literal(int kind, const char *where, const rb_value *v, const vssa_arch *a,
                         char *err)
{
    int count, width;
    const int *want = NULL;
    if (kind == LIT_EXP_LUT) {
        count = VSSA_EXP_LUT_N;
        width = 8;
    } else {
        count = 1 << a->tag_w;
        width = kind == LIT_TAG_PLANES ? a->plane_w : a->tag_w;
        want = kind == LIT_TAG_PLANES ? a->tag_planes : a->tag_class;
    }
    if (!v->sized || v->nbits != count * width)
        return fail(err, "%s: %d bits, expected %d (%d entries of %d bits)", where,
                    v->sized ? v->nbits : -1, count * width, count, width);
    for (int t = 0; t < count; t++) {
        int x = 0;
        for (int b = 0; b < width; b++)
            x |= v->bit[t * width + b] << b;
        int w = want ? want[t] : vssa_exp_lut[t];
        if (x != w)
            return fail(err, "%s entry %d: %d, expected %d", where, t, x, w);
    }
    return 0;
}

static int check_int(const char *where, const rb_value *v, long want, char *err)
{
    if (v->sized) {
        /* a sized default, e.g. 1'b1: its value, if it fits a long */
        long x = 0;
        for (int b = v->nbits - 1; b >= 0; b--) {
            if (b >= 62 && v->bit[b])
                return fail(err, "%s: value too wide, expected %ld", where, want);
            if (b < 62)
                x |= (long)v->bit[b] << b;
        }
        if (x != want)
            return fail(err, "%s: %ld, expected %ld", where, x, want);
        return 0;
    }
    if (v->ivalue != want)
        return fail(err, "%s: %ld, expected %ld", where, v->ivalue, want);
    return 0;
}

/* ---- the top module ---- */

typedef struct {
    const vssa_arch *a;
    vssa_param rows[VSSA_PARAMS_MAX];
    size_t nrows;
    int seen[VSSA_PARAMS_MAX + 3];
} top_ctx;

static int top_param(const char *module, const rb_param *p, void *vctx, char *err)
{
    top_ctx *c = vctx;
    char where[160];
    snprintf(where, sizeof where, "top module %s parameter %s", module, p->name);
    for (size_t i = 0; i < c->nrows; i++) {
        if (strcmp(c->rows[i].name, p->name) == 0) {
            if (c->seen[i]++)
                return fail(err, "%s: declared twice", where);
            return check_int(where, &p->value, c->rows[i].value, err);
        }
    }
    int kind = literal_kind(p->name);
    if (kind == LIT_NONE)
        return fail(err, "%s: not a derived parameter", where);
    if (c->seen[c->nrows + (size_t)kind - 1]++)
        return fail(err, "%s: declared twice", where);
    return check_literal(kind, where, &p->value, c->a, err);
}

/* The header comment's "//   NAME = VALUE meaning" rows. */
static int check_header_rows(const char *text, const top_ctx *c, char *err)
{
    /* the line, not the text in a quoted command line above it */
    const char *p = strstr(text, "\n// Derived parameters (");
    if (!p)
        return fail(err, "header comment: no 'Derived parameters' block");
    p = strchr(p + 1, '\n');
    size_t i = 0;
    while (p && strncmp(p + 1, "//   ", 5) == 0 && isupper((unsigned char)p[6])) {
        char name[64];
        long v;
        int n = 0;
        if (sscanf(p + 6, "%63[A-Z0-9_] = %ld%n", name, &v, &n) != 2)
            return fail(err, "header comment: malformed row '%.40s'", p + 1);
        if (i >= c->nrows || strcmp(name, c->rows[i].name) != 0)
            return fail(err, "header comment: row %zu is %s, expected %s", i, name,
                        i < c->nrows ? c->rows[i].name : "(no more rows)");
        if (v != c->rows[i].value)
            return fail(err, "header comment: %s = %ld, expected %ld", name, v, c->rows[i].value);
        i++;
        p = strchr(p + 1, '\n');
    }
    if (i != c->nrows)
        return fail(err, "header comment: %zu rows of derived parameters, expected %zu", i,
                    c->nrows);
    return 0;
}

int rb_check_top(const char *text, size_t len, const vssa_arch *a, char *err)
{
    if (memchr(text, '\0', len))
        return fail(err, "the design contains a NUL byte");
    static top_ctx c;
    memset(&c, 0, sizeof c);
    c.a = a;
    c.nrows = vssa_arch_params(a, c.rows, VSSA_PARAMS_MAX);
    char *s = strip_comments(text, len);
    if (!s)
        return fail(err, "out of memory");
    int rc = each_module(s, a->top, top_param, &c, err);
    free(s);
    if (rc < 0)
        return -1;
    if (rc != 1)
        return fail(err, "%d modules named %s", rc, a->top);
    /* Derived values the top does not take as parameters: the C header,
     * the harness and the cycle model use them. */
    static const char *const not_top[] = {"ACC_W_MIN", "COMP_CYCLES", "NCLASS", "FIN_CYCLES",
                                          "FIXED8", "INT8"};
    for (size_t i = 0; i < c.nrows + 3; i++) {
        int optional = 0;
        for (size_t k = 0; i < c.nrows && k < sizeof not_top / sizeof not_top[0]; k++)
            optional |= strcmp(c.rows[i].name, not_top[k]) == 0;
        if (!c.seen[i] && !optional)
            return fail(err, "top module %s: no parameter %s", a->top,
                        i < c.nrows ? c.rows[i].name
                        : (const char *[]){"EXP_LUT", "TAG_PLANES", "TAG_CLASS"}[i - c.nrows]);
    }
    char *t = malloc(len + 1);
    if (!t)
        return fail(err, "out of memory");
    memcpy(t, text, len);
    t[len] = '\0';
    rc = check_header_rows(t, &c, err);
    free(t);
    return rc;
}

/* ---- template defaults ---- */

/* Module-local parameters: each stands for a derived value (field >= 0 in
 * local_value()) or is not a derived value, for the reason given. */
enum { L_NOT = -1, L_MAX_SEQ, L_IDX_W, L_KEY_W, L_S_W, L_ESUM_W, L_PV_W, L_KCNT_W, L_TAG_W, L_OUT_DW,
       L_FUSE, L_EXP_LUT };
static const struct {
    const char *module, *name;
    int value;
    const char *why;
} locals[] = {
    {"ram", "WIDTH", L_NOT, "data width, one per instance: a byte of a bank, a score, a "
                            "class, a counter, a tile entry"},
    {"ram", "DEPTH", L_MAX_SEQ, "the RAMs indexed by a token: scores, exponentials, classes"},
    {"ram", "ADDR_W", L_IDX_W, "the address of those: IDX_W"},
    {"ram", "LUTRAM", L_NOT, "one per instance: 1 for the small score RAMs"},
    {"ram", "RATIO", L_NOT, "words a write, one per instance: STAGE_B for a key bank, else 1"},
    {"delay", "WIDTH", L_NOT, "side-band width, one per instance: a valid flag, a tag, a slot"},
    {"delay", "DEPTH", L_NOT, "stages, one per instance: the pipeline it runs beside"},
    {"delay", "RESET", L_NOT, "one per instance: 1 for control bits, 0 for data"},
    {"capline", "GRP_W", L_NOT, "tag width, one per instance: each sequencer's capture fields"},
    {"sel", "WIDTH", L_NOT, "word width, one per instance: a score, a sum, a gain"},
    {"sel", "N", L_NOT, "words, one per instance: SM_SHARE members of a group"},
    {"sel", "SEL_W", L_NOT, "select width, one per instance: the member index's"},
    {"drain", "KEY_W", L_KEY_W, "a row's key {index, slot}: 2*IDX_W, the top's KEY_W"},
    {"skid", "W", L_NOT, "payload width of the stream it registers: IN_W or OUT_W"},
    {"skid", "HOLD_IN", L_NOT, "whether the producer holds an offer: one per instance"},
    {"lane", "LANE", L_NOT, "the lane's own index, 0..ROWS-1, one per instance"},
    {"exp", "X_W", L_S_W, "x = M - S of S_W-bit scores"},
    {"exp", "LUT", L_EXP_LUT, "the exponent table"},
    {"recip", "SUM_W", L_ESUM_W, "the row sum E"},
    {"requant", "A_W", L_PV_W, "the P.V sum A"},
    {"tagger", "W", L_NOT, "payload of the beat it delays: passed through, any width"},
    {"tagger", "CNT_W", L_KCNT_W, "the key count"},
    {"rank", "CNT_W", L_KCNT_W, "the key count"},
    {"rank", "CLS_W", L_TAG_W, "a class"},
    {"perf", "CNT_W", L_NOT, "counter width: 32 in every design"},
    {"widen", "IN_W", L_NOT, "one per instance: a score, probability, output or token row"},
    {"widen", "OUT_W", L_OUT_DW, "the output data field"},
    {"dispatch_group", "FUSE", L_FUSE, "1 under --sched fuse"},
    {"mul", "A_W", L_NOT, "one per instance: x of x*ES, A of A*G"},
    {"mul", "B_W", L_NOT, "one per instance: ES or G"},
    {"mul", "A_SIGNED", L_NOT, "one per instance: 1 for A*G"},
    {"mul", "B_SIGNED", L_NOT, "one per instance: 0 in every one"},
    {"mul", "LATENCY", L_NOT, "one per instance: EXP_MUL_LAT or RQ_MUL_LAT"},
};

static long local_value(int which, const vssa_arch *a)
{
    switch (which) {
    case L_MAX_SEQ: return a->max_seq;
    case L_IDX_W: return a->idx_w;
    case L_KEY_W: return 2L * a->idx_w;
    case L_S_W: return a->score_w;
    case L_ESUM_W: return a->esum_w;
    case L_PV_W: return a->pv_w;
    case L_KCNT_W: return a->kcnt_w;
    case L_TAG_W: return a->tag_w;
    case L_OUT_DW: return a->out_dw;
    case L_FUSE: return a->sched == VSSA_SCHED_FUSE;
    default: return 0;
    }
}

typedef struct {
    const vssa_arch *a;
    const char *file;
    vssa_param rows[VSSA_PARAMS_MAX];
    size_t nrows;
    int checked, bad;
} def_ctx;

static int default_param_1(const char *module, const rb_param *p, def_ctx *c, char *err);

/* Every default is compared, each difference reported on stderr. */
static int default_param(const char *module, const rb_param *p, void *vctx, char *err)
{
    def_ctx *c = vctx;
    if (default_param_1(module, p, c, err)) {
        fprintf(stderr, "vssa-readback: %s\n", err);
        c->bad++;
    }
    return 0;
}

static int default_param_1(const char *module, const rb_param *p, def_ctx *c, char *err)
{
    const char *m = !strcmp(module, "vssa") ? "top"
                    : !strncmp(module, "vssa_", 5) ? module + 5 : module;
    char where[256];
    snprintf(where, sizeof where, "%s: module %s default %s", c->file, module, p->name);
    for (size_t i = 0; i < sizeof locals / sizeof locals[0]; i++) {
        if (strcmp(locals[i].module, m) || strcmp(locals[i].name, p->name))
            continue;
        if (locals[i].value == L_NOT)
            return 0;
        c->checked++;
        if (locals[i].value == L_EXP_LUT)
            return check_literal(LIT_EXP_LUT, where, &p->value, c->a, err);
        return check_int(where, &p->value, local_value(locals[i].value, c->a), err);
    }
    for (size_t i = 0; i < c->nrows; i++) {
        if (strcmp(c->rows[i].name, p->name) == 0) {
            c->checked++;
            return check_int(where, &p->value, c->rows[i].value, err);
        }
    }
    int kind = literal_kind(p->name);
    if (kind != LIT_NONE) {
        c->checked++;
        return check_literal(kind, where, &p->value, c->a, err);
    }
    return fail(err, "%s: neither a derived parameter nor listed in tests/readback.c's "
                     "locals[] (add it there with its derived value or the reason it has none)",
                where);
}

int rb_check_defaults(const char *text, size_t len, const char *file, const vssa_arch *a,
                      int *nchecked, char *err)
{
    if (memchr(text, '\0', len))
        return fail(err, "%s contains a NUL byte", file);
    static def_ctx c;
    memset(&c, 0, sizeof c);
    c.a = a;
    c.file = file;
    c.nrows = vssa_arch_params(a, c.rows, VSSA_PARAMS_MAX);
    char *s = strip_comments(text, len);
    if (!s)
        return fail(err, "out of memory");
    int rc = each_module(s, NULL, default_param, &c, err);
    free(s);
    if (rc == 0)
        return fail(err, "%s: no module", file);
    *nchecked += c.checked;
    if (rc > 0 && c.bad)
        return fail(err, "%s: %d defaults differ from the derived values", file, c.bad);
    return rc < 0 ? -1 : 0;
}
