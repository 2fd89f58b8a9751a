/* SPDX-License-Identifier: MIT */
/* vssa_readback.c - the read-back check and the random configurations.
 *
 *   vssa-readback DESIGN.v -- OPTIONS...
 *       reads the top module's parameters (and the header comment's rows)
 *       of DESIGN.v back and compares them with the architecture that the
 *       vssagen OPTIONS derive (tests/readback.h);
 *   vssa-readback --defaults TEMPLATE.v... -- OPTIONS...
 *       compares every default of every module in the templates with the
 *       derived values of OPTIONS (the shape the templates' defaults claim);
 *   vssa-readback --random-valid SEED
 *       prints a random valid vssagen option set, one argument a line;
 *   vssa-readback --random-invalid SEED OUT PARAMS
 *       prints a random invalid option set (with -o OUT --params PARAMS),
 *       one argument a line, then "# " and what makes it invalid.
 *
 * Exit status: 0 agreed (or printed), 1 a value differs, 2 bad usage or
 * options. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "readback.h"

static int usage(void)
{
    fputs("usage: vssa-readback DESIGN.v -- VSSAGEN-OPTIONS...\n"
          "       vssa-readback --defaults TEMPLATE.v... -- VSSAGEN-OPTIONS...\n"
          "       vssa-readback --random-valid SEED\n"
          "       vssa-readback --random-invalid SEED OUT PARAMS\n",
          stderr);
    return 2;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "vssa-readback: cannot read '%s': %s\n", path, strerror(errno));
        return NULL;
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap)
            break;
        char *p = realloc(buf, cap * 2);
        if (!p) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = p;
        cap *= 2;
    }
    int bad = ferror(f);
    fclose(f);
    if (!buf || bad) {
        fprintf(stderr, "vssa-readback: cannot read '%s'\n", path);
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

/* The architecture of vssagen options argv[0..argc) (no program name). */
static int derive(int argc, char **argv, vssa_arch *a)
{
    char **av = calloc((size_t)argc + 2, sizeof *av);
    if (!av)
        return 2;
    av[0] = "vssagen";
    for (int i = 0; i < argc; i++)
        av[i + 1] = argv[i];
    static gen_job job;
    int rc = gen_run(argc + 1, av, &job);
    if (rc)
        fprintf(stderr, "vssa-readback: the options: %s\n", job.err);
    *a = job.arch;
    gen_job_free(&job);
    free(av);
    return rc ? 2 : 0;
}

/* ---- random configurations ---- */

