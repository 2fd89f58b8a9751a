/* SPDX-License-Identifier: MIT */
/* test_npy.c - cmocka tests of the .npy reader and writer (golden/npy.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "npy.h"

/* One file per process: several test runs may share build/. */
static char path_buf[64];
#define PATH path_buf

/* A version 1.0 file with header text h (padded to 64) and nbytes of data. */
static void write_raw(const char *h, const void *data, size_t nbytes, int major)
{
    char pad[256];
    size_t pre = major == 1 ? 10 : 12;
    size_t hl = strlen(h), total = pre + hl + 1, np = (64 - total % 64) % 64;
    snprintf(pad, sizeof pad, "%s%*s\n", h, (int)np, "");
    FILE *f = fopen(PATH, "wb");
    assert_non_null(f);
    size_t len = strlen(pad);
    unsigned char p[12] = {0x93, 'N', 'U', 'M', 'P', 'Y', (unsigned char)major, 0,
                           (unsigned char)(len & 0xff), (unsigned char)(len >> 8), 0, 0};
    fwrite(p, 1, pre, f);
    fwrite(pad, 1, len, f);
    fwrite(data, 1, nbytes, f);
    fclose(f);
}

static void expect_refused(const char *why)
{
    npy_array a;
    char err[NPY_ERR_MAX] = "";
    assert_int_equal(npy_read(PATH, &a, err), -1);
    assert_null(a.data);
    assert_non_null(strstr(err, why));
}

static void test_round_trip(void **state)
{
    (void)state;
    int8_t o[6] = {-128, -1, 0, 1, 2, 127};
    uint16_t p[3] = {0, 1, 65535};
    size_t s2[2] = {2, 3}, s1[1] = {3};
    char err[NPY_ERR_MAX];
    npy_array a;
    assert_int_equal(npy_write(PATH, NPY_I1, 2, s2, o, err), 0);
    assert_int_equal(npy_read(PATH, &a, err), 0);
    assert_int_equal(a.dtype, NPY_I1);
    assert_int_equal(a.ndim, 2);
    assert_int_equal(a.shape[0], 2);
    assert_int_equal(a.shape[1], 3);
    for (int i = 0; i < 6; i++)
        assert_true(npy_value(&a, (size_t)i) == o[i]);
    npy_free(&a);
    assert_int_equal(npy_write(PATH, NPY_U2, 1, s1, p, err), 0);
    assert_int_equal(npy_read(PATH, &a, err), 0);
    assert_int_equal(a.ndim, 1);
    assert_true(npy_value(&a, 2) == 65535.0);
    npy_free(&a);
}

static void test_float_and_versions(void **state)
{
    (void)state;
    float f[2] = {1.5f, -2.25f};
    write_raw("{'shape': (1, 2), 'fortran_order': False, 'descr': '<f4', }", f, 8, 2);
    npy_array a;
    char err[NPY_ERR_MAX];
    assert_int_equal(npy_read(PATH, &a, err), 0);
    assert_true(npy_value(&a, 1) == -2.25);
    npy_free(&a);
}

static void test_refusals(void **state)
{
    (void)state;
    int8_t d[8] = {0};
    write_raw("{'descr': '|i1', 'fortran_order': False, 'shape': (2, 3), }", d, 5, 1);
    expect_refused("truncated data");
    write_raw("{'descr': '|i1', 'fortran_order': False, 'shape': (2, 3), }", d, 7, 1);
    expect_refused("trailing bytes");
    write_raw("{'descr': '|i1', 'fortran_order': True, 'shape': (2, 3), }", d, 6, 1);
    expect_refused("only C-order");
    write_raw("{'descr': '>f4', 'fortran_order': False, 'shape': (2,), }", d, 8, 1);
    expect_refused("little-endian");
    write_raw("{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }", d, 8, 1);
    expect_refused("little-endian");
    write_raw("{'descr': '|i1', 'fortran_order': False, 'shape': (1, 2, 3), }", d, 6, 1);
    expect_refused("a 3-D array: only 1-D or 2-D");
    write_raw("{'descr': '|i1', 'fortran_order': False, 'shape': (), }", d, 1, 1);
    expect_refused("a 0-D array: only 1-D or 2-D");
    write_raw("{'descr': '|i1', 'fortran_order': False, 'shape': (2, 3), }", d, 6, 4);
    expect_refused("version");
    FILE *f = fopen(PATH, "wb");
    fputs("PK\x03\x04 not numpy", f);
    fclose(f);
    expect_refused("bad magic");
    f = fopen(PATH, "wb");
    fwrite("\x93NUMPY\x01\x00\x40\x00{'descr'", 1, 18, f);
    fclose(f);
    expect_refused("truncated header");
    npy_array a;
    char err[NPY_ERR_MAX];
    assert_int_equal(npy_read("build/no/such/file.npy", &a, err), -1);
    /* an endless device: refused from its first bytes, not read to the end */
    assert_int_equal(npy_read("/dev/zero", &a, err), -1);
    assert_non_null(strstr(err, "bad magic"));
    assert_int_equal(npy_read("build", &a, err), -1);
    assert_non_null(strstr(err, "cannot read"));
}

