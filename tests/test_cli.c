/* SPDX-License-Identifier: MIT */
/* test_cli.c - cmocka tests that run the vssagen binary as a child process.
 * Build/run: gcc -std=c11 -Wall -Wextra -Werror -O1 -g -fsanitize=address,undefined tests/test_cli.c -lcmocka -o /tmp/test_cli && /tmp/test_cli build/vssagen */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_ARGS 16
#define ERR_PREFIX "vssagen: error: "
#define CMDLINE_PREFIX "// Command line:"
#define A10 "aaaaaaaaaa"

static const char *g_bin = "build/vssagen";

typedef struct {
    int status;        /* exit status, or 128 + signal number */
    char *out, *err;   /* NUL-terminated */
    size_t out_len, err_len;
} run_result;

/* Per test: a fresh temp directory and buffers that teardown frees. */
typedef struct {
    char dir[64];
    run_result runs[3];
    char *bufs[4];
} fixture;

/* ---- helpers ---- */

static char *read_fd_all(int fd, size_t *len)
{
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        if (n + 1 >= cap) {
            char *p = realloc(buf, cap * 2);
            if (!p)
                break;
            buf = p;
            cap *= 2;
        }
        ssize_t r = read(fd, buf + n, cap - n - 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            break;
        if (r == 0) {
            buf[n] = '\0';
            *len = n;
            return buf;
        }
        n += (size_t)r;
    }
    free(buf);
    return NULL;
}

/* Run the generator with args (NULL-terminated, without argv[0]); capture
 * its exit status, stdout and stderr into r (previous contents freed). */
static void run_gen(run_result *r, const char *const *args)
{
    free(r->out);
    free(r->err);
    memset(r, 0, sizeof *r);

    char *argv[MAX_ARGS + 2];
    size_t n = 0;
    argv[0] = (char *)g_bin;
    while (args[n]) {
        assert_true(n < MAX_ARGS);
        argv[n + 1] = (char *)args[n];
        n++;
    }
    argv[n + 1] = NULL;

    FILE *fo = tmpfile(), *fe = tmpfile();
    int ok = fo && fe;
    pid_t pid = -1;
    if (ok) {
        fflush(stdout);
        fflush(stderr);
        pid = fork();
        ok = pid >= 0;
    }
    if (pid == 0) {
        int in = open("/dev/null", O_RDONLY);
        if (in < 0 || dup2(in, 0) < 0 || dup2(fileno(fo), 1) < 0 ||
            dup2(fileno(fe), 2) < 0)
            _exit(126);
        alarm(60);   /* survives execv: a hung generator gets SIGALRM */
        execv(g_bin, argv);
        dprintf(2, "cannot execute %s: %s\n", g_bin, strerror(errno));
        _exit(127);
    }
    if (ok) {
        int ws;
        pid_t w;
        while ((w = waitpid(pid, &ws, 0)) < 0 && errno == EINTR)
            ;
        ok = w == pid;
        if (ok)
            r->status = WIFEXITED(ws) ? WEXITSTATUS(ws)
                        : WIFSIGNALED(ws) ? 128 + WTERMSIG(ws) : -1;
    }
    if (ok) {
        ok = lseek(fileno(fo), 0, SEEK_SET) == 0 && lseek(fileno(fe), 0, SEEK_SET) == 0;
        if (ok) {
            r->out = read_fd_all(fileno(fo), &r->out_len);
            r->err = read_fd_all(fileno(fe), &r->err_len);
            ok = r->out && r->err;
        }
    }
    if (fo)
        fclose(fo);
    if (fe)
        fclose(fe);
    if (!ok)
        fail_msg("could not run %s: %s", g_bin, strerror(errno));
}

/* Read a whole file into *slot (previous contents freed); -1 if unreadable. */
static int slurp(char **slot, const char *path, size_t *len)
{
    free(*slot);
    *slot = NULL;
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    *slot = read_fd_all(fd, len);
    close(fd);
    return *slot ? 0 : -1;
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    size_t n = strlen(text);
    int ok = fwrite(text, 1, n, f) == n;
    ok = (fclose(f) == 0) && ok;
    assert_true(ok);
}

static const char *in_dir(const fixture *fx, const char *name, char *buf, size_t n)
{
    snprintf(buf, n, "%s/%s", fx->dir, name);
    return buf;
}

static int exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

/* Args joined by spaces for messages, '' for an empty argument. */
static const char *describe(const char *const *args, char *buf, size_t n)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; args[i] && used < n; i++) {
        int w = snprintf(buf + used, n - used, "%s%s", i ? " " : "",
                         args[i][0] ? args[i] : "''");
        if (w < 0)
            break;
        used += (size_t)w;
    }
    return buf;
}

