/* SPDX-License-Identifier: MIT */
/* sim.h - the C view of one generated design under Verilator: a thin shim
 * over the C++ model (sim.cpp), so the driver stays plain C. One cycle is
 * sim_settle() (clock low: combinational outputs follow the inputs just set),
 * reads of the handshake outputs, then sim_tick() (the rising edge). */
#ifndef VSSA_SIM_H
#define VSSA_SIM_H

#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sim sim;

typedef struct {
    int valid, query, last;
    int cmd;              /* a command beat: opcode in data[0] (SIM_CMD_*) */
    unsigned tag, idx;
    const int8_t *data;   /* head_dim elements; NULL sends zeros */
    unsigned vtag;        /* a key beat's value token */
    const int8_t *vdata;
} sim_in;

/* Output beat kinds (out_kind_o). */
enum { SIM_KIND_SCORE = 0, SIM_KIND_PROB = 1, SIM_KIND_OUT = 2, SIM_KIND_TOKEN = 3 };

/* Command opcodes (in_data_i[1:0] of a command beat). */
enum { SIM_CMD_CLEAR = 1, SIM_CMD_RANK = 2, SIM_CMD_TOP = 3 };

typedef struct {
    uint64_t cycles, busy, stall, idle, tiles, wait;
    uint64_t qk, sm, pv;   /* cycles in each block phase */
} sim_perf;

/* A waveform's times: cycle c (sim_cycle() during it) is dumped at time
 * SIM_CYCLE_TIME(c), clock low, with its inputs set and its outputs
 * settled, as the harness reads them; the rising edge that ends it at
 * SIM_CYCLE_TIME(c) + 1. The model is the scope SIM_SCOPE, its top
 * module's signals under SIM_SCOPE.<top module>. */
#define SIM_CYCLE_TIME(c) (2 * (uint64_t)(c))
#define SIM_SCOPE "top"

/* fst_path NULL: no waveform. x_seed 0: every variable the design does not
 * reset starts at 0; otherwise Verilator's random initial values from that
 * seed. Returns NULL with a message on stderr. */
sim *sim_open(const char *fst_path, uint32_t x_seed);
void sim_close(sim *s);
/* --stim-out: from now on, one line per rising edge with every input port's
 * value at that edge (docs/harness.md "Stimulus and counter files"). */
void sim_record(sim *s, FILE *stim);
/* --counters-out: the final counters, err_o and the port status digest. */
int sim_write_counters(const sim *s, FILE *f);
void sim_reset(sim *s);            /* a few cycles with rst_ni low */
void sim_set_in(sim *s, const sim_in *in);
void sim_set_out_ready(sim *s, int ready);
/* The run-time settings: trace_i, es_i, os_i, comp_i. */
void sim_set_config(sim *s, int trace, uint32_t es, uint32_t os, int comp);
/* ratio_i: cut c's per mille (nclass - 1 of them). */
void sim_set_ratio(sim *s, const int *pm, int ncut);
void sim_settle(sim *s);
void sim_tick(sim *s);
uint64_t sim_cycle(const sim *s);  /* rising edges since sim_open */

int sim_in_ready(const sim *s);
int sim_out_valid(const sim *s);
int sim_out_ready(const sim *s);  /* the value last set */
int sim_out_last(const sim *s);
int sim_out_kind(const sim *s);
unsigned sim_out_idx(const sim *s);
unsigned sim_out_qbase(const sim *s);
/* Field i of out_data_o, width bits, sign-extended when is_signed. */
int64_t sim_out_field(const sim *s, int i, int width, int is_signed);
int sim_busy(const sim *s);
unsigned sim_err(const sim *s);
void sim_get_perf(const sim *s, sim_perf *p);

#ifdef __cplusplus
}
#endif

#endif
