/* SPDX-License-Identifier: MIT */
/* test_arch.c - the architecture description (golden/arch.h): the documented
 * defaults, the tag table, the option checks and the parameter table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "arch.h"

static vssa_arch derived_defaults(void)
{
    vssa_arch a;
    char err[VSSA_ERR_MAX];
    vssa_arch_defaults(&a);
    if (vssa_arch_derive(&a, err))
        fail_msg("derive: %s", err);
    return a;
}

/* Derivation must fail with a message containing want. */
static void expect_refused(vssa_arch *a, const char *want)
{
    char err[VSSA_ERR_MAX] = "";
    assert_int_equal(vssa_arch_derive(a, err), -1);
    if (!strstr(err, want))
        fail_msg("message '%s' lacks '%s'", err, want);
    assert_null(strchr(err, '\n'));
}

static long param(const vssa_arch *a, const char *name)
{
    vssa_param p[VSSA_PARAMS_MAX];
    size_t n = vssa_arch_params(a, p, VSSA_PARAMS_MAX);
    for (size_t i = 0; i < n; i++)
        if (strcmp(p[i].name, name) == 0)
            return p[i].value;
    fail_msg("no parameter %s", name);
    return -1;
}

static void test_defaults(void **state)
{
    (void)state;
    vssa_arch a = derived_defaults();
    assert_int_equal(a.rows, 8);
    assert_int_equal(a.cols, 8);
    assert_int_equal(a.head_dim, 64);
    assert_string_equal(a.top, "vssa");
    assert_int_equal(a.sched, VSSA_SCHED_FUSE);
    /* |S| <= 16384 * 64 = 2^20 needs 21 magnitude bits and a sign */
    assert_int_equal(a.score_w, 22);
    assert_int_equal(a.pv_w, 25);      /* 255 * 128 * 512 < 2^24 */
    assert_int_equal(a.acc_w_min, 25);
    assert_int_equal(a.acc_w, 25);
    assert_int_equal(a.esum_w, 17);
    assert_int_equal(a.tt, 8);         /* d 64 over 8 lanes */
    assert_int_equal(a.vdepth, 8 * 512);
    assert_int_equal(a.out_dw, 512);   /* 64 int8 outputs beat 8 scores of 22 bits */
    assert_int_equal(a.max_planes, 2);
    assert_int_equal(a.nz, 2);
    /* 512 / 8 tiles, plus one: the two classes may each leave a partial tile */
    assert_int_equal(a.slots, 65);
    assert_int_equal(a.slot_w, 7);
    assert_int_equal(a.tile_w, 8);
    assert_int_equal(a.fin_cycles, 2);
    assert_int_equal(a.idx_w, 9);
    assert_int_equal(a.t_w, 6);
}

static void test_lockstep_slots(void **state)
{
    (void)state;
    vssa_arch a;
    char err[VSSA_ERR_MAX];
    vssa_arch_defaults(&a);
    a.sched = VSSA_SCHED_LOCKSTEP;
    assert_int_equal(vssa_arch_derive(&a, err), 0);
    assert_int_equal(a.slots, 64);
    assert_int_equal(a.slot_w, 6);
    assert_int_equal(a.fin_cycles, 0);
}

static void test_tag_table(void **state)
{
    (void)state;
    vssa_arch a = derived_defaults();
    static const int planes[] = {2, 1, 0, 0}, cls[] = {0, 1, 2, 2};
    assert_int_equal(a.tag_w, 2);
    for (int t = 0; t < 4; t++) {   /* tag 3 is unused: it reads as class 2 */
        assert_int_equal(a.tag_planes[t], planes[t]);
        assert_int_equal(a.tag_class[t], cls[t]);
    }
}

static void test_tag_table_five_classes(void **state)
{
    (void)state;
    vssa_arch a;
    char err[VSSA_ERR_MAX];
    static const int bits[] = {8, 6, 4, 2, 0};
    vssa_arch_defaults(&a);
    memcpy(a.bits, bits, sizeof bits);
    a.nclass = 5;
    a.digit = 2;
    a.sched = VSSA_SCHED_GROUP;
    assert_int_equal(vssa_arch_derive(&a, err), 0);
    assert_int_equal(a.tag_w, 3);
    assert_int_equal(a.nz, 4);
    assert_int_equal(a.fin_cycles, 4);
    assert_int_equal(a.slots, 64 + 3);
    for (int t = 0; t < 8; t++) {   /* tags 5..7 read as the pruned class */
        assert_int_equal(a.tag_class[t], t < 5 ? t : 4);
        assert_int_equal(a.tag_planes[t], t < 5 ? bits[t] / 2 : 0);
    }
}