/* Is line a complete line of text? */
static int has_line(const char *text, const char *line)
{
    size_t n = strlen(line);
    for (const char *p = text; (p = strstr(p, line)) != NULL; p++) {
        if ((p == text || p[-1] == '\n') && p[n] == '\n')
            return 1;
    }
    return 0;
}

static int count_line_prefix(const char *text, const char *prefix)
{
    int count = 0;
    size_t n = strlen(prefix);
    for (const char *p = text; *p;) {
        if (strncmp(p, prefix, n) == 0)
            count++;
        const char *nl = strchr(p, '\n');
        if (!nl)
            break;
        p = nl + 1;
    }
    return count;
}

/* Copy of text without the lines that start with prefix, into *slot. */
static const char *strip_lines(char **slot, const char *text, const char *prefix)
{
    size_t n = strlen(prefix);
    free(*slot);
    *slot = malloc(strlen(text) + 1);
    assert_non_null(*slot);
    char *d = *slot;
    for (const char *p = text; *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p + 1) : strlen(p);
        if (strncmp(p, prefix, n) != 0) {
            memcpy(d, p, len);
            d += len;
        }
        p += len;
    }
    *d = '\0';
    return *slot;
}

/* First entry of dir not named in allowed (NULL-terminated) into bad;
 * returns 1 if there is one. */
static int dir_has_extra(const char *dir, const char *const *allowed, char *bad,
                         size_t n)
{
    DIR *d = opendir(dir);
    if (!d) {
        snprintf(bad, n, "(cannot open %s)", dir);
        return 1;
    }
    int extra = 0;
    struct dirent *e;
    while (!extra && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        extra = 1;
        for (size_t i = 0; allowed[i]; i++)
            if (strcmp(e->d_name, allowed[i]) == 0)
                extra = 0;
        if (extra)
            snprintf(bad, n, "%s", e->d_name);
    }
    closedir(d);
    return extra;
}

/* A failed run: nothing on stdout, one "vssagen: error: " line on stderr
 * containing every string in want (NULL-terminated, may be NULL). */
static void check_error_run(const run_result *r, const char *what,
                            const char *const *want)
{
    if (r->out_len != 0)
        fail_msg("case '%s': stdout should be empty, got %zu bytes", what, r->out_len);
    if (r->err_len != strlen(r->err) || r->err_len <= strlen(ERR_PREFIX) ||
        strncmp(r->err, ERR_PREFIX, strlen(ERR_PREFIX)) != 0)
        fail_msg("case '%s': stderr should start with '" ERR_PREFIX "', got '%s'",
                 what, r->err);
    const char *nl = strchr(r->err, '\n');
    if (!nl || nl[1] != '\0')
        fail_msg("case '%s': stderr should be exactly one line, got '%s'", what, r->err);
    for (size_t i = 0; want && want[i]; i++)
        if (!strstr(r->err, want[i]))
            fail_msg("case '%s': stderr should mention '%s', got '%s'", what,
                     want[i], r->err);
}

/* ---- fixture ---- */

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    if (!fx)
        return -1;
    strcpy(fx->dir, "/tmp/vssagen_cli.XXXXXX");
    if (!mkdtemp(fx->dir)) {
        free(fx);
        return -1;
    }
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    for (size_t i = 0; i < ARRAY_LEN(fx->runs); i++) {
        free(fx->runs[i].out);
        free(fx->runs[i].err);
    }
    for (size_t i = 0; i < ARRAY_LEN(fx->bufs); i++)
        free(fx->bufs[i]);
    DIR *d = opendir(fx->dir);
    if (d) {
        struct dirent *e;
        char path[512];
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
                unlink(in_dir(fx, e->d_name, path, sizeof path));
        }
        closedir(d);
    }
    rmdir(fx->dir);
    free(fx);
    return 0;
}

/* ---- 1. bad options ---- */

typedef struct {
    const char *args[6];
    const char *want[3];   /* stderr must contain each */
} bad_case;

