/* SPDX-License-Identifier: MIT */
// sim.cpp - extern "C" shim over the Verilated model of one configuration.
// Built with -include <params.h> and VTOP naming the model class.
#include "sim.h"

#include <cstdio>
#include <cstring>
#include <memory>

#include "verilated.h"
#include "verilated_fst_c.h"

#define STR2(x) #x
#define STR(x) STR2(x)
#define HDR(x) STR(x.h)
#include HDR(VTOP)

struct sim {
    VerilatedContext ctx;
    VTOP *top = nullptr;
    VerilatedFstC *fst = nullptr;
    uint64_t cycle = 0;
    FILE *stim = nullptr;
    // Digest of the status outputs of every cycle out of reset, sampled
    // where the harness reads them: the Icarus bench computes the same.
    uint64_t status = 0xcbf29ce484222325ULL;
};

// Wide ports are word arrays; narrow ones are plain integers.
template <std::size_t N> static uint32_t *words(VlWide<N> &w) { return w.data(); }
template <std::size_t N> static const uint32_t *words(const VlWide<N> &w) { return w.data(); }

static uint64_t bits_at(const uint32_t *w, int lsb, int width)
{
    uint64_t v = 0;
    for (int b = 0; b < width; b++)
        v |= (uint64_t)((w[(lsb + b) / 32] >> ((lsb + b) % 32)) & 1u) << b;
    return v;
}

template <typename T> static void to_words(const T &v, uint32_t *out, int nwords)
{
    if constexpr (std::is_integral<T>::value) {
        uint64_t x = v;
        for (int i = 0; i < nwords; i++)
            out[i] = i < 2 ? (uint32_t)(x >> (32 * i)) : 0;
    } else {
        std::memcpy(out, words(v), sizeof(uint32_t) * (size_t)nwords);
    }
}

template <typename T> static void from_words(T &port, const uint32_t *w)
{
    if constexpr (std::is_integral<T>::value)
        port = (T)((uint64_t)w[0] | (sizeof(T) > 4 ? (uint64_t)w[1] << 32 : 0));
    else
        std::memcpy(words(port), w, sizeof(uint32_t) * ((VSSA_RATIO_W + 31) / 32));
}

template <typename T> static void from_bytes(T &port, const int8_t *data, int n)
{
    if constexpr (std::is_integral<T>::value) {
        uint64_t x = 0;
        for (int i = 0; i < n && data; i++)
            x |= (uint64_t)(uint8_t)data[i] << (8 * i);
        port = (T)x;
    } else {
        uint32_t *w = words(port);
        std::memset(w, 0, sizeof(uint32_t) * ((n * 8 + 31) / 32));
        for (int i = 0; i < n && data; i++)
            w[i / 4] |= (uint32_t)(uint8_t)data[i] << (8 * (i % 4));
    }
}

// Digits of a port value, most significant first, width bits.
static void put_hex(FILE *f, const uint32_t *w, int width)
{
    for (int d = (width + 3) / 4 - 1; d >= 0; d--)
        std::fputc("0123456789abcdef"[bits_at(w, 4 * d, width - 4 * d < 4 ? width - 4 * d : 4)], f);
}

template <typename T> static void put_port(FILE *f, const T &port, int width, char sep)
{
    constexpr int WMAX = VSSA_D * 8 > VSSA_RATIO_W ? VSSA_D * 8 : VSSA_RATIO_W;
    uint32_t w[(WMAX + 31) / 32 + 2] = {0};
    to_words(port, w, (width + 31) / 32);
    put_hex(f, w, width);
    std::fputc(sep, f);
}