static void test_fixed8_forces_lockstep(void **state)
{
    (void)state;
    vssa_arch a;
    char err[VSSA_ERR_MAX];
    vssa_arch_defaults(&a);
    a.kind = VSSA_ARCH_FIXED8;
    assert_int_equal(vssa_arch_derive(&a, err), 0);
    assert_int_equal(a.sched, VSSA_SCHED_LOCKSTEP);
    assert_int_equal(a.slots, 64);
    assert_int_equal(a.fin_cycles, 0);
    for (int t = 0; t < 4; t++)   /* pruned tags included: every token at 8 bits */
        assert_int_equal(a.tag_planes[t], 2);
    assert_int_equal(param(&a, "FIXED8"), 1);
    assert_int_equal(param(&a, "SCHED_ID"), VSSA_SCHED_LOCKSTEP);
}

/* --comp needs something to compensate for: a 0-bit class, and not fixed8. */
static void test_comp(void **state)
{
    (void)state;
    vssa_arch a;
    char err[VSSA_ERR_MAX];
    vssa_arch_defaults(&a);
    a.comp = 1;
    assert_int_equal(vssa_arch_derive(&a, err), 0);
    assert_int_equal(param(&a, "COMP"), 1);
    assert_int_equal(param(&a, "COMP_CYCLES"), 26 + 64);
    assert_int_equal(param(&a, "VS_W"), 8 + 10);   /* |sum| <= 128 * 512 */
    vssa_arch_defaults(&a);
    assert_int_equal(vssa_arch_derive(&a, err), 0);
    assert_int_equal(param(&a, "COMP"), 0);
    assert_int_equal(param(&a, "COMP_CYCLES"), 0);
    vssa_arch_defaults(&a);
    a.comp = 1;
    a.nclass = 2;   /* 8,4: nothing is pruned */
    expect_refused(&a, "--comp needs a 0-bit class");
    vssa_arch_defaults(&a);
    a.comp = 1;
    a.kind = VSSA_ARCH_FIXED8;
    expect_refused(&a, "--comp needs a 0-bit class");
}

static void test_fixed8_refuses_sched_group(void **state)
{
    (void)state;
    vssa_arch a;
    char err[VSSA_ERR_MAX];
    vssa_arch_defaults(&a);
    a.kind = VSSA_ARCH_FIXED8;
    a.sched = VSSA_SCHED_GROUP;
    a.sched_given = 1;
    expect_refused(&a, "drop --sched group");
    vssa_arch_defaults(&a);
    a.kind = VSSA_ARCH_FIXED8;
    a.sched = VSSA_SCHED_LOCKSTEP;
    a.sched_given = 1;
    assert_int_equal(vssa_arch_derive(&a, err), 0);
}

/* int8 (the skipping baseline): the digit becomes 8, every non-zero class
 * runs one plane in one class of tiles (group, filled in arrival order), and
 * a 0-bit class is pruned as under vssa. */
static void test_int8_tag_table(void **state)
{
    (void)state;
    vssa_arch a;
    char err[VSSA_ERR_MAX];
    vssa_arch_defaults(&a);   /* 8,4,0 at digit 4 */
    a.kind = VSSA_ARCH_INT8;
    assert_int_equal(vssa_arch_derive(&a, err), 0);
    assert_int_equal(a.digit, 8);
    assert_int_equal(a.max_planes, 1);
    assert_int_equal(a.sched, VSSA_SCHED_GROUP);
    assert_int_equal(a.nz, 1);
    assert_int_equal(a.fin_cycles, 1);
    assert_int_equal(a.slots, 64);   /* 512 keys over 8 lanes, no partial tile per class */
    const int planes[4] = {1, 1, 0, 0}, cls[4] = {0, 0, 2, 2};
    for (int t = 0; t < 4; t++) {
        assert_int_equal(a.tag_planes[t], planes[t]);
        assert_int_equal(a.tag_class[t], cls[t]);
    }
    assert_int_equal(param(&a, "INT8"), 1);
    assert_int_equal(param(&a, "FIXED8"), 0);
    assert_int_equal(param(&a, "DIGIT"), 8);
    assert_int_equal(param(&a, "NZ"), 1);
    /* five classes, none a multiple of 8 but the first: all run at 8 bits */
    vssa_arch_defaults(&a);
    a.kind = VSSA_ARCH_INT8;
    a.nclass = 5;
    const int bits[5] = {8, 6, 4, 2, 0};
    memcpy(a.bits, bits, sizeof bits);
    assert_int_equal(vssa_arch_derive(&a, err), 0);
    for (int t = 0; t < 8; t++) {
        assert_int_equal(a.tag_planes[t], t < 4 ? 1 : 0);
        assert_int_equal(a.tag_class[t], t < 4 ? 0 : 4);
    }
    /* --comp compensates for the pruned class as under vssa */
    vssa_arch_defaults(&a);
    a.kind = VSSA_ARCH_INT8;
    a.comp = 1;
    assert_int_equal(vssa_arch_derive(&a, err), 0);
    assert_int_equal(param(&a, "COMP"), 1);
    vssa_arch_defaults(&a);
    a.kind = VSSA_ARCH_INT8;
    a.comp = 1;
    a.nclass = 2;   /* 8,4: nothing is pruned */
    expect_refused(&a, "--comp needs a 0-bit class");
}