static const bad_case bad_cases[] = {
    {{"--rows", "0"}, {"--rows", "'0'"}},
    {{"--rows", "129"}, {"--rows", "129"}},
    {{"--rows", "-3"}, {"--rows", "-3"}},
    {{"--rows", "abc"}, {"--rows", "abc"}},
    {{"--rows", "12x"}, {"--rows", "12x"}},
    {{"--rows", ""}, {"--rows"}},
    {{"--rows=", "--cols", "4"}, {"--rows"}},
    {{"--cols", "0"}, {"--cols", "'0'"}},
    {{"--cols", "1000000000000"}, {"--cols", "1000000000000"}},
    {{"--head-dim", "0"}, {"--head-dim"}},
    {{"--head-dim", "1025"}, {"--head-dim", "1025"}},
    {{"--max-seq", "0"}, {"--max-seq"}},
    {{"--max-seq", "65537"}, {"--max-seq", "65537"}},
    {{"--digit", "3"}, {"--digit", "3"}},
    {{"--digit", "0"}, {"--digit"}},
    {{"--digit", "9"}, {"--digit", "9"}},
    {{"--digit", "8", "--bits", "8,4,0"}, {"4"}},
    {{"--bits", "8,5,0"}, {"5", "digit"}},
    {{"--bits", "8,8"}, {"--bits", "8"}},
    {{"--bits", "0"}, {"--bits"}},
    {{"--bits", "9"}, {"--bits", "9"}},
    {{"--bits", "8,,4"}, {"--bits", "8,,4"}},
    {{"--bits", ""}, {"--bits"}},
    {{"--bits", "8,4,0,"}, {"--bits", "8,4,0,"}},
    {{"--bits", "8,4,x"}, {"--bits", "x"}},
    /* class c is the c-th entry: another order is refused, not re-sorted */
    {{"--bits", "0,4,8"}, {"descending", "'0,4,8'"}},
    {{"--digit", "2", "--bits", "0,2,8,6"}, {"--bits", "descending"}},
    {{"--bits", "8,4,6"}, {"--bits", "descending"}},
    {{"--sched", "bogus"}, {"bogus"}},
    {{"--arch", "bogus"}, {"bogus"}},
    {{"--round", "up"}, {"rounding", "up"}},
    {{"--arch", "fixed8", "--sched", "group"}, {"fixed8", "group"}},
    {{"--sched", "fuse", "--arch", "fixed8"}, {"fixed8", "fuse"}},
    {{"--comp", "--bits", "8,4"}, {"--comp", "0-bit"}},
    {{"--comp", "--arch", "fixed8"}, {"--comp", "fixed8"}},
    /* int8 runs one 8-bit plane a key, kept keys in arrival order */
    {{"--arch", "int8", "--digit", "4"}, {"int8 computes", "--digit 8 (got 4)"}},
    {{"--digit", "2", "--arch", "int8"}, {"int8 computes", "--digit 8 (got 2)"}},
    {{"--arch", "int8", "--sched", "fuse"}, {"int8", "fuse"}},
    {{"--sched", "lockstep", "--arch", "int8"}, {"int8", "lockstep"}},
    {{"--comp", "--arch", "int8", "--bits", "8,4"}, {"--comp", "0-bit"}},
    {{"--top", "9abc"}, {"--top", "9abc"}},
    {{"--top", "a-b"}, {"--top", "a-b"}},
    {{"--top", "module"}, {"--top", "module"}},
    {{"--top", ""}, {"--top"}},
    {{"--top", A10 A10 A10 A10 A10 A10}, {"--top", A10 A10 A10 A10 A10 A10}},
    {{"--acc-width", "10"}, {"--acc-width", "overflow"}},
    {{"--acc-width", "24"}, {"--acc-width", "25"}},
    {{"--acc-width", "65"}, {"--acc-width", "65"}},
    {{"--share", "0"}, {"--share", "'0'"}},
    {{"--share", "9"}, {"share", "cols = 8 (got 9)"}},
    {{"--cols", "4", "--share", "5"}, {"share", "cols = 4"}},
    {{"--share", "x"}, {"--share", "x"}},
    {{"--frobnicate"}, {"--frobnicate"}},
    {{"--rows", "4", "stray"}, {"stray"}},
    {{"--rows"}, {"--rows"}},
    {{"--cols", "4", "-o"}, {"-o"}},
    /* the core and the file list name the design by its path */
    {{"--core", "c.core"}, {"--core", "-o"}},
    {{"--filelist", "l.f", "--rows", "4"}, {"--filelist", "-o"}},
};

static void test_bad_options(void **state)
{
    fixture *fx = *state;
    char what[256];
    for (size_t i = 0; i < ARRAY_LEN(bad_cases); i++) {
        const bad_case *c = &bad_cases[i];
        describe(c->args, what, sizeof what);
        run_gen(&fx->runs[0], c->args);
        if (fx->runs[0].status != 2)
            fail_msg("case '%s': exit status %d, want 2 (stderr '%s')", what,
                     fx->runs[0].status, fx->runs[0].err);
        check_error_run(&fx->runs[0], what, c->want);
    }
}