static void test_write_failure_leaves_nothing(void **state)
{
    (void)state;
    int8_t o[1] = {1};
    size_t s[1] = {1};
    char err[NPY_ERR_MAX];
    assert_int_equal(npy_write("build/no/such/dir/o.npy", NPY_I1, 1, s, o, err), -1);
    assert_int_equal(access("build/no/such/dir/o.npy", F_OK), -1);
}

/* A short file declaring a huge shape is refused before any allocation (the
 * old reader allocated 16 GiB first: the sanitized build aborted). */
static void test_huge_shape_small_file(void **state)
{
    (void)state;
    int8_t d[64] = {0};
    write_raw("{'descr': '|i1', 'fortran_order': False, 'shape': (131072, 131072), }", d, 64, 1);
    expect_refused("truncated data: the file holds 64 bytes of data, the shape needs 17179869184");
    write_raw("{'descr': '<f8', 'fortran_order': False, 'shape': (4611686018427387904, 8), }", d, 8, 1);
    expect_refused("is too large");
    write_raw("{'descr': '<f8', 'fortran_order': False, 'shape': (4611686018427387905,), }", d, 8, 1);
    expect_refused("unsigned integers");
    write_raw("{'descr': '<i2', 'fortran_order': False, 'shape': (0, 3), }", d, 0, 1);
    npy_array a;
    char err[NPY_ERR_MAX];
    assert_int_equal(npy_read(PATH, &a, err), 0);
    assert_int_equal(a.count, 0);
    npy_free(&a);
}

/* numpy's dict keeps a duplicate key's last value; the old reader took the
 * first. Both readings are avoided: a repeated key is refused. */
static void test_duplicate_keys_refused(void **state)
{
    (void)state;
    int8_t d[8] = {0};
    write_raw("{'descr': '|i1', 'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", d, 8, 1);
    expect_refused("key 'descr' given twice");
    write_raw("{'descr': '|i1', 'fortran_order': False, 'fortran_order': True, 'shape': (2, 3), }",
              d, 6, 1);
    expect_refused("key 'fortran_order' given twice");
    write_raw("{'descr': '|i1', 'fortran_order': False, 'shape': (6,), 'shape': (2, 3), }", d, 6, 1);
    expect_refused("key 'shape' given twice");
}

static void test_text_after_dict_refused(void **state)
{
    (void)state;
    int8_t d[8] = {0};
    write_raw("{'descr': '|i1', 'fortran_order': False, 'shape': (2, 3), } x", d, 6, 1);
    expect_refused("text after the dict");
    write_raw("{'descr': '|i1', 'fortran_order': False, 'shape': (2, 3), }}", d, 6, 1);
    expect_refused("text after the dict");
    write_raw("{'descr': '|i1', 'fortran_order': False, 'shape': (2, 3), }\n", d, 6, 1);
    expect_refused("text after the dict");
}

