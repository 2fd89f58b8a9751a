/* plan.c - tile formation and the cycle model (see plan.h). */
#include "plan.h"

#include <stdlib.h>

#include "vssa.h"

int vssa_tag_planes(const vssa_plan_cfg *c, int tag)
{
    return vssa_class_bits(c->bits, c->nclass, tag) / c->digit;
}

static void tile_add(vssa_tile *t, int planes)
{
    if (planes > t->planes)
        t->planes = planes;
    t->fill++;
    t->rows += planes > 0;
    t->work += planes;
}

int vssa_plan_tiles(const vssa_plan_cfg *c, const int *tags, int n,
                    vssa_tile *tiles, int *dropped)
{
    int ntiles = 0;
    int capacity = c->slots * c->rows;
    vssa_tile cur = {0, 0, 0, 0};
    *dropped = 0;
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

int vssa_plan_timing(const vssa_plan_cfg *c, const int *tags, int n, vssa_timing *t)
{
    vssa_tile *tiles = malloc(sizeof *tiles * (size_t)(n + c->nclass + 1));
    if (!tiles)
        return -1;
    int dropped;
    int nt = vssa_plan_tiles(c, tags, n, tiles, &dropped);
    uint64_t d = (uint64_t)c->head_dim;
    uint64_t end = 2, prev_last = 0, prev_rows = 0, busy = 0, stall = 0, wait = 0;
    for (int k = 0; k < nt; k++) {
        uint64_t len = d * (uint64_t)tiles[k].planes;
        uint64_t first = k ? prev_last + 1 : 2;
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
