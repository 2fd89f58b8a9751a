/* SPDX-License-Identifier: MIT */
/* cli.c - one vssagen command line in process (see cli.h). */
#define _GNU_SOURCE   /* getopt_long */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "integ.h"
#include "rtl.h"

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
       OPT_ACC_WIDTH, OPT_ROUND, OPT_PRECISION, OPT_IMP_ROWS, OPT_COMP, OPT_SHARE, OPT_SCHED, OPT_ARCH, OPT_TOP, OPT_PARAMS, OPT_CORE, OPT_FILELIST, OPT_HELP, OPT_VERSION };

/* Options into job->arch and the paths; 0 or GEN_USAGE. */
static int parse(int argc, char **argv, gen_job *job)
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
        {"share", required_argument, NULL, OPT_SHARE},
        {"sched", required_argument, NULL, OPT_SCHED},
        {"arch", required_argument, NULL, OPT_ARCH},
        {"top", required_argument, NULL, OPT_TOP},
        {"output", required_argument, NULL, 'o'},
        {"params", required_argument, NULL, OPT_PARAMS},
        {"core", required_argument, NULL, OPT_CORE},
        {"filelist", required_argument, NULL, OPT_FILELIST},
        {"help", no_argument, NULL, OPT_HELP},
        {"version", no_argument, NULL, OPT_VERSION},
        {NULL, 0, NULL, 0},
    };
    vssa_arch *arch = &job->arch;
    char *err = job->err;
    int rc = 0;

    vssa_arch_defaults(arch);
    opterr = 0;
    optind = 0;   /* glibc: a full reset, so a second call parses afresh */
    for (;;) {
        int longidx = -1;
        int o = getopt_long(argc, argv, ":o:", opts, &longidx);
        if (o == -1)
            break;
        switch (o) {
        case OPT_ROWS: rc = cfg_parse_int("--rows", optarg, 1, VSSA_DIM_LIMIT, &arch->rows, err); break;
        case OPT_COLS: rc = cfg_parse_int("--cols", optarg, 1, VSSA_DIM_LIMIT, &arch->cols, err); break;
        case OPT_BITS: rc = cfg_parse_bits(optarg, arch, err); break;
        case OPT_DIGIT:
            rc = cfg_parse_int("--digit", optarg, 1, 8, &arch->digit, err);
            arch->digit_given = 1;
            break;
        case OPT_HEAD_DIM: rc = cfg_parse_int("--head-dim", optarg, 1, VSSA_HEAD_DIM_LIMIT, &arch->head_dim, err); break;
        case OPT_MAX_SEQ: rc = cfg_parse_int("--max-seq", optarg, 1, VSSA_SEQ_LIMIT, &arch->max_seq, err); break;
        case OPT_ACC_WIDTH: rc = cfg_parse_int("--acc-width", optarg, 1, 64, &arch->acc_width, err); break;
        case OPT_ROUND: rc = cfg_parse_round(optarg, arch, err); break;
        case OPT_PRECISION: rc = cfg_parse_precision(optarg, arch, err); break;
        case OPT_IMP_ROWS: rc = cfg_parse_long("--imp-rows", optarg, 1, 1L << 47, &arch->imp_rows, err); break;
        case OPT_COMP: arch->comp = 1; break;
        case OPT_SHARE: rc = cfg_parse_int("--share", optarg, 1, VSSA_DIM_LIMIT, &arch->share, err); break;
        case OPT_SCHED: rc = cfg_parse_sched(optarg, arch, err); break;
        case OPT_ARCH: rc = cfg_parse_arch(optarg, arch, err); break;
        case OPT_TOP: rc = cfg_parse_top(optarg, arch, err); break;
        case 'o': job->out_path = optarg; break;
        case OPT_PARAMS: job->params_path = optarg; break;
        case OPT_CORE: job->core_path = optarg; break;
        case OPT_FILELIST: job->filelist_path = optarg; break;
        case OPT_HELP: job->what = GEN_HELP; return 0;
        case OPT_VERSION: job->what = GEN_VERSION; return 0;
        case ':':
            snprintf(err, VSSA_ERR_MAX, "option '%s' needs a value", argv[optind - 1]);
            return GEN_USAGE;
        default:
            /* getopt sets optopt to a long option's value when it was given
             * a value it takes none of (--comp=1): not a character to print */
            if (optopt >= OPT_ROWS)
                snprintf(err, VSSA_ERR_MAX, "option '%s' takes no value (see --help)",
                         argv[optind - 1]);
            else if (optopt)
                snprintf(err, VSSA_ERR_MAX, "unknown option '-%c' (see --help)", optopt);
            else
                snprintf(err, VSSA_ERR_MAX, "unknown or ambiguous option '%s' (see --help)",
                         argv[optind - 1]);
            return GEN_USAGE;
        }
        if (rc)
            return GEN_USAGE;
    }
    if (optind < argc) {
        snprintf(err, VSSA_ERR_MAX, "unexpected argument '%s' (see --help)", argv[optind]);
        return GEN_USAGE;
    }
    if (vssa_arch_derive(arch, err))
        return GEN_USAGE;
    if (job->out_path && job->params_path && strcmp(job->out_path, job->params_path) == 0) {
        snprintf(err, VSSA_ERR_MAX, "-o and --params name the same file '%s'", job->out_path);
        return GEN_USAGE;
    }
    /* Both name the design by its path, which stdout has not. */
    if (!job->out_path && (job->core_path || job->filelist_path)) {
        snprintf(err, VSSA_ERR_MAX, "%s needs -o FILE: it names the design's file",
                 job->core_path ? "--core" : "--filelist");
        return GEN_USAGE;
    }
    return 0;
}