static uint64_t rng;
static uint64_t next(void)   /* splitmix64 */
{
    uint64_t z = (rng += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}
static int pick(int lo, int hi) { return lo + (int)(next() % (uint64_t)(hi - lo + 1)); }
static int chance(int percent) { return pick(1, 100) <= percent; }

typedef struct {
    int n;
    char arg[48][80];
} argset;

static void add(argset *s, const char *a) { snprintf(s->arg[s->n++], sizeof s->arg[0], "%s", a); }
static void addi(argset *s, const char *opt, long v)
{
    add(s, opt);
    snprintf(s->arg[s->n++], sizeof s->arg[0], "%ld", v);
}

/* A valid option set: shapes 1..16, every digit, a descending precision set
 * of multiples of the digit (up to 9 classes, with or without 0), head-dim
 * 1..64, max-seq 1..300 (powers of two or not), every policy, all three
 * archs, roundings and precision modes, --comp where it is allowed,
 * sometimes the minimum --acc-width. Under --arch int8 the precisions are
 * multiples of any digit and --digit is 8 or left out. */
static void random_valid(argset *s)
{
    s->n = 0;
    static const int digits[] = {1, 2, 4, 8};
    int digit = digits[pick(0, 3)];
    int int8 = chance(15);
    addi(s, "--rows", pick(1, 16));
    addi(s, "--cols", pick(1, 16));
    if (!int8 || digit == 8)
        addi(s, "--digit", digit);
    int cand[9], nc = 0;
    for (int b = 8; b >= 0; b -= digit)
        cand[nc++] = b;
    char bits[40] = "";
    int nbits = 0, last = -1;
    do {
        bits[0] = '\0';
        nbits = 0;
        int keep = pick(1, 100);   /* density, so long and short sets both come up */
        for (int i = 0; i < nc; i++) {
            if (pick(1, 100) <= keep) {
                snprintf(bits + strlen(bits), sizeof bits - strlen(bits), "%s%d",
                         nbits ? "," : "", cand[i]);
                nbits++;
                last = cand[i];
            }
        }
    } while (nbits == 0 || strcmp(bits, "0") == 0);
    add(s, "--bits");
    add(s, bits);
    addi(s, "--head-dim", chance(20) ? 1 << pick(0, 6) : pick(1, 64));
    addi(s, "--max-seq", chance(25) ? 1 << pick(0, 8) : pick(1, 300));
    int fixed8 = !int8 && chance(20);
    if (int8) {
        add(s, "--arch");
        add(s, "int8");
        if (chance(50)) {
            add(s, "--sched");
            add(s, "group");
        }
    } else if (fixed8) {
        add(s, "--arch");
        add(s, "fixed8");
        if (chance(50)) {
            add(s, "--sched");
            add(s, "lockstep");
        }
    } else {
        static const char *const sched[] = {"lockstep", "group", "fuse"};
        add(s, "--sched");
        add(s, sched[pick(0, 2)]);
    }
    add(s, "--round");
    add(s, chance(50) ? "floor" : "mid");
    add(s, "--precision");
    add(s, chance(50) ? "hw" : "host");
    if (!fixed8 && last == 0 && chance(50))
        add(s, "--comp");
    if (chance(15))
        addi(s, "--imp-rows", pick(1, 1 << 20));
    if (chance(30)) {   /* exactly the minimum accumulator */
        char *av[50];
        for (int i = 0; i < s->n; i++)
            av[i] = s->arg[i];
        vssa_arch a;
        if (derive(s->n, av, &a) == 0)
            addi(s, "--acc-width", a.acc_w_min);
    }
}

/* A valid set made invalid by one change; why says which. */
static void random_invalid(argset *s, const char *out, const char *params, const char **why)
{
    static const char *const bad_int[] = {"0", "-1", "abc", "4x", "", " 4", "4 ", "0x10",
                                          "99999999999999999999", "+", "1e3"};
    random_valid(s);
    /* every option given once, so the change below is the one that counts */
    int kind = pick(0, 21);
    char tmp[80];
    switch (kind) {
    case 0: addi(s, "--rows", chance(50) ? 129 : 0); *why = "--rows out of range"; break;
    case 1: add(s, "--cols"); add(s, bad_int[pick(0, 10)]); *why = "--cols not a valid number"; break;
    case 2: { static const int d[] = {0, 3, 5, 6, 7, 9, 16}; addi(s, "--digit", d[pick(0, 6)]); *why = "--digit not 1, 2, 4 or 8"; break; }
    case 3: add(s, "--digit"); add(s, "4"); add(s, "--bits");
            add(s, (const char *[]){"8,6,0", "8,2", "7", "8,4,1"}[pick(0, 3)]);
            *why = "precision not a multiple of the digit"; break;
    case 4: add(s, "--bits");
            add(s, (const char *[]){"8,8", "0", "0,0", "8,,4", "8,4,", ",8", "9", "8,-1", "", "a", "8;4"}[pick(0, 10)]);
            *why = "malformed --bits"; break;
    case 5: addi(s, "--head-dim", chance(50) ? 0 : 1025); *why = "--head-dim out of range"; break;
    case 6: addi(s, "--max-seq", chance(50) ? 0 : 65537); *why = "--max-seq out of range"; break;
    case 7: {   /* one bit below the minimum accumulator */
        char *av[50];
        for (int i = 0; i < s->n; i++)
            av[i] = s->arg[i];
        vssa_arch a;
        if (derive(s->n, av, &a) == 0)
            addi(s, "--acc-width", a.acc_w_min - 1 >= 1 ? a.acc_w_min - 1 : 65);
        *why = "--acc-width below the minimum";
        break;
    }
    case 8: addi(s, "--acc-width", chance(50) ? 0 : 65); *why = "--acc-width out of range"; break;
    case 9: add(s, "--round"); add(s, (const char *[]){"up", "MID", "", "nearest"}[pick(0, 3)]); *why = "unknown --round"; break;
    case 10: add(s, "--precision"); add(s, (const char *[]){"sw", "HW", "", "both"}[pick(0, 3)]); *why = "unknown --precision"; break;
    case 11: add(s, "--sched"); add(s, (const char *[]){"random", "Fuse", "", "lock"}[pick(0, 3)]); *why = "unknown --sched"; break;
    case 12: add(s, "--arch"); add(s, (const char *[]){"int4", "VSSA", "", "fixed4"}[pick(0, 3)]); *why = "unknown --arch"; break;
    case 13: if (chance(50)) {
                 add(s, "--arch"); add(s, "fixed8"); add(s, "--sched"); add(s, chance(50) ? "group" : "fuse");
                 *why = "fixed8 with a policy other than lockstep";
             } else if (chance(50)) {
                 add(s, "--arch"); add(s, "int8"); add(s, "--sched"); add(s, chance(50) ? "lockstep" : "fuse");
                 *why = "int8 with a policy other than group";
             } else {
                 add(s, "--arch"); add(s, "int8"); addi(s, "--digit", (const int[]){1, 2, 4}[pick(0, 2)]);
                 *why = "int8 with a digit other than 8";
             }
             break;
    case 14: add(s, "--bits"); add(s, "8,4"); add(s, "--digit"); add(s, "4"); add(s, "--comp");
             *why = "--comp without a 0-bit class"; break;
    case 15: add(s, "--arch"); add(s, "fixed8"); add(s, "--bits"); add(s, "8,0"); add(s, "--digit"); add(s, "4");
             add(s, "--comp"); *why = "--comp under fixed8"; break;
    case 16: add(s, "--top");
             add(s, (const char *[]){"9abc", "module", "a-b", "", "wire",
                                     "a123456789a123456789a123456789a123456789a12345678"}[pick(0, 5)]);
             *why = "--top not a usable identifier"; break;
    case 17: add(s, (const char *[]){"--rowz", "-x", "--", "--help=1", "--comp=1", "--r"}[pick(0, 5)]);
             if (strcmp(s->arg[s->n - 1], "--") == 0)
                 add(s, "extra");
             *why = "unknown option or argument"; break;
    case 18: add(s, "stray"); *why = "a positional argument"; break;
    case 19: addi(s, "--imp-rows", chance(50) ? 0 : (1L << 47) + 1); *why = "--imp-rows out of range"; break;
    case 20: add(s, "-o"); add(s, out); add(s, "--params"); add(s, out);
             *why = "-o and --params the same file"; return;
    default: snprintf(tmp, sizeof tmp, "--%s", (const char *[]){"rows", "bits", "sched", "top"}[pick(0, 3)]);
             add(s, "-o"); add(s, out); add(s, "--params"); add(s, params);
             add(s, tmp);   /* the last option without its value */
             *why = "an option without its value"; return;
    }
    add(s, "-o");
    add(s, out);
    add(s, "--params");
    add(s, params);
}

static int print_random(int valid, const char *seedtext, const char *out, const char *params)
{
    char *end;
    errno = 0;
    unsigned long long seed = strtoull(seedtext, &end, 10);
    if (*seedtext == '\0' || *end != '\0' || errno)
        return usage();
    rng = seed * 0x2545f4914f6cdd1dULL + 1;
    argset s;
    const char *why = NULL;
    if (valid)
        random_valid(&s);
    else
        random_invalid(&s, out, params, &why);
    for (int i = 0; i < s.n; i++)
        printf("%s\n", s.arg[i]);
    if (why)
        printf("# %s\n", why);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--random-valid") == 0)
        return print_random(1, argv[2], NULL, NULL);
    if (argc == 5 && strcmp(argv[1], "--random-invalid") == 0)
        return print_random(0, argv[2], argv[3], argv[4]);
    int sep = 1;
    while (sep < argc && strcmp(argv[sep], "--") != 0)
        sep++;
    if (sep == argc)
        return usage();
    int defaults = argc > 1 && strcmp(argv[1], "--defaults") == 0;
    int first = defaults ? 2 : 1;
    if (sep == first || (!defaults && sep != 2))
        return usage();
    static vssa_arch a;
    if (derive(argc - sep - 1, argv + sep + 1, &a))
        return 2;
    int status = 0, nchecked = 0;
    for (int i = first; i < sep; i++) {
        size_t len;
        char *text = read_file(argv[i], &len);
        if (!text)
            return 2;
        char err[RB_ERR_MAX];
        int rc = defaults ? rb_check_defaults(text, len, argv[i], &a, &nchecked, err)
                          : rb_check_top(text, len, &a, err);
        free(text);
        if (rc) {
            fprintf(stderr, "vssa-readback: %s%s%s\n", defaults ? "" : argv[i],
                    defaults ? "" : ": ", err);
            status = 1;
        }
    }
    if (!status && defaults)
        printf("readback: %d template defaults in %d files equal the derived values\n",
               nchecked, sep - first);
    else if (!status)
        printf("readback: %s: every top parameter equals the derived value\n", argv[1]);
    return status;
}