// One line of --stim-out: the inputs the coming rising edge samples, in the
// order tests/icarus/tb_top.v reads them (docs/harness.md "Stimulus and counter files").
static void record_inputs(sim *s)
{
    VTOP *t = s->top;
    FILE *f = s->stim;
    put_port(f, t->rst_ni, 1, ' ');
    put_port(f, t->in_valid_i, 1, ' ');
    put_port(f, t->in_query_i, 1, ' ');
    put_port(f, t->in_cmd_i, 1, ' ');
    put_port(f, t->in_last_i, 1, ' ');
    put_port(f, t->in_tag_i, VSSA_TAG_W, ' ');
    put_port(f, t->in_idx_i, VSSA_IDX_W, ' ');
    put_port(f, t->in_vtag_i, VSSA_TAG_W, ' ');
    put_port(f, t->trace_i, 1, ' ');
    put_port(f, t->comp_i, 1, ' ');
    put_port(f, t->es_i, 32, ' ');
    put_port(f, t->os_i, 24, ' ');
    put_port(f, t->ratio_i, VSSA_RATIO_W, ' ');
    put_port(f, t->out_ready_i, 1, ' ');
    put_port(f, t->in_data_i, VSSA_D * 8, ' ');
    put_port(f, t->in_vdata_i, VSSA_D * 8, '\n');
}

