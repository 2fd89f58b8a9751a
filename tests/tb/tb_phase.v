// SPDX-License-Identifier: MIT
// tb_phase.v - self-checking testbench for vssa_phase (gen/rtl/phase.v).
//
// Blocks are started at random cycles where allow_o is high, and start_i
// comes the cycle after, as the controller registers its start; now and
// then with trace_i high (held from the decision to the start, as the host
// holds it). The settings inputs (nq_i, qbase_i, es_i, os_i, comp_i,
// qidx_i, and trace_i outside a start) change in every cycle; qk_done_i, sm_done_i and out_done_i are random in every
// cycle, whether a block waits for them or not, and seq_idle_i and
// pv_idle_i are random too. Checked every cycle against a reference model
// of the three slots Q (Q.K^T), S (softmax) and P (P.V) of the module
// comment:
//  - allow_o, busy_o, sm_start_o (the move Q -> S, the cycle after the
//    Q.K^T's done pulse or later, S empty) and pv_start_o (S -> P, the
//    cycle after the softmax's done pulse or later, P empty), which does
//    not come in a cycle of start_i; never both in one cycle;
//  - the outputs of each slot: the settings its block had at its start,
//    its query indices as qidx_i had them the cycle after, its bank (the
//    banks alternate by block); in the cycle of a move, the slot shows the
//    block moving in; qbase_o the oldest block's;
//  - a traced block starts only with every slot free, and nothing starts
//    while it is in flight;
//  - the three cycle counters, and their restart on clear_i.
// Coverage: blocks overlapped (a start while another block is in S or P),
// moves blocked by a full slot, P.V held back by Q.K^T in the array or by a
// start, traced blocks, and done pulses.
// Parameters: COLS, QCNT_W, IDX_W, BLOCKS. Prints one final line:
// PASS tb_phase: ... or FAIL tb_phase: ...
`timescale 1ns/1ps
module tb_phase;
  parameter integer COLS   = 4;
  parameter integer QCNT_W = 3;
  parameter integer IDX_W  = 6;
  parameter integer BLOCKS = 600;
  localparam TB_NAME = "tb_phase";
  `include "tb_common.vh"

  // A block's settings: {bank, comp, os, es, trace, qbase, nq, qidx}.
  localparam integer SET_W = 1 + 1 + 24 + 32 + 1 + IDX_W + QCNT_W + COLS * IDX_W;
  localparam integer O_NQ = COLS * IDX_W, O_QBASE = O_NQ + QCNT_W, O_TRACE = O_QBASE + IDX_W;
  localparam integer O_ES = O_TRACE + 1, O_OS = O_ES + 32, O_COMP = O_OS + 24, O_BANK = O_COMP + 1;

  reg                   clear, start, trace_in, comp_in, qk_done, sm_done, out_done;
  reg                   seq_idle, pv_idle;
  reg  [QCNT_W-1:0]     nq_in;
  reg  [IDX_W-1:0]      qbase_in;
  reg  [COLS*IDX_W-1:0] qidx_in;
  reg  [31:0]           es_in;
  reg  [23:0]           os_in;
  wire                  allow, busy, sm_start, pv_start, qk_trace, qk_bank, sm_trace, sm_comp;
  wire                  sm_bank, pv_comp, pv_bank;
  wire [31:0]           sm_es, qk_cyc, sm_cyc, pv_cyc;
  wire [23:0]           sm_os;
  wire [QCNT_W-1:0]     sm_nq, pv_nq;
  wire [COLS*IDX_W-1:0] pv_qidx;
  wire [IDX_W-1:0]      qbase_out;

  vssa_phase #(.COLS(COLS), .QCNT_W(QCNT_W), .IDX_W(IDX_W)) dut (
    .clk_i(clk), .rst_ni(rst_n), .clear_i(clear), .start_i(start), .nq_i(nq_in),
    .qbase_i(qbase_in), .qidx_i(qidx_in), .trace_i(trace_in), .es_i(es_in), .os_i(os_in),
    .comp_i(comp_in), .qk_done_i(qk_done), .sm_done_i(sm_done), .out_done_i(out_done),
    .seq_idle_i(seq_idle), .pv_idle_i(pv_idle), .allow_o(allow), .busy_o(busy),
    .sm_start_o(sm_start), .pv_start_o(pv_start), .qk_trace_o(qk_trace), .qk_bank_o(qk_bank),
    .sm_trace_o(sm_trace), .sm_es_o(sm_es), .sm_os_o(sm_os), .sm_comp_o(sm_comp),
    .sm_nq_o(sm_nq), .sm_bank_o(sm_bank), .pv_nq_o(pv_nq), .pv_qidx_o(pv_qidx),
    .pv_comp_o(pv_comp), .pv_bank_o(pv_bank), .qbase_o(qbase_out), .qk_cycles_o(qk_cyc),
    .sm_cycles_o(sm_cyc), .pv_cycles_o(pv_cyc)
  );

  // The reference model.
  reg             qf, qd, sf, sd, pf, mbank, fresh;
  reg [SET_W-1:0] qs, ss, ps;
  reg [31:0]      cq, cs, cp;
  reg             p_leave, p_free, s_ready, pv_go, s_free, q_ready, q_go, traced, empty, e_allow;
  reg [SET_W-1:0] s_show, p_show;
  integer         blocks, k, c0;
  reg             drain;   // now and then no start until the slots are empty
  reg             decide, trace_dec;   // a start decided, and its trace_i
  integer         cov_overlap, cov_qwait, cov_pv_held, cov_pv_start, cov_traced, cov_done;

  task model_wires;
    begin
      p_leave = pf && out_done;
      p_free  = !pf;
      s_ready = sf && sd;
      pv_go   = s_ready && p_free && seq_idle && !start;
      s_free  = !sf;
      q_ready = qf && qd;
      q_go    = q_ready && s_free;
      traced  = (qf && qs[O_TRACE]) || (sf && ss[O_TRACE]) || (pf && ps[O_TRACE]);
      empty   = !qf && !sf && !pf;
      e_allow = !qf && pv_idle && !pv_go && !traced && (!trace_in || empty);
      s_show  = q_go ? qs : ss;
      p_show  = pv_go ? ss : ps;
    end
  endtask

  task check_outputs;
    begin
      if (allow !== e_allow) tb_err("allow_o wrong");
      if (busy !== !empty) tb_err("busy_o wrong");
      if (sm_start !== q_go) tb_err("sm_start_o wrong");
      if (pv_start !== pv_go) tb_err("pv_start_o wrong");
      if (qf && (qk_trace !== qs[O_TRACE] || qk_bank !== qs[O_BANK])) tb_err("Q slot outputs wrong");
      if ((sf || q_go) && ({sm_bank, sm_comp, sm_os, sm_es, sm_trace, sm_nq} !==
                           {s_show[O_BANK], s_show[O_COMP], s_show[O_OS +: 24], s_show[O_ES +: 32],
                            s_show[O_TRACE], s_show[O_NQ +: QCNT_W]}))
        tb_err("S slot outputs wrong");
      if ((pf || pv_go) && ({pv_bank, pv_comp, pv_nq, pv_qidx} !==
                            {p_show[O_BANK], p_show[O_COMP], p_show[O_NQ +: QCNT_W],
                             p_show[0 +: COLS * IDX_W]}))
        tb_err("P slot outputs wrong");
      if (!empty && qbase_out !== (pf ? ps[O_QBASE +: IDX_W] : sf ? ss[O_QBASE +: IDX_W] :
                                   qs[O_QBASE +: IDX_W]))
        tb_err("qbase_o is not the oldest block's");
      if (qk_cyc !== cq || sm_cyc !== cs || pv_cyc !== cp) tb_err("cycle counters wrong");
    end
  endtask

  task model_edge;
    begin
      if (clear) begin
        cq = 0; cs = 0; cp = 0;
      end else begin
        if (qf && !qd) cq = cq + 1;
        if (sf && !sd) cs = cs + 1;
        if (pf) cp = cp + 1;
      end
      // the slots, all from this cycle's state
      if (pv_go) ps = ss;
      if (q_go) ss = qs;
      if (fresh) qs[0 +: COLS * IDX_W] = qidx_in;
      if (start) qs = {mbank, comp_in, os_in, es_in, trace_in, qbase_in, nq_in, {(COLS * IDX_W){1'b0}}};
      if (pv_go) pf = 1'b1; else if (p_leave) pf = 1'b0;
      if (q_go) begin sf = 1'b1; sd = 1'b0; end
      else if (pv_go) sf = 1'b0;
      else if (sm_done) sd = 1'b1;
      if (start) begin qf = 1'b1; qd = 1'b0; mbank = !mbank; end
      else if (q_go) qf = 1'b0;
      else if (qk_done) qd = 1'b1;
      fresh = start;
    end
  endtask

  initial begin
    tb_seed(9 + COLS + QCNT_W + IDX_W);
    qf = 0; qd = 0; sf = 0; sd = 0; pf = 0; mbank = 0; fresh = 0; cq = 0; cs = 0; cp = 0;
    qs = 0; ss = 0; ps = 0; blocks = 0; drain = 0; decide = 0; trace_dec = 0;
    cov_overlap = 0; cov_qwait = 0; cov_pv_held = 0; cov_pv_start = 0; cov_traced = 0;
    cov_done = 0;
    clear = 0; start = 0; trace_in = 0; comp_in = 0; qk_done = 0; sm_done = 0; out_done = 0;
    seq_idle = 1; pv_idle = 1; nq_in = 0; qbase_in = 0; qidx_in = 0; es_in = 0; os_in = 0;
    tb_reset(2);
    c0 = cyc;
    while (blocks < BLOCKS || decide || !empty) begin
      $sformat(tb_where, "block %0d", blocks);
      nq_in = $random(seed); qbase_in = $random(seed); es_in = $random(seed);
      os_in = $random(seed); comp_in = $random(seed);
      start = decide;
      trace_in = start ? trace_dec : tb_one_in(12);
      if (tb_one_in(150)) drain = 1'b1;
      if (drain && empty && !start) begin drain = 1'b0; trace_in = !tb_one_in(3); end
      for (k = 0; k < COLS; k = k + 1) qidx_in[k*IDX_W +: IDX_W] = $random(seed);
      qk_done  = tb_one_in(6);
      sm_done  = tb_one_in(6);
      out_done = tb_one_in(6);
      seq_idle = !tb_one_in(4);
      pv_idle  = !tb_one_in(4);
      clear    = tb_one_in(300);
      model_wires;
      decide = e_allow && !start && blocks < BLOCKS && !drain && tb_one_in(2);
      trace_dec = trace_in;
      #1;
      check_outputs;
      if (start && (sf || pf)) cov_overlap = cov_overlap + 1;
      if (q_ready && !s_free) cov_qwait = cov_qwait + 1;
      if (s_ready && p_free && !seq_idle) cov_pv_held = cov_pv_held + 1;
      if (s_ready && p_free && seq_idle && start) cov_pv_start = cov_pv_start + 1;
      if (start && trace_in) cov_traced = cov_traced + 1;
      if (qf && qk_done && !qd) cov_done = cov_done + 1;
      if (q_go && pv_go) tb_err("two moves in one cycle");
      if (decide) blocks = blocks + 1;
      @(posedge clk);
      model_edge;
      #1;
    end
    tb_where = 0;
    if (cov_overlap == 0 || cov_qwait == 0 || cov_pv_held == 0 || cov_pv_start == 0 ||
        cov_traced == 0 || cov_done == 0) begin
      tb_err("coverage: overlap, a full S, P.V held back (array, start), traced blocks or a Q.K^T done");
      $display("    %0d %0d %0d %0d %0d %0d", cov_overlap, cov_qwait, cov_pv_held, cov_pv_start,
               cov_traced, cov_done);
    end
    $sformat(tb_pass_text,
             "%0d blocks (%0d overlapped, %0d traced), %0d cycles, QCNT_W %0d IDX_W %0d",
             BLOCKS, cov_overlap, cov_traced, cyc - c0, QCNT_W, IDX_W);
    $sformat(tb_fail_text, "QCNT_W %0d IDX_W %0d", QCNT_W, IDX_W);
    tb_finish(tb_pass_text, tb_fail_text);
  end
endmodule
