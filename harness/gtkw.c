/* SPDX-License-Identifier: MIT */
/* gtkw.c - GTKWave save files for a vssa-sim waveform: the signals of the
 * design in groups, each named as GTKWave names it in the FST file (the
 * scope path, then a vector's declared range), each with a display format.
 * `make test` checks on several designs that every name written exists in
 * the waveform (vssa-fstcheck --gtkw), so a renamed signal fails there. */
#include "gtkw.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define COUNT(x) (sizeof (x) / sizeof (x)[0])

/* GTKWave's trace flags, as its save files write them (@hex): a value's
 * radix, right-justified; a blank trace carries a comment or a group's
 * name. */
enum {
    TR_HEX = 0x2, TR_DEC = 0x4, TR_BIN = 0x8, TR_RJUSTIFY = 0x20, TR_BLANK = 0x200,
    TR_SIGNED = 0x400, TR_GRP_BEGIN = 0x800000, TR_GRP_END = 0x1000000
};
enum {
    HEX = TR_HEX | TR_RJUSTIFY, DEC = TR_DEC | TR_RJUSTIFY, SDEC = DEC | TR_SIGNED,
    BIN = TR_BIN | TR_RJUSTIFY
};

/* The view. GTKWave draws 200 pixels per 2^-zoom time units (two units a
 * cycle): at -5 the wave pane of the window below shows about 80 cycles,
 * at -4 about 40. Every name shown is kept short enough for the signal
 * pane's width, which GTKWave would widen for a longer one. */
enum { ZOOM_RUN = -5, ZOOM_MISMATCH = -4, PX_PER_FRAME = 200 };
enum { WIN_W = 1400, WIN_H = 900, NAMES_W = 300 };
/* The wave pane is the window less the signal pane and some 75 pixels of
 * frame and scroll bar (GTKWave 3.3.118); 40 makes the estimate an upper
 * bound, see view_start(). */
enum { PANE_FRAME_MIN = 40 };

typedef struct {
    strbuf *sb;
    char scope[VSSA_TOP_MAX + 16];  /* "top.vssa.": every name below it */
    int flags;                      /* the flags in force (-1: none yet) */
} writer;

typedef struct {
    const char *name;
    int width;              /* bits; 0: a scalar, declared without a range */
    int fmt;
} sig;

static void set_flags(writer *w, int f)
{
    if (f != w->flags)
        sb_printf(w->sb, "@%x\n", (unsigned)f);
    w->flags = f;
}

static void blank(writer *w, int f, const char *text)
{
    set_flags(w, f | TR_BLANK);
    sb_printf(w->sb, "-%s\n", text);
}

/* A signal's full name, as GTKWave lists it: a vector with its range, a
 * one-bit vector ([0:0]) with its one index. */
static void put_name(writer *w, const char *name, int width)
{
    sb_printf(w->sb, "%s%s", w->scope, name);
    if (width == 1)
        sb_puts(w->sb, "[0]");
    else if (width > 1)
        sb_printf(w->sb, "[%d:0]", width - 1);
}

static void trace(writer *w, const sig *s)
{
    set_flags(w, s->fmt);
    put_name(w, s->name, s->width);
    sb_puts(w->sb, "\n");
}

/* A trace shown under another name (a lane's signals would all read
 * busy_o). */
static void alias(writer *w, const char *shown, const sig *s)
{
    set_flags(w, s->fmt);
    sb_printf(w->sb, "+{%s} ", shown);
    put_name(w, s->name, s->width);
    sb_puts(w->sb, "\n");
}

static void group(writer *w, const char *name, const sig *s, size_t n)
{
    blank(w, TR_GRP_BEGIN, name);
    for (size_t i = 0; i < n; i++)
        trace(w, &s[i]);
    blank(w, TR_GRP_END, name);
}

static void streams(writer *w, const vssa_arch *a)
{
    const int tag = a->tag_w, idx = a->idx_w, data = a->head_dim * 8;
    const sig in[] = {
        {"clk_i", 0, BIN}, {"rst_ni", 0, BIN}, {"in_valid_i", 0, BIN}, {"in_ready_o", 0, BIN},
        {"in_query_i", 0, BIN}, {"in_cmd_i", 0, BIN}, {"in_last_i", 0, BIN},
        {"in_tag_i", tag, DEC}, {"in_idx_i", idx, DEC}, {"in_data_i", data, HEX},
        {"in_vtag_i", tag, DEC}, {"in_vdata_i", data, HEX}, {"trace_i", 0, BIN},
        {"comp_i", 0, BIN},
    };
    const sig out[] = {
        {"out_valid_o", 0, BIN}, {"out_ready_i", 0, BIN}, {"out_kind_o", 2, DEC},
        {"out_last_o", 0, BIN}, {"out_qbase_o", idx, DEC}, {"out_idx_o", idx, DEC},
        {"out_data_o", a->out_dw, HEX}, {"busy_o", 0, BIN}, {"err_o", 2, BIN},
    };
    group(w, "input stream", in, COUNT(in));
    group(w, "output stream", out, COUNT(out));
}

