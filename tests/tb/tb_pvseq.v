// SPDX-License-Identifier: MIT
// tb_pvseq.v - self-checking testbench for vssa_pvseq (gen/rtl/pvseq.v).
//
// The value list is modelled in the testbench as a RAM with synchronous read
// (the entry at vlist_raddr_o appears the next cycle): count entries
// {vplanes 1..MAXP, label, slot}, their slots rising with random gaps below
// MAX_SEQ (the kept keys whose key or value was pruned are not listed) and
// their labels (the token indices) apart from the slots: by list, any value
// of IDX_W bits (MAX_SEQ or more where the width allows), a few values
// repeated, or the slots reversed from the top of the width. The addresses
// past the count hold junk (planes 0 among them), so that reading past the
// list shows. It is
// refilled between blocks, while the sequencer is idle and at least a cycle
// before the next start. The first blocks are directed: an empty list, one
// entry of one plane, one entry of MAXP planes, entries of 1 and 2 planes
// alternating, a full list of MAX_SEQ entries; then random lists, a fifth
// of them empty. drain_free_i drops for a random while after two captures
// in three reach the capture stage (the drain takes the rows), at random single
// cycles, and now and then for a long stretch; the captures that leave it
// high let the in-flight limit alone decide when the next capture issues.
// Checked every cycle against a reference model of the block:
//  - the operations at stage 1 (s1_step_o): for tt in 0..TT-1, for each
//    list entry in order, for plane 0..vplanes-1, one operation with
//    s1_first_o on the first of each t-tile, s1_capture_o on the last,
//    s1_plane_o, s1_vaddr_o = tt*MAX_SEQ + slot, s1_eaddr_o = slot,
//    s1_label_o = label and s1_rows_o = ROWS, or D-(TT-1)*ROWS in the last
//    t-tile;
//  - timing: the first operation issues in the cycle after start_i, and
//    every next one in the cycle after, except that a capture issues only
//    while drain_free_i is high and no capture is in stages 1-L, and then at
//    once; wait_o flags the cycles held back. Beside the model, the DUT's own
//    stream is checked for a capture that issued while drain_free_i was low
//    or another capture was in flight;
//  - an empty list: none_o high exactly in the cycle after start_i, and no
//    operation at all; none_o is low at every other time;
//  - cs_capture_o L - 1 cycles after a capture's stage 1, with cs_last_o
//    set for the last t-tile's;
//  - idle_o: nothing left to issue and stages 1-L empty.
// Parameters: the module's, MAXP (planes of an 8-bit token, 8 / DIGIT),
// BLOCKS and L (LANE_LAT, the capture stage). Prints one final line: PASS tb_pvseq: ... or FAIL tb_pvseq: ...
`timescale 1ns/1ps
module tb_pvseq;
  parameter integer ROWS    = 4;
  parameter integer D       = 16;
  parameter integer TT      = 4;
  parameter integer MAX_SEQ = 64;
  parameter integer VADDR_W = 8;
  parameter integer IDX_W   = 6;
  parameter integer PLANE_W = 2;
  parameter integer KCNT_W  = 7;
  parameter integer FILL_W  = 3;
  parameter integer TT_W    = 2;
  parameter integer MAXP    = 2;
  parameter integer BLOCKS  = 150;
  parameter integer L       = 5;
  localparam integer LN     = 1 << IDX_W;   // list RAM words (the port's reach)
  localparam integer HN     = L + 2;        // issue history kept
  localparam integer TAIL   = D - (TT - 1) * ROWS;
  localparam TB_NAME = "tb_pvseq";
  `include "tb_common.vh"

  reg                        start, drain_free;
  reg  [KCNT_W-1:0]          count;
  reg  [PLANE_W+2*IDX_W-1:0] vl_rdata;
  wire [IDX_W-1:0]           vl_raddr;
  wire                       none, idle, wait_o;
  wire                       s1_step, s1_first, s1_capture, cs_capture, cs_last;
  wire [PLANE_W-1:0]         s1_plane;
  wire [FILL_W-1:0]          s1_rows;
  wire [VADDR_W-1:0]         s1_vaddr;
  wire [IDX_W-1:0]           s1_eaddr, s1_label;

  vssa_pvseq #(
    .ROWS(ROWS), .D(D), .TT(TT), .MAX_SEQ(MAX_SEQ), .VADDR_W(VADDR_W), .IDX_W(IDX_W),
    .PLANE_W(PLANE_W), .KCNT_W(KCNT_W), .FILL_W(FILL_W), .TT_W(TT_W), .LANE_LAT(L)
  ) dut (
    .clk_i(clk), .rst_ni(rst_n), .start_i(start), .none_o(none), .idle_o(idle), .wait_o(wait_o),
    .vlist_raddr_o(vl_raddr), .vlist_rdata_i(vl_rdata), .vlist_count_i(count),
    .drain_free_i(drain_free), .s1_step_o(s1_step), .s1_first_o(s1_first),
    .s1_capture_o(s1_capture), .s1_plane_o(s1_plane), .s1_rows_o(s1_rows),
    .s1_vaddr_o(s1_vaddr), .s1_eaddr_o(s1_eaddr), .s1_label_o(s1_label), .cs_capture_o(cs_capture),
    .cs_last_o(cs_last)
  );

  // ---- the value list: a RAM with synchronous read
  integer l_vp  [0:LN-1];
  integer l_idx [0:LN-1];         // slot
  integer l_lab [0:LN-1];         // label
  always @(posedge clk)
    vl_rdata <= {l_vp[vl_raddr][PLANE_W-1:0], l_lab[vl_raddr][IDX_W-1:0],
                 l_idx[vl_raddr][IDX_W-1:0]};

  integer blocks, ops, caps, nones, waits, holds_drain, holds_flight, long_lows;
  integer two_plane, one_entry, full_lists, blk_start, budget, tight, lists, relabeled, high_labels;

  // A new list. mode: 0 empty, 1 one entry of one plane, 2 one entry of
  // MAXP planes, 3 planes 1, 2, 1, 2, ..., 4 full (MAX_SEQ entries), else
  // random (a fifth empty, some of 1..3 entries, where captures crowd, and a
  // fifth all of one plane).
  task refill(input integer mode);
    integer i, n, ones, s;
    begin
      ones = 0;
      case (mode)
        0: n = 0;
        1: begin n = 1; ones = 1; end
        2: n = 1;
        3: n = 2 + tb_rand(MAX_SEQ - 1);
        4: n = MAX_SEQ;
        default: begin
          n = tb_one_in(5) ? 0 : 1 + tb_rand(MAX_SEQ);
          if (n > 3 && tb_one_in(3)) n = 1 + n % 3;
          ones = tb_one_in(5);
        end
      endcase
      if (n > MAX_SEQ) n = MAX_SEQ;
      // n rising slots of 0..MAX_SEQ-1, each slot s taken with chance
      // (entries left) / (slots left)
      i = 0;
      for (s = 0; s < MAX_SEQ && i < n; s = s + 1)
        if (tb_rand(MAX_SEQ - s) < n - i) begin
          l_idx[i] = s; i = i + 1;
        end
      for (i = 0; i < LN; i = i + 1) begin
        if (i >= n) l_idx[i] = $random(seed);
        case (lists % 3)
          0: l_lab[i] = tb_rand(LN);
          1: l_lab[i] = tb_rand(3) * 3 + 1;
          default: l_lab[i] = LN - 1 - l_idx[i] % LN;
        endcase
        if (i < n && l_lab[i] != l_idx[i]) relabeled = relabeled + 1;
        if (i < n && l_lab[i] >= MAX_SEQ) high_labels = high_labels + 1;
        if (i >= n) l_vp[i] = $random(seed);
        else if (ones) l_vp[i] = 1;
        else if (mode == 2) l_vp[i] = MAXP;
        else if (mode == 3) l_vp[i] = MAXP < 2 ? 1 : 1 + i % 2;
        else l_vp[i] = 1 + tb_rand(MAXP);
        if (i < n && l_vp[i] == 2) two_plane = two_plane + 1;
      end
      if (n == 1) one_entry = one_entry + 1;
      if (n == MAX_SEQ) full_lists = full_lists + 1;
      count = n;
      lists = lists + 1;
      // a block may take every operation of the list per t-tile, plus holds
      budget = TT * (n * MAXP + 64) + 40;
    end
  endtask

  // ---- reference model of the block being issued
  reg     m_run;                  // operations left to issue
  integer m_tt, m_i, m_p;
  reg     h_issue [0:HN-1];       // [0] = last cycle, [1] = the one before, ...
  reg     h_cap   [0:HN-1];
  reg     h_last  [0:HN-1];
  reg     h_none;                 // start of an empty list last cycle
  integer o_tt, o_i, o_p;         // the operation issued last cycle
  reg     e_issue, e_cap;
  // the DUT's own captures at stage 1, and the drain_free_i it issued under
  reg     d_cap [0:L];
  reg     d_free;

  task model_issue;
    reg flight;
    integer j;
    begin
      e_cap  = m_run && m_i == count - 1 && m_p == l_vp[m_i] - 1;
      flight = 1'b0;
      for (j = 0; j < L; j = j + 1) flight = flight || (h_issue[j] && h_cap[j]);
      e_issue = m_run && (!e_cap || (drain_free && !flight));
      if (m_run && e_cap && !e_issue) begin
        if (!drain_free) holds_drain = holds_drain + 1;
        else holds_flight = holds_flight + 1;
      end
      // the earliest a capture may follow another
      if (e_issue && e_cap && h_issue[L] && h_cap[L]) tight = tight + 1;
    end
  endtask

  task model_edge;
    integer k;
    begin
      for (k = HN - 1; k > 0; k = k - 1) begin
        h_issue[k] = h_issue[k - 1]; h_cap[k] = h_cap[k - 1]; h_last[k] = h_last[k - 1];
      end
      h_issue[0] = e_issue; h_cap[0] = e_cap; h_last[0] = m_tt == TT - 1;
      h_none = start && count == 0;
      o_tt = m_tt; o_i = m_i; o_p = m_p;
      if (start) begin
        m_run = count != 0; m_tt = 0; m_i = 0; m_p = 0;
      end else if (e_issue) begin
        ops = ops + 1;
        if (m_p < l_vp[m_i] - 1) m_p = m_p + 1;
        else begin
          m_p = 0;
          if (m_i < count - 1) m_i = m_i + 1;
          else begin
            caps = caps + 1; m_i = 0;
            if (m_tt == TT - 1) m_run = 1'b0;
            else m_tt = m_tt + 1;
          end
        end
      end
      for (k = L; k > 0; k = k - 1) d_cap[k] = d_cap[k - 1];
      d_cap[0] = s1_step && s1_capture;
    end
  endtask

  // stage 1 now shows the operation issued last cycle
  task check_s1;
    reg             ef, ec;
    reg [VADDR_W:0] ev;
    integer         er, j;
    begin
      if (s1_step !== h_issue[0])
        tb_err(h_issue[0] ? "no operation at stage 1" : "an operation that should not issue");
      else if (s1_step) begin
        ef = o_i == 0 && o_p == 0;
        ec = o_i == count - 1 && o_p == l_vp[o_i] - 1;
        ev = o_tt * MAX_SEQ + l_idx[o_i];
        er = o_tt == TT - 1 ? TAIL : ROWS;
        if (s1_first !== ef || s1_capture !== ec || s1_plane !== o_p || s1_vaddr !== ev ||
            s1_eaddr !== l_idx[o_i] || s1_label !== l_lab[o_i] || s1_rows !== er) begin
          tb_err("wrong operation at stage 1");
          if (tb_show) $display("    expected tt %0d entry %0d plane %0d: first %b cap %b vaddr %0d eaddr %0d label %0d rows %0d",
                   o_tt, o_i, o_p, ef, ec, ev, l_idx[o_i], l_lab[o_i], er);
          if (tb_show) $display("    got                         first %b cap %b plane %0d vaddr %0d eaddr %0d label %0d rows %0d",
                   s1_first, s1_capture, s1_plane, s1_vaddr, s1_eaddr, s1_label, s1_rows);
        end
      end
      // independent of the model: how the DUT's own capture issued
      if (s1_step && s1_capture) begin
        if (!d_free) tb_err("a capture issued while drain_free_i was low");
        for (j = 0; j < L; j = j + 1)
          if (d_cap[j]) tb_err("a capture issued with another in flight");
      end
    end
  endtask

  task check_cs;
    reg capc;
    begin
      capc = h_issue[L-1] && h_cap[L-1];
      if (cs_capture !== capc) tb_err(capc ? "cs_capture_o missing" : "cs_capture_o unexpected");
      else if (capc && cs_last !== h_last[L-1])
        tb_err(h_last[L-1] ? "cs_last_o missing" : "cs_last_o set early");
    end
  endtask

  integer k, drain_busy, long_low, delay;
  reg     gap, want_refill, timed_out, e_idle;
  initial begin
    tb_seed(17 + D * 5 + ROWS); blocks = 0; ops = 0; caps = 0; nones = 0;
    waits = 0; holds_drain = 0; holds_flight = 0; long_lows = 0; two_plane = 0; one_entry = 0;
    full_lists = 0; blk_start = 0; tight = 0; timed_out = 1'b0; lists = 0; relabeled = 0;
    high_labels = 0;
    m_run = 1'b0; m_tt = 0; m_i = 0; m_p = 0; o_tt = 0; o_i = 0; o_p = 0; h_none = 1'b0;
    for (k = 0; k < HN; k = k + 1) begin h_issue[k] = 1'b0; h_cap[k] = 1'b0; h_last[k] = 1'b0; end
    for (k = 0; k <= L; k = k + 1) d_cap[k] = 1'b0;
    d_free = 1'b1;
    start = 1'b0; drain_free = 1'b1; drain_busy = 0; long_low = 0;
    refill(0); delay = 0; gap = 1'b1; want_refill = 1'b0;
    tb_reset(2);
    while ((blocks < BLOCKS || m_run || !idle) && !timed_out) begin
      // ---- inputs of this cycle: between blocks (sequencer idle), often a
      // new list, then a start 1..6 cycles later: the cycle after the list
      // is written is the earliest its entry 0 is on the read port
      start = 1'b0;
      if (!m_run && idle && !gap) begin
        gap = 1'b1;
        want_refill = blocks < 5 || !tb_one_in(3);
        delay = tb_one_in(3) ? tb_rand(6) : 0;
      end
      if (gap && want_refill) begin
        refill(blocks); want_refill = 1'b0;
      end else if (gap && delay == 0 && blocks < BLOCKS) begin
        start = 1'b1; blocks = blocks + 1; gap = 1'b0; blk_start = cyc;
        $sformat(tb_where, "block %0d", blocks);
        if (count == 0) nones = nones + 1;
      end else begin
        if (delay > 0) delay = delay - 1;
      end
      if (long_low == 0 && tb_one_in(200)) begin
        long_low = 10 + tb_rand(30); long_lows = long_lows + 1;
      end
      drain_free = drain_busy == 0 && long_low == 0 && !tb_one_in(12);
      if (drain_busy > 0) drain_busy = drain_busy - 1;
      if (long_low > 0) long_low = long_low - 1;
      #1;
      // ---- checks
      model_issue;
      check_s1;
      check_cs;
      if (none !== h_none) tb_err(h_none ? "none_o missing after an empty start" : "none_o unexpected");
      e_idle = !m_run;
      for (k = 0; k < L; k = k + 1) e_idle = e_idle && !h_issue[k];
      if (idle !== e_idle) tb_err(e_idle ? "idle_o low" : "idle_o high");
      if (wait_o !== (m_run && !e_issue)) tb_err(wait_o ? "wait_o high" : "wait_o low");
      if (wait_o) waits = waits + 1;
      // a third of the captures leave the drain free, so that captures
      // meet the in-flight limit alone
      if (cs_capture)
        drain_busy = tb_one_in(3) ? 0 : 1 + tb_rand(2 * ROWS);
      @(posedge clk);
      model_edge;
      d_free = drain_free;
      #1;
      if ((m_run || !idle) && cyc - blk_start > budget) begin
        tb_err("timeout"); timed_out = 1'b1;
      end
    end
    if (nones == 0 || one_entry == 0 || full_lists == 0 || (MAXP >= 2 && two_plane == 0) ||
        holds_drain == 0 || (TT > 1 && (holds_flight == 0 || tight == 0)) || long_lows == 0 ||
        caps == 0 || relabeled == 0 || (high_labels == 0) !== (LN == MAX_SEQ)) begin
      tb_where = 0;
      tb_err("coverage: a kind of list, hold or label missing");
      $display("  coverage: %0d empty, %0d one-entry, %0d full lists, %0d two-plane entries, held %0d cycles for the drain, %0d for a capture in flight, %0d captures L + 1 cycles apart, %0d long drain stalls, %0d entries labelled apart from their slot, %0d labels >= MAX_SEQ",
               nones, one_entry, full_lists, two_plane, holds_drain, holds_flight, tight, long_lows,
               relabeled, high_labels);
    end
    $sformat(tb_pass_text, "%0d blocks (%0d empty), %0d operations, %0d captures (%0d L + 1 cycles apart), captures held %0d/%0d cycles (drain/in flight), %0d entries labelled apart from their slot (%0d labels >= MAX_SEQ), ROWS=%0d D=%0d TT=%0d",
             BLOCKS, nones, ops, caps, tight, holds_drain, holds_flight, relabeled, high_labels,
             ROWS, D, TT);
    $sformat(tb_fail_text, "ROWS=%0d D=%0d TT=%0d", ROWS, D, TT);
    tb_finish(tb_pass_text, tb_fail_text);
  end
endmodule