/* ---- 2. bad options write no files ---- */

static void test_bad_options_write_nothing(void **state)
{
    fixture *fx = *state;
    char out[256], par[256], what[512], bad[256];
    in_dir(fx, "out.v", out, sizeof out);
    in_dir(fx, "p.h", par, sizeof par);
    const char *const cases[][8] = {
        {"--rows", "0", "-o", out, NULL},
        {"-o", out, "--rows", "0", NULL},
        {"-o", out, "--params", par, "--digit", "3", NULL},
        {"--params", par, "-o", out, "--frobnicate", NULL},
        {"-o", out, "--params", par, "stray", NULL},
        {"--output", out, "--acc-width", "21", NULL},
    };
    const char *const none[] = {NULL}, *const only_out[] = {"out.v", NULL};

    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        describe(cases[i], what, sizeof what);
        run_gen(&fx->runs[0], cases[i]);
        if (fx->runs[0].status != 2)
            fail_msg("case '%s': exit status %d, want 2", what, fx->runs[0].status);
        check_error_run(&fx->runs[0], what, NULL);
        if (exists(out) || exists(par) || dir_has_extra(fx->dir, none, bad, sizeof bad))
            fail_msg("case '%s': the output directory should stay empty", what);
    }

    write_text(out, "sentinel");
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        size_t len = 0;
        describe(cases[i], what, sizeof what);
        run_gen(&fx->runs[0], cases[i]);
        if (fx->runs[0].status != 2)
            fail_msg("case '%s': exit status %d, want 2", what, fx->runs[0].status);
        check_error_run(&fx->runs[0], what, NULL);
        if (slurp(&fx->bufs[0], out, &len) || len != 8 || memcmp(fx->bufs[0], "sentinel", 8))
            fail_msg("case '%s': existing %s was changed", what, out);
        if (dir_has_extra(fx->dir, only_out, bad, sizeof bad))
            fail_msg("case '%s': unexpected file '%s' left behind", what, bad);
    }
}

/* ---- 3. good input ---- */

static void test_good_small(void **state)
{
    fixture *fx = *state;
    run_result *r = &fx->runs[0];
    static const char *const modules[] = {
        "module vssa_ram", "module vssa_skid", "module vssa_pe", "module vssa_lane",
        "module vssa_array", "module vssa_dispatch_lockstep", "module vssa_dispatch_group",
        "module vssa_tile_table", "module vssa_sequencer", "module vssa_drain",
        "module vssa_qbuf", "module vssa_perf", "module vssa_ctrl", "module vssa #(",
    };
    run_gen(r, (const char *const[]){"--rows", "4", "--cols", "4", NULL});
    assert_int_equal(r->status, 0);
    assert_true(r->out_len > 0);
    assert_int_equal(r->out_len, strlen(r->out));
    assert_string_equal(r->err, "");
    assert_true(has_line(r->out, "// Command line: vssagen --rows 4 --cols 4"));
    /* first, so that testbenches with a timescale compile in any order */
    assert_true(strncmp(r->out, "`timescale 1ns/1ps\n", 19) == 0);
    for (size_t i = 0; i < ARRAY_LEN(modules); i++)
        if (!strstr(r->out, modules[i]))
            fail_msg("output lacks '%s'", modules[i]);
    assert_int_equal(count_line_prefix(r->out, "module "),
                     count_line_prefix(r->out, "endmodule"));
    assert_true(r->out[r->out_len - 1] == '\n');
}

