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

#define PATH "build/test_npy.npy"

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
    expect_refused("C-order");
    write_raw("{'descr': '>f4', 'fortran_order': False, 'shape': (2,), }", d, 8, 1);
    expect_refused("little-endian");
    write_raw("{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }", d, 8, 1);
    expect_refused("little-endian");
    write_raw("{'descr': '|i1', 'fortran_order': False, 'shape': (1, 2, 3), }", d, 6, 1);
    expect_refused("1-D or 2-D");
    write_raw("{'descr': '|i1', 'fortran_order': False, 'shape': (), }", d, 1, 1);
    expect_refused("1-D or 2-D");
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_float_and_versions),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_write_failure_leaves_nothing),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    remove(PATH);
    return rc;
}
