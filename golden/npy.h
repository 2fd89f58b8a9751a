/* SPDX-License-Identifier: MIT */
/* npy.h - NumPy .npy files (format versions 1.0, 2.0 and 3.0): read one
 * array whole, checked against its header, and write one atomically.
 *
 * Reading accepts little-endian or byte-order-free integer and float dtypes
 * (i1 u1 i2 u2 i4 u4 i8 u8 f4 f8), C order, 1 or 2 dimensions, and a file
 * whose length is exactly the header plus the data. The header must be the
 * dict literal numpy writes: exactly the keys descr, fortran_order and
 * shape, each once, in single or double quotes; True or False; a tuple of
 * unsigned decimal integers; nothing after the dict but spaces and the
 * final newline. Anything else (bad magic or version, a malformed header,
 * Fortran order, a big-endian or unknown dtype, short or trailing data) is
 * refused with a one-line message, before any allocation the header
 * declares: the data's size is checked against the file's first. */
#ifndef VSSA_NPY_H
#define VSSA_NPY_H

#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

#define NPY_ERR_MAX 256

typedef enum {
    NPY_I1, NPY_U1, NPY_I2, NPY_U2, NPY_I4, NPY_U4, NPY_I8, NPY_U8, NPY_F4, NPY_F8
} npy_dtype;

typedef struct {
    npy_dtype dtype;
    int ndim;            /* 1 or 2 */
    size_t shape[2];     /* shape[1] is 1 for a 1-D array */
    size_t count;        /* shape[0] * shape[1] */
    void *data;          /* count elements, host order */
} npy_array;

/* 0, or -1 with a message in err (NPY_ERR_MAX bytes) and nothing allocated. */
int npy_read(const char *path, npy_array *a, char *err);
/* The same from the image of a whole file in memory; name is for messages. */
int npy_parse(const void *buf, size_t len, const char *name, npy_array *a, char *err);
void npy_free(npy_array *a);

/* Element i as a double, and whether the dtype is an integer type. */
double npy_value(const npy_array *a, size_t i);
int npy_is_int(npy_dtype t);
const char *npy_dtype_name(npy_dtype t);

/* Writes a C-order array of dtype t (i1 or u2 or any other listed), to
 * path through a temporary file renamed into place, so a failed write
 * leaves no file. 0, or -1 with a message in err. */
int npy_write(const char *path, npy_dtype t, int ndim, const size_t *shape,
              const void *data, char *err);
/* The same file's bytes to an open stream (the tools' output files go
 * through gen/emit.h's rule); name is for the message. */
int npy_fwrite(FILE *f, const char *name, npy_dtype t, int ndim, const size_t *shape,
               const void *data, char *err);

#endif
