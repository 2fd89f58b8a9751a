/* SPDX-License-Identifier: MIT */
/* cli.h - one vssagen command line, in process: parse the options, derive
 * the architecture and emit the texts, without printing, writing a file or
 * exiting. main.c writes what it returns; the fuzz target and the read-back
 * tool call it directly. */
#ifndef VSSAGEN_CLI_H
#define VSSAGEN_CLI_H

#include "arch.h"
#include "emit.h"

#define GEN_USAGE 2      /* exit status of bad options */
#define GEN_INTERNAL 1   /* exit status of an internal failure */

typedef enum { GEN_DESIGN, GEN_HELP, GEN_VERSION } gen_what;

typedef struct {
    gen_what what;                 /* what the command line asks for */
    vssa_arch arch;                /* derived, when what == GEN_DESIGN */
    const char *out_path;          /* -o, or NULL (stdout); points into argv */
    const char *params_path;       /* --params, or NULL */
    const char *core_path;         /* --core, or NULL; needs -o */
    const char *filelist_path;     /* --filelist, or NULL; needs -o */
    strbuf design, params;         /* the texts; params only with --params */
    strbuf core, filelist;         /* only with --core, --filelist */
    char err[VSSA_ERR_MAX];        /* the one-line reason of a failure */
} gen_job;

/* Runs argv (argv[0] is the program name) into job: 0 on success, GEN_USAGE
 * for bad options or GEN_INTERNAL for an internal failure, with the reason
 * in job->err. Reentrant as far as getopt allows (it resets getopt's state).
 * It writes nothing, but looks up the directories of -o, --params, --core
 * and --filelist: the core and the file list name the files relative to
 * their own directory.
 * Free the texts with gen_job_free() whatever it returned. */
int gen_run(int argc, char **argv, gen_job *job);
void gen_job_free(gen_job *job);

#endif
