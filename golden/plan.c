/* plan.c - tile formation and the cycle model (see plan.h). */
#include "plan.h"

#include <stdlib.h>

#include "vssa.h"

int vssa_tag_planes(const vssa_plan_cfg *c, int tag)
{
    if (c->fixed8)
        return 8 / c->digit;
    return vssa_class_bits(c->bits, c->nclass, tag) / c->digit;
}

static int nonzero_classes(const vssa_plan_cfg *c)
{
    int nz = 0;
    for (int i = 0; i < c->nclass; i++)
        nz += c->bits[i] != 0;
    return nz;
}

int vssa_plan_fin_cycles(const vssa_plan_cfg *c)
{
    return c->sched == VSSA_SCHED_LOCKSTEP ? 0 : nonzero_classes(c);
}

static void tile_add(vssa_tile *t, int planes)
{
    if (planes > t->planes)
        t->planes = planes;
    t->fill++;
    t->rows += planes > 0;
    t->work += planes;
}

static int plan_lockstep(const vssa_plan_cfg *c, const int *tags, int n,
                         vssa_tile *tiles, int *dropped)
{
    int ntiles = 0;
    int capacity = c->slots * c->rows;
    vssa_tile cur = {0, 0, 0, 0};
    for (int j = 0; j < n; j++) {
        if (j >= capacity) {
            (*dropped)++;
            continue;
        }
        tile_add(&cur, vssa_tag_planes(c, tags[j]));
        if (cur.fill == c->rows || j == n - 1) {
            if (cur.planes > 0)
                tiles[ntiles++] = cur;
            cur = (vssa_tile){0, 0, 0, 0};
        }
    }
    return ntiles;
}

static int plan_grouped(const vssa_plan_cfg *c, const int *tags, int n,
                        vssa_tile *tiles, int *dropped)
{
    int ntiles = 0, next_slot = 0;
    int nz = nonzero_classes(c);
    vssa_tile open[VSSA_MAX_CLASSES] = {{0, 0, 0, 0}};
    for (int j = 0; j < n; j++) {
        int planes = vssa_tag_planes(c, tags[j]);
        if (planes == 0)
            continue;
        int cls = tags[j] < c->nclass ? tags[j] : c->nclass - 1;
        vssa_tile *t = &open[cls];
        if (t->fill == 0) {
            if (next_slot == c->slots) {
                (*dropped)++;
                continue;
            }
            next_slot++;
        }
        tile_add(t, planes);
        if (t->fill == c->rows) {
            tiles[ntiles++] = *t;
            *t = (vssa_tile){0, 0, 0, 0};
        }
    }
    for (int cls = 0; cls < nz; cls++) {
        vssa_tile *t = &open[cls];
        if (t->fill == 0)
            continue;
        vssa_tile *pair = cls + 1 < nz ? &open[cls + 1] : NULL;
        if (c->sched == VSSA_SCHED_FUSE && cls % 2 == 0 && pair && pair->fill &&
            t->fill + pair->fill <= c->rows) {
            tiles[ntiles++] = (vssa_tile){t->planes, t->fill + pair->fill,
                                          t->rows + pair->rows, t->work + pair->work};
            *pair = (vssa_tile){0, 0, 0, 0};
        } else {
            tiles[ntiles++] = *t;
        }
    }
    return ntiles;
}

int vssa_plan_tiles(const vssa_plan_cfg *c, const int *tags, int n,
                    vssa_tile *tiles, int *dropped)
{
    *dropped = 0;
    if (c->sched == VSSA_SCHED_LOCKSTEP)
        return plan_lockstep(c, tags, n, tiles, dropped);
    return plan_grouped(c, tags, n, tiles, dropped);
}

int vssa_plan_timing(const vssa_plan_cfg *c, const int *tags, int n, vssa_timing *t)
{
    vssa_tile *tiles = malloc(sizeof *tiles * (size_t)(n + c->nclass + 1));
    if (!tiles)
        return -1;
    int dropped;
    int nt = vssa_plan_tiles(c, tags, n, tiles, &dropped);
    uint64_t d = (uint64_t)c->head_dim;
    uint64_t start = 2 + (uint64_t)vssa_plan_fin_cycles(c);
    uint64_t end = start, prev_last = 0, prev_rows = 0, busy = 0, stall = 0, wait = 0;
    for (int k = 0; k < nt; k++) {
        uint64_t len = d * (uint64_t)tiles[k].planes;
        uint64_t first = k ? prev_last + 1 : start;
        uint64_t last = first + len - 1;
        if (k && last < prev_last + 2 + prev_rows) {
            wait += prev_last + 2 + prev_rows - last;
            last = prev_last + 2 + prev_rows;
        }
        busy += d * (uint64_t)tiles[k].work;
        stall += d * ((uint64_t)tiles[k].planes * (uint64_t)tiles[k].rows -
                      (uint64_t)tiles[k].work);
        prev_last = last;
        prev_rows = (uint64_t)tiles[k].rows;
        end = last + 2 + prev_rows;
    }
    free(tiles);
    t->cycles = end;
    t->busy = busy;
    t->stall = stall;
    t->idle = (uint64_t)c->rows * end - busy - stall;
    t->tiles = (uint64_t)nt;
    t->drain_wait = wait;
    t->dropped = dropped;
    return 0;
}
