/* SPDX-License-Identifier: MIT */
/* report.c - the run's opening lines and its summary. */
#include <inttypes.h>
#include <stdio.h>

#include "harness.h"

void report_start(const vssa_arch *a, const options *o, const head *hd)
{
    int count[VSSA_MAX_CLASSES] = {0};
    for (int j = 0; j < hd->n; j++)
        count[hd->w.tag[j]]++;
    printf("vssa-sim: %s %dx%d d=%d digit=%d arch=%s sched=%s acc_w=%d\n", a->top, a->rows,
           a->cols, a->head_dim, a->digit, vssa_archkind_name(a->kind),
           vssa_sched_name(a->sched), a->acc_w);
    if (o->model_dir)
        printf("workload: %s, %d layers x %d heads, keys=%d queries=%d block=%d ratios=%s "
               "gaps=%d%% backpressure=%d%%\n", o->model_dir, o->layers, o->heads, hd->n, hd->m,
               o->block, o->mix->name, o->gaps, o->backpressure);
    else if (o->tensors)
        printf("workload: %s, %s, %s%s%s: keys=%d queries=%d block=%d tags=%s gaps=%d%% "
               "backpressure=%d%%\n", o->qpath, o->kpath, o->vpath, o->tpath ? ", " : "",
               o->tpath ? o->tpath : "", hd->n, hd->m, o->block,
               o->tpath ? "file" : o->mix->name, o->gaps, o->backpressure);
    else
        printf("workload: seed=%" PRIu64 " heads=%d keys=%d queries=%d block=%d mix=%s "
               "order=%s gaps=%d%% backpressure=%d%%\n", o->seed, o->heads, hd->n, hd->m,
               o->block, o->mix->name, wl_order_name(o->order), o->gaps, o->backpressure);
    printf("tokens of head 0:");
    for (int c = 0; c < a->nclass; c++)
        printf(" %d-bit %d%s", a->bits[c], count[c], c + 1 < a->nclass ? "," : "\n");
    printf("round=%s ES=%u OS=%u trace=%s\n", vssa_round_name(a->round), hd->es, hd->os,
           o->trace ? "on" : "off");
    printf("error vs float (head 0): scores cosine %.6f (max_abs %.4g), probabilities cosine "
           "%.6f, outputs cosine %.6f (max_abs %.4g)\n", hd->err.score.cosine,
           hd->err.score.max_abs, hd->err.prob.cosine, hd->err.out.cosine, hd->err.out.max_abs);
}

/* Prints the summary; returns 1 if the run passed. */
int report_end(const vssa_arch *a, const options *o, const tally *t)
{
    printf("values: %" PRIu64 " checked (%" PRIu64 " scores, %" PRIu64 " probabilities, %" PRIu64
           " outputs, %" PRIu64 " token beats), %" PRIu64 " mismatches\n", t->checked,
           t->by_kind[0], t->by_kind[1], t->by_kind[2], t->tokens, t->mismatches);
    const char *model = o->gaps || o->backpressure ? "model without gaps or back-pressure"
                                                   : "model";
    printf("cycles: %" PRIu64 " busy (%s %" PRIu64 "), tiles %" PRIu64 ", lane-cycles busy %"
           PRIu64 " stall %" PRIu64 " idle %" PRIu64 ", held operations %" PRIu64 "\n",
           t->cycles, model, t->model_cycles, t->tiles, t->busy, t->stall, t->idle, t->wait);
    printf("end to end: %" PRIu64 " cycles from the first input beat to the last output beat "
           "(%s %" PRIu64 "), ideal %.1f, utilization %.1f%%\n", t->span, model, t->model_span,
           t->ideal, t->span ? 100.0 * t->ideal / (double)t->span : 0.0);
    printf("phases: Q.K^T %" PRIu64 " cycles, softmax %" PRIu64 ", P.V and O rows %" PRIu64
           " (ideal Q.K^T and P.V %.1f each)\n", t->qk, t->sm, t->pv, t->ideal / 2);
    if (t->cmd_count[SIM_CMD_RANK])
        printf("commands: %" PRIu64 " rankings, %" PRIu64 " cycles (model %" PRIu64 "),"
               " %" PRIu64 " clears, %" PRIu64 " cycles, %" PRIu64 " returns to the top class,"
               " %" PRIu64 " cycles\n", t->cmd_count[SIM_CMD_RANK], t->cmd_cycles[SIM_CMD_RANK],
               t->cmd_model[SIM_CMD_RANK], t->cmd_count[SIM_CMD_CLEAR],
               t->cmd_cycles[SIM_CMD_CLEAR], t->cmd_count[SIM_CMD_TOP],
               t->cmd_cycles[SIM_CMD_TOP]);
    if (o->csv)
        printf("csv: %d,%d,%d,%d,%s,%s,%d,%d,%s,%s,%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%.1f,%"
               PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%.4f,%" PRIu64 ",%" PRIu64
               ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 "\n",
               a->rows, a->cols, a->head_dim, a->digit, vssa_archkind_name(a->kind),
               vssa_sched_name(a->sched), o->n, o->m, o->tpath ? "file" : o->mix->name,
               wl_order_name(o->order),
               o->seed, t->cycles, t->model_cycles, t->ideal, t->busy, t->stall, t->idle,
               t->tiles, t->wait, t->bound, t->span, t->model_span, t->qk, t->sm, t->pv);
    if (o->wave)
        printf("waveform: %s\n", o->wave);
    int pass = t->mismatches == 0 && t->failures == 0 && (t->checked > 0 || o->m == 0);
    printf("RESULT: %s seed=%" PRIu64 "\n", pass ? "PASS" : "FAIL", o->seed);
    return pass;
}