/* Edge values that must be accepted. */
static void test_boundary_values_accepted(void **state)
{
    fixture *fx = *state;
    run_result *r = &fx->runs[0];
    static const char *const cases[][8] = {
        {"--rows", "1", "--cols", "1"},
        {"--rows", "128", "--cols", "128"},
        {"--rows=4", "--cols=4"},
        {"--head-dim", "1"},
        {"--head-dim", "1024"},
        {"--max-seq", "1"},
        {"--max-seq", "65536", "--rows", "1"},
        {"--digit", "1", "--bits", "8,7,6,5,4,3,2,1,0"},
        {"--digit", "2", "--bits", "8,6,2,0"},
        {"--digit", "8", "--bits", "8,0"},
        {"--bits", "8"},
        {"--acc-width", "25"},
        {"--acc-width", "64"},
        {"--round", "floor"},
        {"--round", "mid"},
        {"--sched", "lockstep"},
        {"--sched", "group"},
        {"--sched", "fuse", "--bits", "8,6,4,2", "--digit", "2"},
        {"--arch", "fixed8"},
        {"--arch", "fixed8", "--sched", "lockstep"},
        {"--arch", "int8"},
        {"--arch", "int8", "--digit", "8"},
        {"--arch", "int8", "--sched", "group", "--bits", "8,6,4,2,0", "--comp"},
        {"--share", "1"},
        {"--share", "8"},
        {"--cols", "3", "--share", "3"},
        {"--top", "_x9"},
        {"--top", A10 A10 A10 A10 "abcdefgh"},
    };
    char what[256];
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        describe(cases[i], what, sizeof what);
        run_gen(r, cases[i]);
        if (r->status != 0 || r->err_len != 0 || !strstr(r->out, "endmodule"))
            fail_msg("case '%s': exit status %d, stdout %zu bytes, stderr '%s'", what,
                     r->status, r->out_len, r->err);
    }
    assert_non_null(strstr(r->out, "module " A10 A10 A10 A10 "abcdefgh_pe"));
}

/* ---- 4. --top ---- */

static void test_top_rename(void **state)
{
    fixture *fx = *state;
    run_result *r = &fx->runs[0];
    run_gen(r, (const char *const[]){"--top", "myacc", NULL});
    assert_int_equal(r->status, 0);
    assert_string_equal(r->err, "");
    assert_null(strstr(r->out, "module vssa_"));
    assert_null(strstr(r->out, "module vssa "));
    assert_null(strstr(r->out, "module vssa("));
    assert_non_null(strstr(r->out, "module myacc_pe"));
    assert_non_null(strstr(r->out, "module myacc #("));
}

/* --top renames identifiers only: from the first module on, every line's
 * comment is the default design's, and its code is the default design's
 * with the identifier vssa and every vssa_* renamed. */
static void rename_code(const char *line, size_t len, char *out, size_t size)
{
    size_t o = 0;
    for (size_t i = 0; i < len && o + 8 < size;) {
        int id = isalnum((unsigned char)line[i]) || line[i] == '_';
        size_t j = i;
        if (!id) {
            out[o++] = line[i++];
            continue;
        }
        while (j < len && (isalnum((unsigned char)line[j]) || line[j] == '_'))
            j++;
        if (j - i >= 4 && !memcmp(line + i, "vssa", 4) && (j - i == 4 || line[i + 4] == '_')) {
            memcpy(out + o, "foo", 3);
            o += 3;
            i += 4;
        }
        while (i < j && o + 8 < size)
            out[o++] = line[i++];
    }
    out[o] = '\0';
}

static void test_top_rename_keeps_comments(void **state)
{
    fixture *fx = *state;
    run_result *a = &fx->runs[0], *b = &fx->runs[1];
    run_gen(a, (const char *const[]){"--rows", "4", "--cols", "4", "--comp", NULL});
    run_gen(b, (const char *const[]){"--rows", "4", "--cols", "4", "--comp", "--top", "foo", NULL});
    assert_int_equal(a->status, 0);
    assert_int_equal(b->status, 0);
    const char *p = strstr(a->out, "\nmodule "), *q = strstr(b->out, "\nmodule ");
    assert_non_null(p);
    assert_non_null(q);
    int line = 0, comments = 0;
    static char want[8192];
    while (*p && *q) {
        p++, q++, line++;
        size_t lp = strcspn(p, "\n"), lq = strcspn(q, "\n");
        const char *cp = strstr(p, "//"), *cq = strstr(q, "//");
        size_t kp = cp && (size_t)(cp - p) < lp ? (size_t)(cp - p) : lp;
        size_t kq = cq && (size_t)(cq - q) < lq ? (size_t)(cq - q) : lq;
        if (lp - kp != lq - kq || memcmp(p + kp, q + kq, lp - kp) != 0)
            fail_msg("module line %d: comment changed by --top foo:\n  %.*s\n  %.*s", line,
                     (int)(lp - kp), p + kp, (int)(lq - kq), q + kq);
        for (size_t i = kp; i + 4 <= lp; i++)
            if (!memcmp(p + i, "vssa", 4)) {
                comments++;
                break;
            }
        assert_true(kp < sizeof want / 2);
        rename_code(p, kp, want, sizeof want);
        if (strlen(want) != kq || memcmp(want, q, kq) != 0)
            fail_msg("module line %d: code is not the default design's renamed:\n  %s\n  %.*s",
                     line, want, (int)kq, q);
        p += lp;
        q += lq;
    }
    assert_true(*p == '\0' && *q == '\0');
    /* the check saw comments that name golden/vssa.h or a vssa_ module */
    assert_true(comments >= 5);
}