static void test_int8_refusals(void **state)
{
    (void)state;
    vssa_arch a;
    char err[VSSA_ERR_MAX];
    vssa_arch_defaults(&a);
    a.kind = VSSA_ARCH_INT8;
    a.digit = 4;
    a.digit_given = 1;
    expect_refused(&a, "--arch int8 computes every kept key as one 8-bit plane: it needs "
                       "--digit 8 (got 4)");
    vssa_arch_defaults(&a);
    a.kind = VSSA_ARCH_INT8;
    a.digit = 8;
    a.digit_given = 1;
    assert_int_equal(vssa_arch_derive(&a, err), 0);
    for (int s = VSSA_SCHED_LOCKSTEP; s <= VSSA_SCHED_FUSE; s++) {
        vssa_arch_defaults(&a);
        a.kind = VSSA_ARCH_INT8;
        a.sched = (vssa_sched)s;
        a.sched_given = 1;
        if (s == VSSA_SCHED_GROUP) {
            assert_int_equal(vssa_arch_derive(&a, err), 0);
        } else {
            char want[64];
            snprintf(want, sizeof want, "no scheduler choice (drop --sched %s)",
                     vssa_sched_name((vssa_sched)s));
            expect_refused(&a, want);
        }
    }
    vssa_arch_defaults(&a);
    a.kind = (vssa_archkind)3;   /* e.g. a bad kind in a parameter header */
    expect_refused(&a, "kind must be from 0 to 2 (got 3)");
}

static void test_acc_width(void **state)
{
    (void)state;
    vssa_arch a;
    char err[VSSA_ERR_MAX];
    vssa_arch_defaults(&a);
    a.acc_width = 24;
    expect_refused(&a,
                   "--acc-width 24 could overflow: scores of head dimension 64 need 22 bits, "
                   "P.V sums of 512 tokens 25");
    vssa_arch_defaults(&a);
    a.acc_width = 40;
    assert_int_equal(vssa_arch_derive(&a, err), 0);
    assert_int_equal(a.acc_w, 40);
    assert_int_equal(a.acc_w_min, 25);
}

static void test_precision_checks(void **state)
{
    (void)state;
    vssa_arch a;
    vssa_arch_defaults(&a);
    a.digit = 3;
    expect_refused(&a, "--digit must divide 8");
    vssa_arch_defaults(&a);
    a.bits[1] = 6;   /* 8,6,0 at digit 4 */
    expect_refused(&a, "precision 6 is not a multiple of the digit width 4");
    vssa_arch_defaults(&a);
    a.bits[1] = 8;   /* not strictly descending */
    expect_refused(&a, "precisions must be distinct");
    vssa_arch_defaults(&a);
    a.rows = 0;
    expect_refused(&a, "rows must be from 1");
    vssa_arch_defaults(&a);
    a.sched = (vssa_sched)7;   /* e.g. a bad SCHED_ID in a parameter header */
    expect_refused(&a, "sched must be from 0 to 2 (got 7)");
}

static void test_param_names_unique(void **state)
{
    (void)state;
    vssa_arch a = derived_defaults();
    vssa_param p[VSSA_PARAMS_MAX];
    size_t n = vssa_arch_params(&a, p, VSSA_PARAMS_MAX);
    assert_true(n > 0 && n <= VSSA_PARAMS_MAX);
    for (size_t i = 0; i < n; i++) {
        assert_non_null(p[i].meaning);
        for (size_t j = 0; j < i; j++)
            if (strcmp(p[i].name, p[j].name) == 0)
                fail_msg("parameter %s listed twice", p[i].name);
    }
    /* a short buffer gets a prefix, and the full length is still returned */
    assert_int_equal(vssa_arch_params(&a, p, 2), n);
    assert_int_equal(param(&a, "D"), 64);
    assert_int_equal(param(&a, "ACC_W"), 25);
    assert_int_equal(param(&a, "SLOTS"), 65);
}

/* Multiplies split into 17-bit digits: one stage of products, then one
 * stage per adder-tree level; the latencies follow the widths they serve. */