/* Python reads "descr" and 'descr' alike; so does the reader now. */
static void test_double_quotes_accepted(void **state)
{
    (void)state;
    float f[2] = {1.5f, -2.25f};
    write_raw("{\"descr\": \"<f4\", \"fortran_order\": False, \"shape\": (1, 2), }", f, 8, 1);
    npy_array a;
    char err[NPY_ERR_MAX];
    assert_int_equal(npy_read(PATH, &a, err), 0);
    assert_int_equal(a.dtype, NPY_F4);
    assert_int_equal(a.ndim, 2);
    assert_true(npy_value(&a, 1) == -2.25);
    npy_free(&a);
    write_raw("{'descr': \"<f4', 'fortran_order': False, 'shape': (1, 2), }", f, 8, 1);
    expect_refused("descr is not a quoted string");
}

/* Every other header form numpy writes is read; anything else is refused. */
static void test_header_forms(void **state)
{
    (void)state;
    static const char *const good[] = {
        "{'descr': '|i1', 'fortran_order': False, 'shape': (6,), }",
        "{'descr': '|i1', 'fortran_order': False, 'shape': (6,)}",
        "{'shape': (2,3), 'descr': '|i1', 'fortran_order': False}",
        "{ 'descr' : '|i1' ,\t'fortran_order' : False , 'shape' : ( 2 , 3 , ) , }",
        "{'descr': '<i1', 'fortran_order': False, 'shape': (3, 2)}   ",
    };
    static const struct {
        const char *h, *why;
    } bad[] = {
        {"{'descr': '|i1', 'fortran_order': False, 'shape': (6,), 'extra': 1, }", "unknown key 'extra'"},
        {"{'descr': '|i1', 'fortran_order': False, }", "no key 'shape'"},
        {"{'descr': '|i1', 'shape': (6,), }", "no key 'fortran_order'"},
        {"{'fortran_order': False, 'shape': (6,), }", "no key 'descr'"},
        {"{'descr': '|i1', 'fortran_order': 0, 'shape': (6,), }", "not True or False"},
        {"{'descr': '|i1', 'fortran_order': 'False', 'shape': (6,), }", "not True or False"},
        {"{'descr': '|i1', 'fortran_order': false, 'shape': (6,), }", "not True or False"},
        {"{'descr': '|i1', 'fortran_order': Falsey, 'shape': (6,), }", "not True or False"},
        {"{'descr': '|i1', 'fortran_order': False, 'shape': (6), }", "shape is not a tuple"},
        {"{'descr': '|i1', 'fortran_order': False, 'shape': [2, 3], }", "shape is not a tuple"},
        {"{'descr': '|i1', 'fortran_order': False, 'shape': (2, 3, }", "shape holds"},
        {"{'descr': '|i1', 'fortran_order': False, 'shape': (-6,), }", "unsigned integers"},
        {"{'descr': '|i1', 'fortran_order': False, 'shape': (+6,), }", "unsigned integers"},
        {"{'descr': '|i1', 'fortran_order': False, 'shape': (6.0,), }", "unsigned integers"},
        {"{'descr': '|i1', 'fortran_order': False, 'shape': (0x6,), }", "unsigned integers"},
        {"{'descr': '|i1', 'fortran_order': False, 'shape': (06,), }", "unsigned integers"},
        {"{'descr': '|i1', 'fortran_order': False, 'shape': (2_3,), }", "unsigned integers"},
        {"{'descr': '|i1', 'fortran_order': False, 'shape': (6,,), }", "unsigned integers"},
        {"{'descr': '|i1', 'fortran_order': False, 'shape': (,), }", "unsigned integers"},
        {"{'descr': '|i\\1', 'fortran_order': False, 'shape': (6,), }", "descr is not a quoted string"},
        {"{'descr': '|i1' '', 'fortran_order': False, 'shape': (6,), }", "descr is not a quoted string"},
        {"{descr: '|i1', 'fortran_order': False, 'shape': (6,), }", "a key is not a quoted string"},
        {"{'descr' = '|i1', 'fortran_order': False, 'shape': (6,), }", "no ':' after a key"},
        {"{'descr': '|i1' 'fortran_order': False, 'shape': (6,), }", "descr is not a quoted string"},
        {"{'descr': '|i1', 'fortran_order': False 'shape': (6,), }", "no ',' or '}'"},
        {"{'descr': '|i1', 'fortran_order': False, 'shape': (6,), ,}", "a key is not a quoted string"},
        {"{'descr': '|i1', 'fortran_order': False, 'shape': (6,), ", "a key is not a quoted string"},
        {"dict(descr='|i1', fortran_order=False, shape=(6,))", "not a dict"},
        {"{'descr': 'i1', 'fortran_order': False, 'shape': (6,), }", "dtype 'i1' is not"},
        {"{'descr': '|f4', 'fortran_order': False, 'shape': (6,), }", "dtype '|f4' is not"},
    };
    int8_t d[6] = {1, 2, 3, 4, 5, 6};
    npy_array a;
    char err[NPY_ERR_MAX];
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        write_raw(good[i], d, 6, 1);
        if (npy_read(PATH, &a, err))
            fail_msg("%s: %s", good[i], err);
        assert_int_equal(a.count, 6);
        assert_true(npy_value(&a, 5) == 6.0);
        npy_free(&a);
    }
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        write_raw(bad[i].h, d, 6, 1);
        memset(err, 0, sizeof err);
        if (npy_read(PATH, &a, err) == 0) {
            npy_free(&a);
            fail_msg("accepted: %s", bad[i].h);
        }
        assert_null(a.data);
        if (!strstr(err, bad[i].why))
            fail_msg("%s: '%s', want '%s'", bad[i].h, err, bad[i].why);
    }
}