/* The 9-class design: TAG_PLANES and TAG_CLASS carry all 64 bits (they
 * were once cut to 60 by a fixed buffer, which made tag 0 run 7 planes). */
static void check_packed(const char *text, const char *name, const int *want, int count,
                         int width)
{
    const char *top = strstr(text, "\nmodule vssa #(");   /* the top's value, not a default */
    assert_non_null(top);
    const char *p = strstr(top, name);
    if (!p)
        fail_msg("no %s in the top module", name);
    p += strlen(name);
    p += strspn(p, " ");
    if (*p++ != '=')
        fail_msg("%s: no '='", name);
    p += strspn(p, " ");
    char *end;
    long n = strtol(p, &end, 10);
    if (n != count * width || strncmp(end, "'b", 2) != 0)
        fail_msg("%s: literal '%.12s', want %d'b", name, p, count * width);
    int bits[1024], nb = 0;
    for (p = end + 2; *p == '0' || *p == '1' || *p == '_'; p++)
        if (*p != '_' && nb < 1024)
            bits[nb++] = *p - '0';
    if (nb != count * width)
        fail_msg("%s: %d binary digits, want %d", name, nb, count * width);
    for (int t = 0; t < count; t++) {   /* entry 0 is the lowest field */
        int x = 0;
        for (int b = 0; b < width; b++)
            x = 2 * x + bits[(count - 1 - t) * width + b];
        if (x != want[t])
            fail_msg("%s: entry %d is %d, want %d", name, t, x, want[t]);
    }
}

static void test_nine_classes_literals(void **state)
{
    fixture *fx = *state;
    run_result *r = &fx->runs[0];
    run_gen(r, (const char *const[]){"--rows", "4", "--cols", "4", "--head-dim", "8", "--max-seq",
                                     "32", "--digit", "1", "--bits", "8,7,6,5,4,3,2,1,0", NULL});
    assert_int_equal(r->status, 0);
    int planes[16], cls[16];
    for (int t = 0; t < 16; t++) {   /* tags 9..15 read as the last class, 0 bits */
        planes[t] = t < 9 ? 8 - t : 0;
        cls[t] = t < 9 ? t : 8;
    }
    check_packed(r->out, "TAG_PLANES", planes, 16, 4);
    check_packed(r->out, "TAG_CLASS", cls, 16, 4);
}

/* ---- 5. determinism ---- */

static void test_deterministic(void **state)
{
    fixture *fx = *state;
    char f[256], what[256];
    in_dir(fx, "d.v", f, sizeof f);
    const char *const configs[][12] = {
        {NULL},
        {"--rows", "32", "--cols", "32", NULL},
        {"--rows", "5", "--cols", "7", "--digit", "2", "--bits", "8,6,2,0",
         "--head-dim", "12", NULL},
    };
    for (size_t i = 0; i < ARRAY_LEN(configs); i++) {
        const char *with_o[16];
        size_t n = 0, flen = 0;
        describe(configs[i], what, sizeof what);
        run_result *a = &fx->runs[0], *b = &fx->runs[1], *c = &fx->runs[2];
        run_gen(a, configs[i]);
        run_gen(b, configs[i]);
        if (a->status != 0 || b->status != 0 || a->out_len == 0)
            fail_msg("config '%s': exit status %d/%d, stderr '%s'", what, a->status,
                     b->status, a->err);
        if (a->out_len != b->out_len || memcmp(a->out, b->out, a->out_len) != 0)
            fail_msg("config '%s': two runs differ", what);

        for (; configs[i][n]; n++)
            with_o[n] = configs[i][n];
        with_o[n++] = "-o";
        with_o[n++] = f;
        with_o[n] = NULL;
        run_gen(c, with_o);
        if (c->status != 0 || c->out_len != 0 || c->err_len != 0)
            fail_msg("config '%s' -o: exit status %d, stdout %zu bytes, stderr '%s'",
                     what, c->status, c->out_len, c->err);
        if (slurp(&fx->bufs[0], f, &flen) != 0)
            fail_msg("config '%s': cannot read %s", what, f);
        if (count_line_prefix(fx->bufs[0], CMDLINE_PREFIX) != 1 ||
            count_line_prefix(a->out, CMDLINE_PREFIX) != 1)
            fail_msg("config '%s': want one '" CMDLINE_PREFIX "' line", what);
        if (!strstr(fx->bufs[0], f))
            fail_msg("config '%s': the file's command line lacks '-o %s'", what, f);
        const char *sf = strip_lines(&fx->bufs[1], fx->bufs[0], CMDLINE_PREFIX);
        const char *so = strip_lines(&fx->bufs[2], a->out, CMDLINE_PREFIX);
        if (strcmp(sf, so) != 0)
            fail_msg("config '%s': -o file differs from stdout beyond the command line", what);
    }
}

