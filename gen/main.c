/* main.c - the vssagen command line: parse and validate options, then write
 * the design (and optionally its parameter header) all at once or not at all. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "emit.h"
#include "rtl.h"

#define EXIT_USAGE 2

static void usage(FILE *f)
{
    fputs(
        "usage: vssagen [options] > design.v\n"
        "Emit Verilog for a variable-speed systolic array computing one attention\n"
        "head, O = softmax(Q K^T) V, with per-token key and value precision.\n"
        "\n"
        "  --rows N        lanes (key tokens at once), 1..128        [8]\n"
        "  --cols N        PE columns (queries per block), 1..128    [8]\n"
        "  --bits LIST     precision set, e.g. 8,4,0 (0 = pruned)    [8,4,0]\n"
        "  --digit B       PE digit width: 1, 2, 4 or 8              [4]\n"
        "  --head-dim D    head dimension, 1..1024                   [64]\n"
        "  --max-seq N     keys a key set keeps, 1..65536            [512]\n"
        "  --acc-width W   PE accumulator width; refused if scores or\n"
        "                  P.V sums could overflow               [minimum safe]\n"
        "  --round R       truncated keys and values: floor, or mid\n"
        "                  (the midpoint of their step)              [mid]\n"
        "  --precision P   who decides token precision: hw (the design ranks\n"
        "                  tokens by their importance; with one class there is\n"
        "                  nothing to rank) or host (in_tag_i)        [hw]\n"
        "  --imp-rows R    query rows the importance counters hold without\n"
        "                  saturating, 1..2^47                       [65536]\n"
        "  --comp          build the 0-bit compensation (needs a 0-bit\n"
        "                  class): with comp_i high the pruned keys join\n"
        "                  the softmax as one virtual token weighted by\n"
        "                  their count                               [off]\n"
        "  --sched S       dispatch policy: lockstep, group, fuse    [fuse]\n"
        "  --arch A        vssa, or fixed8: the same array with precision\n"
        "                  ignored (every token at 8 bits), a baseline [vssa]\n"
        "  --top NAME      top module name and module prefix, a Verilog\n"
        "                  identifier of at most 48 characters       [vssa]\n"
        "  -o FILE         write the design to FILE instead of stdout\n"
        "  --params FILE   also write the derived parameters as a C header\n"
        "  --help          this text\n"
        "  --version       the generator version\n"
        "\n"
        "Bad options print one line on stderr and exit with status 2; nothing is\n"
        "written. Files are written whole or not at all.\n",
        f);
}

/* One line on stderr, whatever the offending argument contained. */
static void print_error(const char *msg)
{
    fputs("vssagen: error: ", stderr);
    for (const char *p = msg; *p; p++)
        fputc((unsigned char)*p < 0x20 || *p == 0x7f ? '?' : *p, stderr);
    fputc('\n', stderr);
}

static int fail(const char *msg)
{
    print_error(msg);
    return EXIT_USAGE;
}

/* The exact command line, quoted where a shell would need it. */
static void quote_cmdline(strbuf *sb, int argc, char **argv)
{
    sb_puts(sb, "vssagen");
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int plain = *a != '\0' &&
                    strspn(a, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                              "0123456789_-+=.,/:") == strlen(a);
        sb_puts(sb, " ");
        if (plain) {
            sb_puts(sb, a);
            continue;
        }
        sb_puts(sb, "'");
        for (const char *p = a; *p; p++) {
            if (*p == '\'')
                sb_puts(sb, "'\\''");
            else if (*p == '\n')
                sb_puts(sb, "?");   /* keep the header comment on one line */
            else
                sb_printf(sb, "%c", *p);
        }
        sb_puts(sb, "'");
    }
}