/* The key set's state, the block phases' slots (vssa_phase) and the Q.K^T
 * sequencer's position; under --precision hw the command and the ranker. */
static void phases(writer *w, const vssa_arch *a)
{
    const sig phase[] = {
        {"set_clear", 0, BIN}, {"u_ctrl.kstate_q", 2, DEC}, {"u_phase.q_full_q", 0, BIN},
        {"u_phase.q_done_q", 0, BIN}, {"u_phase.s_full_q", 0, BIN},
        {"u_phase.s_done_q", 0, BIN}, {"u_phase.p_full_q", 0, BIN}, {"u_phase.bank_q", 0, BIN},
        {"u_sequencer.tile_q", a->tile_w, DEC}, {"u_sequencer.plane_q", a->plane_w, DEC},
        {"u_sequencer.t_q", a->t_w, DEC},
    };
    const sig rank[] = {
        {"u_cmd.run_q", 0, BIN}, {"u_cmd.op_q", 2, DEC}, {"ranked", 0, BIN},
        {"to_top", 0, BIN}, {"g_rank.u_rank.state_q", 3, DEC},
    };
    group(w, "phase state", phase, COUNT(phase));
    if (a->prec_hw)
        group(w, "commands and ranking", rank, COUNT(rank));
}

/* Every lane's activity (vssa_lane): busy or stalled in the capture stage,
 * the digit in its PEs, the planes of its token. */
static void lanes(writer *w, const vssa_arch *a)
{
    const sig all[] = {
        {"lane_busy", a->rows, BIN}, {"lane_stall", a->rows, BIN}, {"cs_capture", 0, BIN},
    };
    const struct { const char *port, *shown; int width, fmt; } per[] = {
        {"busy_o", "busy", 0, BIN}, {"stall_o", "stall", 0, BIN},
        {"digit4_q", "digit", a->digit + 1, SDEC}, {"planes5_q", "planes", a->plane_w, DEC},
    };
    blank(w, TR_GRP_BEGIN, "lanes");
    for (size_t i = 0; i < COUNT(all); i++)
        trace(w, &all[i]);
    for (int r = 0; r < a->rows; r++) {
        for (size_t i = 0; i < COUNT(per); i++) {
            char name[80], shown[40];
            snprintf(name, sizeof name, "u_array.g_lane[%d].u_lane.%s", r, per[i].port);
            snprintf(shown, sizeof shown, "lane %d %s", r, per[i].shown);
            alias(w, shown, &(sig){name, per[i].width, per[i].fmt});
        }
    }
    blank(w, TR_GRP_END, "lanes");
}

static void counters(writer *w)
{
    static const char *const name[] = {"perf_cycles_o", "perf_busy_o", "perf_stall_o",
                                       "perf_idle_o", "perf_tiles_o", "perf_wait_o",
                                       "perf_qk_o", "perf_sm_o", "perf_pv_o"};
    sig s[COUNT(name)];
    for (size_t i = 0; i < COUNT(name); i++)
        s[i] = (sig){name[i], 32, DEC};
    group(w, "perf counters", s, COUNT(s));
}

/* The failing beat: its handshake and kind, and the bits of out_data_o
 * that carry the value, gathered bit by bit into one vector (GTKWave's
 * "(n)NAME" is bit n of NAME counted from its most significant end). */