static void test_latencies(void **state)
{
    (void)state;
    assert_int_equal(vssa_mul_latency(17, 17), 1);
    assert_int_equal(vssa_mul_latency(17, 24), 2);
    assert_int_equal(vssa_mul_latency(18, 32), 3);
    assert_int_equal(vssa_mul_latency(35, 32), 4);
    assert_int_equal(vssa_mul_latency(40, 40), 5);   /* 9 products: 4 levels */
    vssa_arch a;
    char err[VSSA_ERR_MAX];
    vssa_arch_defaults(&a);
    a.head_dim = 2;                      /* 17-bit scores: two products */
    assert_int_equal(vssa_arch_derive(&a, err), 0);
    assert_int_equal(a.exp_mul_lat, 2);
    assert_int_equal(a.exp_lat, 4);
    assert_int_equal(a.sm_lat, 7);
    assert_int_equal(a.recip_lat, 22);
    a.head_dim = 64;                     /* 22-bit scores, 25-bit P.V sums */
    a.comp = 1;
    assert_int_equal(vssa_arch_derive(&a, err), 0);
    assert_int_equal(a.exp_lat, 5);
    assert_int_equal(a.rq_lat, 5);
    assert_int_equal(a.out_lat, 10);
}

/* One exponent unit and reciprocal per floor(D * p / rows) columns, p the
 * fewest planes of a kept token, within 1..cols; --share overrides. */
static void test_sm_share(void **state)
{
    (void)state;
    vssa_arch a = derived_defaults();          /* 8x8, d 64, 8/4/0 at digit 4 */
    assert_int_equal(a.sm_share, 8);           /* 64 * 1 / 8 */
    static const struct { int rows, cols, d, nclass, bits[3], digit, want; } c[] = {
        {32, 32, 64, 3, {8, 4, 0}, 4, 2},
        {64, 64, 64, 3, {8, 4, 0}, 4, 1},
        {128, 8, 64, 3, {8, 4, 0}, 4, 1},      /* floor gives 0: at least one */
        {4, 4, 16, 3, {8, 4, 0}, 4, 4},
        {8, 4, 64, 3, {8, 4, 0}, 4, 4},        /* 8 clamped to the columns */
        {32, 32, 64, 2, {8, 0}, 4, 4},         /* the fewest planes is 2 */
        {32, 32, 64, 3, {8, 6, 2}, 2, 2},      /* 2-bit keys: one plane */
    };
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
        char err[VSSA_ERR_MAX];
        vssa_arch_defaults(&a);
        a.rows = c[i].rows;
        a.cols = c[i].cols;
        a.head_dim = c[i].d;
        a.digit = c[i].digit;
        a.nclass = c[i].nclass;
        memcpy(a.bits, c[i].bits, sizeof c[i].bits);
        assert_int_equal(vssa_arch_derive(&a, err), 0);
        if (a.sm_share != c[i].want)
            fail_msg("case %zu: sm_share %d, want %d", i, a.sm_share, c[i].want);
    }
    a = derived_defaults();
    a.share = 3;
    assert_int_equal(vssa_arch_derive(&a, (char[VSSA_ERR_MAX]){0}), 0);
    assert_int_equal(a.sm_share, 3);
    a.share = 9;
    expect_refused(&a, "share must be from 1 to cols = 8 (got 9)");
}

static void test_names(void **state)
{
    (void)state;
    vssa_sched s;
    vssa_archkind k;
    for (int i = VSSA_SCHED_LOCKSTEP; i <= VSSA_SCHED_FUSE; i++) {
        assert_int_equal(vssa_sched_parse(vssa_sched_name((vssa_sched)i), &s), 0);
        assert_int_equal(s, i);
    }
    assert_int_equal(vssa_archkind_parse("fixed8", &k), 0);
    assert_int_equal(k, VSSA_ARCH_FIXED8);
    assert_int_equal(vssa_archkind_parse("int8", &k), 0);
    assert_int_equal(k, VSSA_ARCH_INT8);
    assert_string_equal(vssa_archkind_name(VSSA_ARCH_INT8), "int8");
    assert_string_equal(vssa_archkind_name(VSSA_ARCH_VSSA), "vssa");
    assert_int_equal(vssa_sched_parse("Fuse", &s), -1);
    assert_int_equal(vssa_archkind_parse("", &k), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_lockstep_slots),
        cmocka_unit_test(test_tag_table),
        cmocka_unit_test(test_tag_table_five_classes),
        cmocka_unit_test(test_fixed8_forces_lockstep),
        cmocka_unit_test(test_fixed8_refuses_sched_group),
        cmocka_unit_test(test_int8_tag_table),
        cmocka_unit_test(test_int8_refusals),
        cmocka_unit_test(test_comp),
        cmocka_unit_test(test_acc_width),
        cmocka_unit_test(test_precision_checks),
        cmocka_unit_test(test_param_names_unique),
        cmocka_unit_test(test_latencies),
        cmocka_unit_test(test_sm_share),
        cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests_name("arch", tests, NULL, NULL);
}