/* ---- 6. --params and file modes ---- */

static void test_params_header(void **state)
{
    fixture *fx = *state;
    char p[256];
    size_t len = 0;
    in_dir(fx, "p.h", p, sizeof p);
    run_result *r = &fx->runs[0];
    run_gen(r, (const char *const[]){"--rows", "4", "--params", p, NULL});
    assert_int_equal(r->status, 0);
    assert_string_equal(r->err, "");
    assert_non_null(strstr(r->out, "module vssa #("));   /* design still on stdout */
    assert_int_equal(slurp(&fx->bufs[0], p, &len), 0);
    assert_true(has_line(fx->bufs[0], "#define VSSA_ROWS 4"));
    assert_true(has_line(fx->bufs[0], "#define VSSA_ACC_W 25"));
    assert_true(has_line(fx->bufs[0], "#define VSSA_S_W 22"));
    assert_true(has_line(fx->bufs[0], "#define VSSA_MID 1"));
}

static void test_output_file_mode(void **state)
{
    fixture *fx = *state;
    char o[256], p[256];
    struct stat st;
    in_dir(fx, "d.v", o, sizeof o);
    in_dir(fx, "p.h", p, sizeof p);
    run_result *r = &fx->runs[0];
    run_gen(r, (const char *const[]){"-o", o, "--params", p, NULL});
    assert_int_equal(r->status, 0);
    assert_int_equal(r->out_len, 0);
    const char *paths[] = {o, p};
    for (size_t i = 0; i < ARRAY_LEN(paths); i++) {
        if (stat(paths[i], &st) != 0)
            fail_msg("%s was not written", paths[i]);
        /* Any umask of 0022 or looser leaves r--r--r--. */
        if ((st.st_mode & 0444) != 0444)
            fail_msg("%s has mode %04o, want it readable by all (mode & 0444 == 0444)",
                     paths[i], (unsigned)(st.st_mode & 07777));
    }
}

/* ---- 7. --acc-width ---- */

static void test_acc_width_40(void **state)
{
    fixture *fx = *state;
    run_result *r = &fx->runs[0];
    run_gen(r, (const char *const[]){"--acc-width", "40", NULL});
    assert_int_equal(r->status, 0);
    assert_string_equal(r->err, "");
    assert_non_null(strstr(r->out, "ACC_W      = 40"));
}

/* ---- 8. --help, --version ---- */

static void test_help_version(void **state)
{
    fixture *fx = *state;
    run_result *r = &fx->runs[0];
    run_gen(r, (const char *const[]){"--help", NULL});
    assert_int_equal(r->status, 0);
    assert_string_equal(r->err, "");
    assert_true(strncmp(r->out, "usage: vssagen", 14) == 0);
    assert_non_null(strstr(r->out, "--rows"));

    run_gen(r, (const char *const[]){"--version", NULL});
    assert_int_equal(r->status, 0);
    assert_string_equal(r->err, "");
    if (strncmp(r->out, "vssagen ", 8) != 0 || r->out_len < 10 ||
        r->out[r->out_len - 1] != '\n' || strcspn(r->out + 8, " \n") != r->out_len - 9)
        fail_msg("--version printed '%s', want 'vssagen VERSION' on one line", r->out);
}

/* ---- 9. unwritable outputs ---- */

static void test_unwritable_output(void **state)
{
    fixture *fx = *state;
    char o[256], p[256], what[512], bad[256];
    in_dir(fx, "d.v", o, sizeof o);
    in_dir(fx, "p.h", p, sizeof p);
    const char *const cases[][6] = {
        {"-o", "/nonexistent_dir/x.v", NULL},
        {"--params", "/nonexistent_dir/p.h", NULL},
        /* one bad path must keep the other file from appearing */
        {"-o", o, "--params", "/nonexistent_dir/p.h", NULL},
        {"-o", "/nonexistent_dir/x.v", "--params", p, NULL},
        {"-o", o, "--core", "/nonexistent_dir/c.core", NULL},
        {"-o", o, "--filelist", "/nonexistent_dir/l.f", NULL},
    };
    const char *const want[] = {"/nonexistent_dir/", NULL}, *const none[] = {NULL};
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        describe(cases[i], what, sizeof what);
        run_gen(&fx->runs[0], cases[i]);
        if (fx->runs[0].status != 2)   /* bad input, like a bad option */
            fail_msg("case '%s': exit status %d, want 2", what, fx->runs[0].status);
        check_error_run(&fx->runs[0], what, want);
        if (dir_has_extra(fx->dir, none, bad, sizeof bad))
            fail_msg("case '%s': '%s' was left in the output directory", what, bad);
    }
}