enum { OPT_ROWS = 256, OPT_COLS, OPT_BITS, OPT_DIGIT, OPT_HEAD_DIM, OPT_MAX_SEQ,
       OPT_ACC_WIDTH, OPT_ROUND, OPT_PRECISION, OPT_IMP_ROWS, OPT_COMP, OPT_SCHED, OPT_ARCH, OPT_TOP, OPT_PARAMS, OPT_HELP, OPT_VERSION };

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        {"rows", required_argument, NULL, OPT_ROWS},
        {"cols", required_argument, NULL, OPT_COLS},
        {"bits", required_argument, NULL, OPT_BITS},
        {"digit", required_argument, NULL, OPT_DIGIT},
        {"head-dim", required_argument, NULL, OPT_HEAD_DIM},
        {"max-seq", required_argument, NULL, OPT_MAX_SEQ},
        {"acc-width", required_argument, NULL, OPT_ACC_WIDTH},
        {"round", required_argument, NULL, OPT_ROUND},
        {"precision", required_argument, NULL, OPT_PRECISION},
        {"imp-rows", required_argument, NULL, OPT_IMP_ROWS},
        {"comp", no_argument, NULL, OPT_COMP},
        {"sched", required_argument, NULL, OPT_SCHED},
        {"arch", required_argument, NULL, OPT_ARCH},
        {"top", required_argument, NULL, OPT_TOP},
        {"output", required_argument, NULL, 'o'},
        {"params", required_argument, NULL, OPT_PARAMS},
        {"help", no_argument, NULL, OPT_HELP},
        {"version", no_argument, NULL, OPT_VERSION},
        {NULL, 0, NULL, 0},
    };
    vssa_arch arch;
    char err[VSSA_ERR_MAX];
    const char *out_path = NULL, *params_path = NULL;
    int rc = 0;

    vssa_arch_defaults(&arch);
    opterr = 0;
    for (;;) {
        int longidx = -1;
        int o = getopt_long(argc, argv, ":o:", opts, &longidx);
        if (o == -1)
            break;
        switch (o) {
        case OPT_ROWS: rc = cfg_parse_int("--rows", optarg, 1, VSSA_DIM_LIMIT, &arch.rows, err); break;
        case OPT_COLS: rc = cfg_parse_int("--cols", optarg, 1, VSSA_DIM_LIMIT, &arch.cols, err); break;
        case OPT_BITS: rc = cfg_parse_bits(optarg, &arch, err); break;
        case OPT_DIGIT: rc = cfg_parse_int("--digit", optarg, 1, 8, &arch.digit, err); break;
        case OPT_HEAD_DIM: rc = cfg_parse_int("--head-dim", optarg, 1, VSSA_HEAD_DIM_LIMIT, &arch.head_dim, err); break;
        case OPT_MAX_SEQ: rc = cfg_parse_int("--max-seq", optarg, 1, VSSA_SEQ_LIMIT, &arch.max_seq, err); break;
        case OPT_ACC_WIDTH: rc = cfg_parse_int("--acc-width", optarg, 1, 64, &arch.acc_width, err); break;
        case OPT_ROUND: rc = cfg_parse_round(optarg, &arch, err); break;
        case OPT_PRECISION: rc = cfg_parse_precision(optarg, &arch, err); break;
        case OPT_IMP_ROWS: rc = cfg_parse_long("--imp-rows", optarg, 1, 1L << 47, &arch.imp_rows, err); break;
        case OPT_COMP: arch.comp = 1; break;
        case OPT_SCHED: rc = cfg_parse_sched(optarg, &arch, err); break;
        case OPT_ARCH: rc = cfg_parse_arch(optarg, &arch, err); break;
        case OPT_TOP: rc = cfg_parse_top(optarg, &arch, err); break;
        case 'o': out_path = optarg; break;
        case OPT_PARAMS: params_path = optarg; break;
        case OPT_HELP: usage(stdout); return 0;
        case OPT_VERSION: printf("vssagen %s\n", VSSAGEN_VERSION); return 0;
        case ':':
            snprintf(err, sizeof err, "option '%s' needs a value", argv[optind - 1]);
            return fail(err);
        default:
            if (optopt)
                snprintf(err, sizeof err, "unknown option '-%c' (see --help)", optopt);
            else
                snprintf(err, sizeof err, "unknown or ambiguous option '%s' (see --help)",
                         argv[optind - 1]);
            return fail(err);
        }
        if (rc)
            return fail(err);
    }
    if (optind < argc) {
        snprintf(err, sizeof err, "unexpected argument '%s' (see --help)", argv[optind]);
        return fail(err);
    }
    if (vssa_arch_derive(&arch, err))
        return fail(err);
    if (out_path && params_path && strcmp(out_path, params_path) == 0) {
        snprintf(err, sizeof err, "-o and --params name the same file '%s'", out_path);
        return fail(err);
    }

    strbuf cmd = {0}, design = {0}, params = {0};
    quote_cmdline(&cmd, argc, argv);
    int status = 0;
    if (!cmd.failed && rtl_emit_verilog(&design, &arch, cmd.buf, err) != 0)
        status = 1;
    if (!status && params_path && rtl_emit_params(&params, &arch, cmd.buf, err) != 0)
        status = 1;
    if (!status && (cmd.failed || design.failed || params.failed)) {
        snprintf(err, sizeof err, "out of memory");
        status = 1;
    }
    if (!status) {
        const char *paths[2];
        const strbuf *bufs[2];
        int n = 0;
        if (out_path) {
            paths[n] = out_path;
            bufs[n++] = &design;
        }
        if (params_path) {
            paths[n] = params_path;
            bufs[n++] = &params;
        }
        /* Temporaries first, so no failure leaves output behind on any channel. */
        atomic_set set;
        if (atomic_prepare(&set, paths, bufs, n, err)) {
            status = 1;
        } else if (!out_path && (fwrite(design.buf, 1, design.len, stdout) != design.len ||
                                 fflush(stdout))) {
            snprintf(err, sizeof err, "cannot write the design to stdout");
            atomic_abort(&set);
            status = 1;
        } else if (atomic_commit(&set, err)) {
            status = 1;
        }
    }
    if (status)
        print_error(err);
    sb_free(&cmd);
    sb_free(&design);
    sb_free(&params);
    return status;
}
