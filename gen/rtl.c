/* rtl.c - the generated Verilog file and parameter header. */
#include "rtl.h"

#include <stdio.h>
#include <string.h>

/* The derived parameters, shared by the Verilog header comment, the template
 * placeholders and the C parameter header so the three cannot disagree. */
typedef struct {
    const char *name;
    int value;
    const char *meaning;
} param_row;

static size_t param_rows(const vssa_config *c, param_row *p)
{
    size_t n = 0;
#define ROW(nm, v, m) p[n++] = (param_row){nm, (v), m}
    ROW("ROWS", c->rows, "lanes: key tokens computed at once");
    ROW("COLS", c->cols, "PE columns: queries per pass");
    ROW("D", c->head_dim, "head dimension: reduction steps per digit plane");
    ROW("DIGIT", c->digit, "digit width b of the PE multiplier");
    ROW("MAX_PLANES", c->max_planes, "digit planes of an 8-bit token (8/b)");
    ROW("MAX_SEQ", c->max_seq, "key tokens a pass accepts");
    ROW("ACC_W", c->acc_w, "score and accumulator width");
    ROW("ACC_W_MIN", c->acc_w_min, "smallest overflow-free width for D");
    ROW("NCLASS", c->nclass, "precision classes");
    ROW("NZ", c->nz, "classes with a non-zero precision");
    ROW("FIN_CYCLES", c->fin_cycles, "cycles to finish the tile table after the load");
    ROW("SCHED_ID", (int)c->sched, "dispatch policy: 0 lockstep, 1 group, 2 fuse");
    ROW("FIXED8", c->arch == ARCH_FIXED8, "1: precision ignored, every token at 8 bits");
    ROW("TAG_W", c->tag_w, "precision tag width");
    ROW("IDX_W", c->idx_w, "token index width");
    ROW("SLOTS", c->slots, "tile slots per lane bank (ceil(MAX_SEQ/ROWS), +NZ-1 if grouped)");
    ROW("SLOT_W", c->slot_w, "slot address width");
    ROW("TILE_W", c->tile_w, "tile count width");
    ROW("T_W", c->t_w, "reduction step counter width");
    ROW("PLANE_W", c->plane_w, "plane counter width");
    ROW("LANE_W", c->lane_w, "lane index width");
    ROW("FILL_W", c->fill_w, "tile fill count width");
    ROW("COL_W", c->col_w, "column index width");
    ROW("QCNT_W", c->qcnt_w, "query count width");
#undef ROW
    return n;
}

/* A Verilog literal packing count values of width bits, entry 0 lowest. */
static void packed_literal(const int *v, int count, int width, char *out, size_t size)
{
    int pos = snprintf(out, size, "%d'b", count * width);
    for (int t = count - 1; t >= 0; t--) {
        for (int b = width - 1; b >= 0; b--)
            pos += snprintf(out + pos, size - (size_t)pos, "%d", (v[t] >> b) & 1);
        if (t)
            pos += snprintf(out + pos, size - (size_t)pos, "_");
    }
}

static void comment_protocol(strbuf *sb)
{
    sb_puts(sb,
        "//\n"
        "// Protocol\n"
        "//   A pass loads up to COLS query tokens and then up to MAX_SEQ key\n"
        "//   tokens on the input stream, one token (D int8 elements, element t in\n"
        "//   in_data_i[8t+7:8t]) per beat. A beat moves when in_valid_i and\n"
        "//   in_ready_o are both high. in_query_i marks a query, in_tag_i a key's\n"
        "//   precision tag, in_idx_i its index. The beat with in_last_i ends the\n"
        "//   load: in_ready_o drops and busy_o rises while the pass computes.\n"
        "//   Column c holds the c-th query of the pass; out_qbase_o is the index\n"
        "//   of the first. Every unpruned key produces exactly one output beat\n"
        "//   carrying its index (out_key_o) and its COLS scores (column c in\n"
        "//   out_score_o[c*ACC_W +: ACC_W], zero for columns without a query), in\n"
        "//   tile order, not index order. out_last_o marks the pass's last row.\n"
        "//   Output beats move when out_valid_o and out_ready_i are both high; the\n"
        "//   payload holds still while out_ready_i is low. busy_o falls when every\n"
        "//   row has left; the perf_* counters then hold the pass's figures.\n"
        "//   err_o[0]: more than COLS queries (extra ones dropped); err_o[1]: more\n"
        "//   keys than the banks hold (extra ones dropped). Both clear at the next\n"
        "//   pass's first beat.\n"
        "//\n"
        "//   cycle        1   2   3   4   5   6   7   8   9  ..  n  n+1 n+2 n+3\n"
        "//   in_valid_i   1   1   0   1   1   1   1   0   0       0   0   0   0\n"
        "//   in_ready_o   1   1   1   1   1   1   1   0   0       0   0   0   1\n"
        "//   in_query_i   1   1   -   0   0   0   0   -   -       -   -   -   -\n"
        "//   in_last_i    0   0   -   0   0   0   1   -   -       -   -   -   -\n"
        "//   beat         Q0  Q1      K0  K1  K2  K3\n"
        "//   busy_o       0   0   0   0   0   0   0   1   1       1   1   1   0\n"
        "//   out_valid_o  0   0   0   0   0   0   0   0   0       1   1   1   0\n"
        "//   out_ready_i  -   -   -   -   -   -   -   -   -       1   0   1   -\n"
        "//   out_key_o    -   -   -   -   -   -   -   -   -       K2  K0  K0  -\n"
        "//   out_last_o   -   -   -   -   -   -   -   -   -       0   1   1   -\n"
        "//   (K1 and K3 pruned here; K0 is held while out_ready_i is low.)\n");
}