/* ---- 10. --core and --filelist ---- */

static void test_core_and_filelist(void **state)
{
    fixture *fx = *state;
    char o[256], p[256], c[256], l[256], line[128], bad[256];
    size_t len = 0;
    in_dir(fx, "d.v", o, sizeof o);
    in_dir(fx, "p.h", p, sizeof p);
    in_dir(fx, "c.core", c, sizeof c);
    in_dir(fx, "l.f", l, sizeof l);
    run_result *r = &fx->runs[0], *v = &fx->runs[1];
    run_gen(v, (const char *const[]){"--version", NULL});
    assert_int_equal(v->status, 0);
    v->out[v->out_len - 1] = '\0';
    run_gen(r, (const char *const[]){"--top", "yes", "-o", o, "--params", p, "--core", c,
                                     "--filelist", l, NULL});
    assert_int_equal(r->status, 0);
    assert_string_equal(r->err, "");
    assert_int_equal(slurp(&fx->bufs[0], c, &len), 0);
    assert_true(strncmp(fx->bufs[0], "CAPI=2:\n", 8) == 0);
    /* VLNV vssagen:vssa:TOP:VERSION; every file beside the core by its name */
    snprintf(line, sizeof line, "name: vssagen:vssa:yes:%s", v->out + 8);
    assert_true(has_line(fx->bufs[0], line));
    assert_true(has_line(fx->bufs[0], "      - \"d.v\""));
    assert_true(has_line(fx->bufs[0], "      - \"p.h\""));
    assert_true(has_line(fx->bufs[0], "    file_type: user"));
    assert_true(has_line(fx->bufs[0], "    toplevel: \"yes\""));   /* not the YAML boolean */
    assert_int_equal(slurp(&fx->bufs[1], l, &len), 0);
    assert_string_equal(fx->bufs[1], "d.v\n");

    /* refused, nothing written: a design outside the core's directory, a
     * path a file list cannot carry */
    static const char *const none[] = {NULL};
    char spaced[256];
    in_dir(fx, "a b.v", spaced, sizeof spaced);
    const char *const cases[][6] = {
        {"-o", "/dev/null", "--core", c, NULL},
        {"-o", spaced, "--filelist", l, NULL},
    };
    const char *const want[][3] = {{"--core", "not at or below", NULL}, {"--filelist", "a b.v", NULL}};
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        unlink(o);
        unlink(p);
        unlink(c);
        unlink(l);
        run_gen(r, cases[i]);
        if (r->status != 2)
            fail_msg("case %zu: exit status %d, want 2", i, r->status);
        check_error_run(r, "core/filelist refusal", want[i]);
        if (dir_has_extra(fx->dir, none, bad, sizeof bad))
            fail_msg("case %zu: '%s' was written", i, bad);
    }
}

int main(int argc, char **argv)
{
    if (argc > 1)
        g_bin = argv[1];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_bad_options, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_options_write_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_good_small, setup, teardown),
        cmocka_unit_test_setup_teardown(test_boundary_values_accepted, setup, teardown),
        cmocka_unit_test_setup_teardown(test_top_rename, setup, teardown),
        cmocka_unit_test_setup_teardown(test_top_rename_keeps_comments, setup, teardown),
        cmocka_unit_test_setup_teardown(test_nine_classes_literals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_deterministic, setup, teardown),
        cmocka_unit_test_setup_teardown(test_params_header, setup, teardown),
        cmocka_unit_test_setup_teardown(test_output_file_mode, setup, teardown),
        cmocka_unit_test_setup_teardown(test_acc_width_40, setup, teardown),
        cmocka_unit_test_setup_teardown(test_help_version, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unwritable_output, setup, teardown),
        cmocka_unit_test_setup_teardown(test_core_and_filelist, setup, teardown),
    };
    return cmocka_run_group_tests_name("cli", tests, NULL, NULL);
}