extern "C" {

sim *sim_open(const char *fst_path, uint32_t x_seed)
{
    sim *s = new sim;
    // Before the model exists: its constructor draws the initial values.
    if (x_seed) {
        s->ctx.randReset(2);
        s->ctx.randSeed((int)x_seed);
    }
    s->top = new VTOP(&s->ctx, SIM_SCOPE);
    if (fst_path) {
        s->ctx.traceEverOn(true);
        s->fst = new VerilatedFstC;
        s->top->trace(s->fst, 99);
        s->fst->open(fst_path);
        if (!s->fst->isOpen()) {
            std::fprintf(stderr, "vssa-sim: cannot open waveform '%s'\n", fst_path);
            sim_close(s);
            return nullptr;
        }
    }
    s->top->clk_i = 0;
    s->top->rst_ni = 1;
    s->top->in_valid_i = 0;
    s->top->out_ready_i = 0;
    // Settle once with rst_ni high, so that sim_reset's fall is an edge: the
    // asynchronous resets act at once, as in hardware (and under Icarus,
    // where rst_ni falls from X), not only at the first rising clock edge.
    s->top->eval();
    return s;
}

void sim_close(sim *s)
{
    if (!s)
        return;
    if (s->fst) {
        s->fst->close();
        delete s->fst;
    }
    s->top->final();
    delete s->top;
    delete s;
}

void sim_settle(sim *s)
{
    s->top->clk_i = 0;
    s->top->eval();
    if (s->fst)
        s->fst->dump(SIM_CYCLE_TIME(s->cycle));
}

void sim_tick(sim *s)
{
    if (s->stim)
        record_inputs(s);
    if (s->top->rst_ni) {
        uint64_t st = (uint64_t)(s->top->in_ready_o & 1) | (uint64_t)(s->top->busy_o & 1) << 1 |
                      (uint64_t)(s->top->out_valid_o & 1) << 2 | (uint64_t)s->top->err_o << 3;
        s->status = (s->status ^ st) * 0x100000001b3ULL;
    }
    s->top->clk_i = 1;
    s->top->eval();
    if (s->fst)
        s->fst->dump(SIM_CYCLE_TIME(s->cycle) + 1);
    s->cycle++;
}

void sim_reset(sim *s)
{
    s->top->rst_ni = 0;
    for (int i = 0; i < 3; i++) {
        sim_settle(s);
        sim_tick(s);
    }
    s->top->rst_ni = 1;
}

/* The low w bits: a port gets exactly its own bits. Verilator does not mask
 * what is written into a narrow port, and stray high bits would reach the
 * fields packed above it (an index of 16 into a 2-bit in_idx_i would set
 * in_cmd_i inside the design's beat). */
static uint32_t port_bits(uint32_t v, int w) { return w >= 32 ? v : v & ((1u << w) - 1u); }

void sim_set_in(sim *s, const sim_in *in)
{
    s->top->in_valid_i = in->valid & 1u;
    s->top->in_query_i = in->query & 1u;
    s->top->in_cmd_i = in->cmd & 1u;
    s->top->in_last_i = in->last & 1u;
    s->top->in_tag_i = port_bits(in->tag, VSSA_TAG_W);
    s->top->in_idx_i = port_bits(in->idx, VSSA_IDX_W);
    from_bytes(s->top->in_data_i, in->data, VSSA_D);
    s->top->in_vtag_i = port_bits(in->vtag, VSSA_TAG_W);
    from_bytes(s->top->in_vdata_i, in->vdata, VSSA_D);
}

void sim_set_config(sim *s, int trace, uint32_t es, uint32_t os, int comp)
{
    s->top->trace_i = trace;
    s->top->comp_i = comp;
    s->top->es_i = es;
    s->top->os_i = os;
}

void sim_set_ratio(sim *s, const int *pm, int ncut)
{
    uint32_t w[(VSSA_RATIO_W + 31) / 32 + 1] = {0};
    for (int c = 0; c < ncut; c++)
        for (int b = 0; b < 10; b++)
            w[(10 * c + b) / 32] |= (uint32_t)((pm[c] >> b) & 1) << ((10 * c + b) % 32);
    from_words(s->top->ratio_i, w);
}

void sim_record(sim *s, FILE *stim) { s->stim = stim; }

int sim_write_counters(const sim *s, FILE *f)
{
    sim_perf p;
    sim_get_perf(s, &p);
    return std::fprintf(f, "cycles %llu\nperf %llu %llu %llu %llu %llu %llu %llu %llu %llu\n"
                           "err %u\nstatus %016llx\n",
                        (unsigned long long)s->cycle, (unsigned long long)p.cycles,
                        (unsigned long long)p.busy, (unsigned long long)p.stall,
                        (unsigned long long)p.idle, (unsigned long long)p.tiles,
                        (unsigned long long)p.wait, (unsigned long long)p.qk,
                        (unsigned long long)p.sm, (unsigned long long)p.pv,
                        (unsigned)s->top->err_o, (unsigned long long)s->status) < 0 ? -1 : 0;
}

void sim_set_out_ready(sim *s, int ready) { s->top->out_ready_i = ready; }
uint64_t sim_cycle(const sim *s) { return s->cycle; }
int sim_in_ready(const sim *s) { return s->top->in_ready_o; }
int sim_out_valid(const sim *s) { return s->top->out_valid_o; }
int sim_out_ready(const sim *s) { return s->top->out_ready_i; }
int sim_out_last(const sim *s) { return s->top->out_last_o; }
int sim_out_kind(const sim *s) { return s->top->out_kind_o; }
unsigned sim_out_idx(const sim *s) { return s->top->out_idx_o; }
unsigned sim_out_qbase(const sim *s) { return s->top->out_qbase_o; }
int sim_busy(const sim *s) { return s->top->busy_o; }
unsigned sim_err(const sim *s) { return s->top->err_o; }

int64_t sim_out_field(const sim *s, int i, int width, int is_signed)
{
    uint32_t w[(VSSA_OUT_DW + 31) / 32 + 2] = {0};
    to_words(s->top->out_data_o, w, (VSSA_OUT_DW + 31) / 32);
    uint64_t v = bits_at(w, i * width, width);
    if (is_signed && width < 64 && (v >> (width - 1)) & 1)
        v |= ~(uint64_t)0 << (width & 63);
    return (int64_t)v;
}

void sim_get_perf(const sim *s, sim_perf *p)
{
    p->cycles = s->top->perf_cycles_o;
    p->busy = s->top->perf_busy_o;
    p->stall = s->top->perf_stall_o;
    p->idle = s->top->perf_idle_o;
    p->tiles = s->top->perf_tiles_o;
    p->wait = s->top->perf_wait_o;
    p->qk = s->top->perf_qk_o;
    p->sm = s->top->perf_sm_o;
    p->pv = s->top->perf_pv_o;
}

} // extern "C"