static void mismatch(writer *w, const vssa_arch *a, const first_mismatch *m)
{
    const sig beat[] = {
        {"out_valid_o", 0, BIN}, {"out_ready_i", 0, BIN}, {"out_kind_o", 2, DEC},
        {"out_idx_o", a->idx_w, DEC}, {"out_qbase_o", a->idx_w, DEC}, {"out_last_o", 0, BIN},
    };
    const out_field *f = &m->field;
    /* "LEVEL query Q key K cycle C: expected E, got G" as two short lines */
    char where[sizeof m->what];
    const char *cut = strstr(m->what, " cycle "), *values = strstr(m->what, ": ");
    snprintf(where, sizeof where, "%.*s", cut ? (int)(cut - m->what) : (int)sizeof where - 1,
             m->what);
    blank(w, TR_GRP_BEGIN, "first mismatch");
    blank(w, 0, where);
    if (values)
        blank(w, 0, values + 2);
    for (size_t i = 0; i < COUNT(beat); i++)
        trace(w, &beat[i]);
    set_flags(w, f->is_signed ? SDEC : DEC);
    sb_printf(w->sb, "#{%sout_data_o[%d:%d]}", w->scope, f->lsb + f->width - 1, f->lsb);
    for (int b = f->lsb + f->width - 1; b >= f->lsb; b--) {
        sb_printf(w->sb, " (%d)", a->out_dw - 1 - b);
        put_name(w, "out_data_o", a->out_dw);
    }
    sb_puts(w->sb, "\n");
    blank(w, TR_GRP_END, "first mismatch");
}

/* The first time the view shows: the marker a quarter into it, but the
 * view not past the waveform's last time, where GTKWave would ignore the
 * start and show time 0 instead. Estimating the pane a little wide keeps
 * that from happening; it can only hide a marker in the last few time
 * units, and every beat is followed by some quiet cycles of the run. */
static uint64_t view_start(uint64_t marker, uint64_t last, int zoom)
{
    uint64_t view = (uint64_t)(WIN_W - NAMES_W - PANE_FRAME_MIN) * ((uint64_t)1 << -zoom) /
                    PX_PER_FRAME;
    uint64_t start = marker > view / 4 ? marker - view / 4 : 0;
    if (last < view)
        return 0;
    return start < last - view ? start : last - view;
}

int gtkw_path(const char *path, char out[GTKW_PATH_MAX])
{
    if (out_canonical(path, out, GTKW_PATH_MAX) != 0) {
        fprintf(stderr, "vssa-sim: error: cannot resolve '%s' for its save file: %s\n", path,
                strerror(errno));
        return -1;
    }
    if (strpbrk(out, "\"\n")) {
        fprintf(stderr, "vssa-sim: error: '%s' cannot be named in a GTKWave save file (a quote "
                        "or line break)\n", path);
        return -1;
    }
    return 0;
}

int gtkw_text(strbuf *sb, const vssa_arch *a, const char *fst, const char *save,
              const first_mismatch *m, uint64_t last)
{
    char fst_abs[GTKW_PATH_MAX], save_abs[GTKW_PATH_MAX];
    if (gtkw_path(fst, fst_abs) || gtkw_path(save, save_abs))
        return -1;
    writer w = {sb, "", -1};
    snprintf(w.scope, sizeof w.scope, "%s.%s.", SIM_SCOPE, a->top);
    uint64_t start = 0;
    long long marker = -1;
    if (m) {
        start = view_start(SIM_CYCLE_TIME(m->beat.cycle), last, ZOOM_MISMATCH);
        marker = (long long)SIM_CYCLE_TIME(m->beat.cycle);
    }
    sb_printf(sb, "[*] vssa-sim: the waveform of design %s, %dx%d lanes x columns, d=%d%s\n",
              a->top, a->rows, a->cols, a->head_dim, m ? ", at its first mismatch" : "");
    sb_printf(sb, "[dumpfile] \"%s\"\n[savefile] \"%s\"\n", fst_abs, save_abs);
    sb_printf(sb, "[timestart] %" PRIu64 "\n[size] %d %d\n[pos] -1 -1\n", start, WIN_W, WIN_H);
    sb_printf(sb, "*%d.000000 %lld\n", m ? ZOOM_MISMATCH : ZOOM_RUN, marker);
    sb_printf(sb, "[sst_expanded] 0\n[signals_width] %d\n", NAMES_W);
    if (m)
        mismatch(&w, a, m);
    streams(&w, a);
    phases(&w, a);
    lanes(&w, a);
    counters(&w);
    if (sb->failed)
        fprintf(stderr, "vssa-sim: error: out of memory\n");
    return sb->failed ? -1 : 0;
}

int gtkw_names(const char *wave, char save[GTKW_PATH_MAX], char mismatch[GTKW_PATH_MAX])
{
    size_t n = strlen(wave);
    int stem = n > 4 && strcmp(wave + n - 4, ".fst") == 0 ? (int)(n - 4) : (int)n;
    int a = snprintf(save, GTKW_PATH_MAX, "%.*s.gtkw", stem, wave);
    int b = snprintf(mismatch, GTKW_PATH_MAX, "%.*s.mismatch.gtkw", stem, wave);
    return a < 0 || b < 0 || a >= GTKW_PATH_MAX || b >= GTKW_PATH_MAX ? -1 : 0;
}