static void comment_header(strbuf *sb, const vssa_config *c, const char *cmdline)
{
    param_row rows[32];
    size_t n = param_rows(c, rows);
    sb_printf(sb,
        "// %s: variable-speed systolic array, attention score engine S = Q K^T\n"
        "// Generated by vssagen %s; regenerate rather than edit.\n"
        "// Command line: %s\n"
        "//\n"
        "// Architecture: %s, scheduler: %s\n"
        "// Derived parameters\n",
        c->top, VSSAGEN_VERSION, cmdline, cfg_arch_name(c->arch), cfg_sched_name(c->sched));
    for (size_t i = 0; i < n; i++)
        sb_printf(sb, "//   %-10s = %-6d %s\n", rows[i].name, rows[i].value,
                  rows[i].meaning);
    sb_puts(sb, c->arch == ARCH_FIXED8
                    ? "// Precision tags (in_tag_i): ignored; every key runs at 8 bits\n"
                    : "// Precision tags (in_tag_i)\n");
    for (int t = 0; t < (1 << c->tag_w); t++) {
        int bits = vssa_class_bits(c->bits, c->nclass, t);
        sb_printf(sb, "//   tag %d: %d bits, %d digit plane%s%s%s\n", t, bits,
                  c->tag_planes[t], c->tag_planes[t] == 1 ? "" : "s",
                  c->tag_planes[t] == 0 ? " (pruned: no lane, no cycles, no output)" : "",
                  t >= c->nclass ? " (unused tag, reads as the last class)" : "");
    }
    sb_printf(sb,
        "// Numerics: a p-bit key keeps the top p bits of its int8 value (floor);\n"
        "//   score = sum_t q[t] * ((k[t] >> (8-p)) << (8-p)), exact in %d bits.\n",
        c->acc_w);
    comment_protocol(sb);
}

int rtl_emit_verilog(strbuf *sb, const vssa_config *c, const char *cmdline, char *err)
{
    param_row rows[32];
    size_t n = param_rows(c, rows);
    char values[32][16];
    char tag_planes[160], tag_class[160], dispatch_params[256];
    tpl_var vars[40];
    size_t nv = 0;
    vars[nv++] = (tpl_var){"TOP", c->top};
    for (size_t i = 0; i < n; i++) {
        snprintf(values[i], sizeof values[i], "%d", rows[i].value);
        vars[nv++] = (tpl_var){rows[i].name, values[i]};
    }
    packed_literal(c->tag_planes, 1 << c->tag_w, c->plane_w, tag_planes, sizeof tag_planes);
    packed_literal(c->tag_class, 1 << c->tag_w, c->tag_w, tag_class, sizeof tag_class);
    vars[nv++] = (tpl_var){"TAG_PLANES", tag_planes};
    vars[nv++] = (tpl_var){"TAG_CLASS", tag_class};
    /* Only the grouped dispatchers take the class parameters. */
    if (c->sched == SCHED_LOCKSTEP)
        dispatch_params[0] = '\0';
    else
        snprintf(dispatch_params, sizeof dispatch_params,
                 "\n    .TILE_W     (TILE_W),\n    .NZ         (%d),\n    .FUSE       (%d),"
                 "\n    .TAG_CLASS  (%s),",
                 c->nz, c->sched == SCHED_FUSE, tag_class);
    vars[nv++] = (tpl_var){"DISPATCH_PARAMS", dispatch_params};

    comment_header(sb, c, cmdline);
    sb_puts(sb,
        "\n// One file holds every module, so its name cannot match each of them.\n"
        "// verilator lint_off DECLFILENAME\n\n");
    const char *dispatch =
        c->sched == SCHED_LOCKSTEP ? tpl_dispatch_lockstep : tpl_dispatch_group;
    const char *mods[] = {tpl_pe, tpl_lane, tpl_array, tpl_tile_table, dispatch,
                          tpl_sequencer, tpl_drain, tpl_perf, tpl_top};
    for (size_t i = 0; i < sizeof mods / sizeof mods[0]; i++) {
        if (i)
            sb_puts(sb, "\n");
        if (sb_template(sb, mods[i], vars, nv, err))
            return -1;
    }
    return 0;
}

int rtl_emit_params(strbuf *sb, const vssa_config *c, const char *cmdline, char *err)
{
    param_row rows[32];
    size_t n = param_rows(c, rows);
    (void)err;
    sb_printf(sb,
        "/* Parameters of the design '%s', generated by vssagen %s.\n"
        " * Command line: %s */\n"
        "#ifndef VSSA_PARAMS_H\n#define VSSA_PARAMS_H\n"
        "#define VSSA_TOP_NAME \"%s\"\n"
        "#define VSSA_SCHED_NAME \"%s\"\n"
        "#define VSSA_ARCH_NAME \"%s\"\n",
        c->top, VSSAGEN_VERSION, cmdline, c->top, cfg_sched_name(c->sched),
        cfg_arch_name(c->arch));
    for (size_t i = 0; i < n; i++)
        sb_printf(sb, "#define VSSA_%s %d\n", rows[i].name, rows[i].value);
    sb_puts(sb, "#define VSSA_BITS {");
    for (int i = 0; i < c->nclass; i++)
        sb_printf(sb, "%s%d", i ? ", " : "", c->bits[i]);
    sb_puts(sb, "}\n#endif\n");
    return 0;
}
