/* SPDX-License-Identifier: MIT */
/* fuzz_npy.c - libFuzzer target: the .npy reader (golden/npy.c) on any
 * bytes as a whole file. A file it accepts must hold exactly the data its
 * header declares; every element is read. */
#include <stdint.h>
#include <stdlib.h>

#include "npy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    npy_array a;
    char err[NPY_ERR_MAX];
    if (npy_parse(data, size, "fuzz", &a, err) != 0) {
        if (a.data || !err[0])
            abort();   /* a refusal allocates nothing and says why */
        return 0;
    }
    if (a.ndim < 1 || a.ndim > 2 || a.count != a.shape[0] * a.shape[1] || a.count > size)
        abort();
    double sum = 0;
    for (size_t i = 0; i < a.count; i++)
        sum += npy_value(&a, i);
    (void)sum;
    npy_free(&a);
    return 0;
}
