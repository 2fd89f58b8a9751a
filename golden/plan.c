/* plan.c - tile formation and the cycle model (see plan.h). */
#include "plan.h"

#include <stdlib.h>

#include "vssa.h"

int vssa_tag_planes(const vssa_arch *a, int tag)
{
    if (tag < 0 || tag >= 1 << a->tag_w)
        tag = a->nclass - 1;
    return a->tag_planes[tag];
}

static void tile_add(vssa_tile *t, int planes)
{
    if (planes > t->planes)
        t->planes = planes;
    t->fill++;
    t->rows += planes > 0;
    t->work += planes;
}

static int plan_lockstep(const vssa_arch *a, const int *tags, int n,
                         vssa_tile *tiles, int *dropped)
{
    int ntiles = 0;
    int capacity = a->slots * a->rows;
    vssa_tile cur = {0, 0, 0, 0};
    for (int j = 0; j < n; j++) {
        if (j >= capacity) {
            (*dropped)++;
            continue;
        }
        tile_add(&cur, vssa_tag_planes(a, tags[j]));
        if (cur.fill == a->rows || j == n - 1) {
            if (cur.planes > 0)
                tiles[ntiles++] = cur;
            cur = (vssa_tile){0, 0, 0, 0};
        }
    }
    return ntiles;
}

static int plan_grouped(const vssa_arch *a, const int *tags, int n,
                        vssa_tile *tiles, int *dropped)
{
    int ntiles = 0, next_slot = 0;
    vssa_tile open[VSSA_MAX_CLASSES] = {{0, 0, 0, 0}};
    for (int j = 0; j < n; j++) {
        int planes = vssa_tag_planes(a, tags[j]);
        if (planes == 0)
            continue;
        int cls = tags[j] < a->nclass ? tags[j] : a->nclass - 1;
        vssa_tile *t = &open[cls];
        if (t->fill == 0) {
            if (next_slot == a->slots) {
                (*dropped)++;
                continue;
            }
            next_slot++;
        }
        tile_add(t, planes);
        if (t->fill == a->rows) {
            tiles[ntiles++] = *t;
            *t = (vssa_tile){0, 0, 0, 0};
        }
    }
    for (int cls = 0; cls < a->nz; cls++) {
        vssa_tile *t = &open[cls];
        if (t->fill == 0)
            continue;
        vssa_tile *pair = cls + 1 < a->nz ? &open[cls + 1] : NULL;
        if (a->sched == VSSA_SCHED_FUSE && cls % 2 == 0 && pair && pair->fill &&
            t->fill + pair->fill <= a->rows) {
            tiles[ntiles++] = (vssa_tile){t->planes, t->fill + pair->fill,
                                          t->rows + pair->rows, t->work + pair->work};
            *pair = (vssa_tile){0, 0, 0, 0};
        } else {
            tiles[ntiles++] = *t;
        }
    }
    return ntiles;
}

int vssa_plan_tiles(const vssa_arch *a, const int *tags, int n,
                    vssa_tile *tiles, int *dropped)
{
    *dropped = 0;
    if (a->sched == VSSA_SCHED_LOCKSTEP)
        return plan_lockstep(a, tags, n, tiles, dropped);
    return plan_grouped(a, tags, n, tiles, dropped);
}

int vssa_plan_timing(const vssa_arch *a, const int *tags, int n, vssa_timing *t)
{
    vssa_tile *tiles = malloc(sizeof *tiles * (size_t)(n + a->nclass + 1));
    if (!tiles)
        return -1;
    int dropped;
    int nt = vssa_plan_tiles(a, tags, n, tiles, &dropped);
    uint64_t d = (uint64_t)a->head_dim;
    uint64_t start = 2 + (uint64_t)a->fin_cycles;
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
    t->idle = (uint64_t)a->rows * end - busy - stall;
    t->tiles = (uint64_t)nt;
    t->drain_wait = wait;
    t->dropped = dropped;
    return 0;
}