/* Format 1.0 has a 16-bit header length, 2.0 and 3.0 a 32-bit one; any
 * other version, minor ones included, is refused. */
static void test_versions(void **state)
{
    (void)state;
    int8_t d[6] = {1, 2, 3, 4, 5, 6};
    npy_array a;
    char err[NPY_ERR_MAX];
    for (int major = 1; major <= 3; major++) {
        write_raw("{'descr': '|i1', 'fortran_order': False, 'shape': (6,), }", d, 6, major);
        assert_int_equal(npy_read(PATH, &a, err), 0);
        npy_free(&a);
    }
    FILE *f = fopen(PATH, "r+b");
    assert_non_null(f);
    fseek(f, 7, SEEK_SET);
    fputc(1, f);   /* version 3.1 */
    fclose(f);
    expect_refused("unsupported .npy format version");
    write_raw("{'descr': '|i1', 'fortran_order': False, 'shape': (6,), }", d, 6, 2);
    f = fopen(PATH, "r+b");
    fseek(f, 10, SEEK_SET);
    fputc(1, f);   /* a 32-bit length of 65536 + 64 */
    fclose(f);
    expect_refused("header length out of range");
}

/* The same reader from memory (the fuzz target's entry point). */
static void test_parse_from_memory(void **state)
{
    (void)state;
    int8_t o[4] = {-1, 2, -3, 4};
    size_t s[1] = {4};
    char err[NPY_ERR_MAX];
    assert_int_equal(npy_write(PATH, NPY_I1, 1, s, o, err), 0);
    unsigned char buf[256];
    FILE *f = fopen(PATH, "rb");
    size_t len = fread(buf, 1, sizeof buf, f);
    fclose(f);
    npy_array a;
    assert_int_equal(npy_parse(buf, len, "mem", &a, err), 0);
    assert_true(npy_value(&a, 2) == -3.0);
    npy_free(&a);
    assert_int_equal(npy_parse(buf, len - 1, "mem", &a, err), -1);
    assert_string_equal(err, "mem: truncated data: the file holds 3 bytes of data, the shape needs 4");
    assert_null(a.data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_float_and_versions),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_write_failure_leaves_nothing),
        cmocka_unit_test(test_huge_shape_small_file),
        cmocka_unit_test(test_duplicate_keys_refused),
        cmocka_unit_test(test_text_after_dict_refused),
        cmocka_unit_test(test_double_quotes_accepted),
        cmocka_unit_test(test_header_forms),
        cmocka_unit_test(test_versions),
        cmocka_unit_test(test_parse_from_memory),
    };
    snprintf(path_buf, sizeof path_buf, "build/test_npy.%ld.npy", (long)getpid());
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    remove(PATH);
    return rc;
}
