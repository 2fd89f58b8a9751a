/* SPDX-License-Identifier: MIT */
/* integ.c - the FuseSoC core and the file list (see integ.h). */
#include "integ.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "rtl.h"

#define PATH_LEN 4096
#define PARTS_MAX (PATH_LEN / 2)

/* The components of the absolute path p, split in place; -1 if too many. */
static int split(char *p, char **part)
{
    int n = 0;
    while (*p) {
        if (*p == '/') {
            *p++ = '\0';
            continue;
        }
        if (n == PARTS_MAX)
            return -1;
        part[n++] = p;
        p += strcspn(p, "/");
    }
    return n;
}

/* A part the readers of a file list and a YAML scalar all take as it is:
 * the POSIX portable filename characters, not starting with '-' (an
 * option to a -f reader). */
static int portable(const char *s)
{
    return *s != '-' &&
           strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") == strlen(s);
}

/* Appends part to the path out (len bytes so far), '/' between parts. */
static int append(char *out, size_t size, size_t *len, const char *part)
{
    int w = snprintf(out + *len, size - *len, "%s%s", *len ? "/" : "", part);
    if (w < 0 || (size_t)w >= size - *len)
        return -1;
    *len += (size_t)w;
    return 0;
}

int integ_rel_path(const char *opt, const char *from, const char *file, int below, char *out,
                   size_t size, char *err)
{
    char a[PATH_LEN], b[PATH_LEN];
    char *pa[PARTS_MAX], *pb[PARTS_MAX];
    const char *bad = NULL;
    if (out_canonical(from, a, sizeof a))
        bad = from;
    else if (out_canonical(file, b, sizeof b))
        bad = file;
    if (bad) {
        snprintf(err, VSSA_ERR_MAX, "cannot write '%.180s': %s", bad, strerror(errno));
        return -1;
    }
    int na = split(a, pa) - 1, nb = split(b, pb);   /* na: from's directory */
    if (na < 0 || nb < 1) {
        snprintf(err, VSSA_ERR_MAX, "%.10s '%.100s': '%.100s' has too many parts", opt, from, file);
        return -1;
    }
    int k = 0;   /* the directories both share */
    while (k < na && k < nb - 1 && strcmp(pa[k], pb[k]) == 0)
        k++;
    if (below && k < na) {
        snprintf(err, VSSA_ERR_MAX,
                 "%.10s '%.70s': '%.70s' is not at or below the core's directory, where "
                 "FuseSoC takes a core's files", opt, from, file);
        return -1;
    }
    size_t len = 0;
    int rc = 0;
    out[0] = '\0';
    for (int i = k; i < na && rc == 0; i++)
        rc = append(out, size, &len, "..");
    for (int i = k; i < nb && rc == 0; i++) {
        if (!portable(pb[i])) {
            snprintf(err, VSSA_ERR_MAX,
                     "%.10s '%.60s' cannot name '%.60s': only A-Z a-z 0-9 . _ - and /, no part "
                     "starting with '-'", opt, from, file);
            return -1;
        }
        rc = append(out, size, &len, pb[i]);
    }
    if (rc)
        snprintf(err, VSSA_ERR_MAX, "%.10s '%.100s': the path to '%.100s' is too long", opt, from, file);
    return rc;
}

void integ_emit_core(strbuf *sb, const vssa_arch *a, const char *design, const char *params)
{
    /* Every path and name is quoted: a top or file named null, yes or 1e3
     * would otherwise read as another YAML type. */
    sb_printf(sb,
        "CAPI=2:\n"
        "# Written by vssagen %s for %s, whose header holds the command line\n"
        "# and every derived parameter.\n"
        "name: " INTEG_VLNV_FMT "\n"
        "description: \"%dx%d PEs, head dimension %d, up to %d keys, precisions ",
        VSSAGEN_VERSION, design, a->top, VSSAGEN_VERSION, a->rows, a->cols, a->head_dim,
        a->max_seq);
    for (int i = 0; i < a->nclass; i++)
        sb_printf(sb, "%s%d", i ? "," : "", a->bits[i]);
    sb_printf(sb,
        ", policy %s, arch %s\"\n"
        "\n"
        "filesets:\n"
        "  rtl:\n"
        "    files:\n"
        "      - \"%s\"\n"
        "    file_type: verilogSource\n",
        vssa_sched_name(a->sched), vssa_archkind_name(a->kind), design);
    if (params)   /* for a C harness; no tool compiles it */
        sb_printf(sb,
            "  params:\n"
            "    files:\n"
            "      - \"%s\"\n"
            "    file_type: user\n",
            params);
    sb_printf(sb,
        "\n"
        "targets:\n"
        "  default: &default\n"
        "    description: \"The design's files, for a core that depends on this one\"\n"
        "    filesets: [rtl%s]\n"
        "    toplevel: \"%s\"\n"
        "  lint:\n"
        "    <<: *default\n"
        "    description: \"verilator --lint-only -Wall on the top module\"\n"
        "    flow: lint\n"
        "    flow_options:\n"
        "      tool: verilator\n"
        "      verilator_options: [-Wall]\n"
        "  synth:\n"
        "    <<: *default\n"
        "    description: \"Yosys synth_ecp5, a JSON netlist for nextpnr-ecp5\"\n"
        "    flow: generic\n"
        "    flow_options:\n"
        "      tool: yosys\n"
        "      arch: ecp5\n"
        "      output_format: json\n",
        params ? ", params" : "", a->top);
}

void integ_emit_filelist(strbuf *sb, const char *design)
{
    sb_printf(sb, "%s\n", design);
}