/* The core and the file list, each naming the files by a path relative to
 * its own directory (docs/integration.md); 0 or GEN_USAGE. */
static int emit_integration(gen_job *job)
{
    char design[4096], params[4096];
    if (job->core_path) {
        if (integ_rel_path("--core", job->core_path, job->out_path, 1, design, sizeof design,
                           job->err) ||
            (job->params_path && integ_rel_path("--core", job->core_path, job->params_path, 1,
                                                params, sizeof params, job->err)))
            return GEN_USAGE;
        integ_emit_core(&job->core, &job->arch, design, job->params_path ? params : NULL);
    }
    if (job->filelist_path) {
        if (integ_rel_path("--filelist", job->filelist_path, job->out_path, 0, design,
                           sizeof design, job->err))
            return GEN_USAGE;
        integ_emit_filelist(&job->filelist, design);
    }
    return 0;
}

int gen_run(int argc, char **argv, gen_job *job)
{
    memset(job, 0, sizeof *job);
    int rc = parse(argc, argv, job);
    if (rc || job->what != GEN_DESIGN)
        return rc;

    strbuf cmd = {0};
    quote_cmdline(&cmd, argc, argv);
    rc = 0;
    if (cmd.failed ||
        rtl_emit_verilog(&job->design, &job->arch, cmd.buf, job->err) != 0 ||
        (job->params_path &&
         rtl_emit_params(&job->params, &job->arch, cmd.buf, job->err) != 0))
        rc = GEN_INTERNAL;
    if (!rc)
        rc = emit_integration(job);
    /* A text cut short by a failed allocation is never written. */
    if (!rc && (job->design.failed || job->params.failed || job->core.failed ||
                job->filelist.failed)) {
        snprintf(job->err, VSSA_ERR_MAX, "internal: out of memory");
        rc = GEN_INTERNAL;
    }
    if (cmd.failed)
        snprintf(job->err, VSSA_ERR_MAX, "internal: out of memory");
    sb_free(&cmd);
    return rc;
}

void gen_job_free(gen_job *job)
{
    sb_free(&job->design);
    sb_free(&job->params);
    sb_free(&job->core);
    sb_free(&job->filelist);
}
