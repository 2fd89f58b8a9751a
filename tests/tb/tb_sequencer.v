// SPDX-License-Identifier: MIT
// tb_sequencer.v - self-checking testbench for vssa_sequencer
// (gen/rtl/sequencer.v).
//
// The tile table is modelled in the testbench as a RAM with synchronous
// read (the entry at tt_raddr_o appears the next cycle); between key sets it
// is refilled with 0..SLOTS random tiles {slot_a, slot_b, planes 1..MAXP,
// lo <= hi <= ROWS}, the addresses past count_i holding junk. Query blocks
// start (start_i, random qbase_i) at random times while ready_o is high.
// drain_free_i drops for a random while after every capture reaches the capture stage
// (the drain is busy with the rows) and, now and then, at random. Checked
// every cycle against a reference model:
//  - the operation stream at stage 1 (s1_step_o): for each tile of the
//    table in order, D*planes operations, plane-major then t: s1_first_o on
//    the first, s1_capture_o on the last, s1_plane_o, s1_lo_o, s1_hi_o,
//    s1_slot_a/b_o, and s1_addr_a/b_o = slot*D + t;
//  - a block of count 0 issues exactly one operation, an empty capture that
//    runs no lane (lo 0, hi ROWS), with cs_empty_o;
//  - s3_sweep_o exactly in the cycles stage 3 holds an operation of the
//    block's first tile's plane 0 (the score stage takes the query sums
//    from that sweep): D cycles of every block with tiles, none of a block
//    without;
//  - timing: operations issue back to back, except that a capture issues
//    only while drain_free_i is high, no capture is in flight in stages 1-L,
//    and (when another tile follows in the block) not in the cycle its
//    tile's first operation issues, and then at once (the cycle model of
//    golden/plan.h, which is exact); wait_o flags the cycles held back;
//  - cs_capture_o, cs_last_o (the block's last tile), cs_empty_o and
//    cs_qbase_o L - 1 cycles after the capture's stage 1 (L after its
//    issue; L = LANE_LAT, the capture stage);
//  - ready_o: high when no block was issuing this cycle or the one before
//    (a block starts two cycles after the previous one's last operation at
//    the earliest); idle_o: nothing to issue and stages 1-L empty.
// Prints one final line: PASS tb_sequencer: ... or FAIL tb_sequencer: ...
`timescale 1ns/1ps
module tb_sequencer;
  parameter integer ROWS    = 4;
  parameter integer D       = 16;
  parameter integer T_W     = 4;
  parameter integer PLANE_W = 2;
  parameter integer MAXP    = 2;     // planes of an 8-bit token (8 / DIGIT)
  parameter integer SLOTS   = 17;
  parameter integer SLOT_W  = 5;
  parameter integer TILE_W  = 6;
  parameter integer FILL_W  = 3;
  parameter integer KADDR_W = 9;
  parameter integer IDX_W   = 6;
  parameter integer BLOCKS  = 120;
  parameter integer L       = 5;     // LANE_LAT: the capture stage
  localparam integer TN     = 1 << SLOT_W;
  localparam integer HN     = L + 3; // issue history kept
  localparam TB_NAME = "tb_sequencer";
  `include "tb_common.vh"

  reg                start, drain_free;
  reg  [IDX_W-1:0]   qbase_in;
  reg  [TILE_W-1:0]  count;
  wire               ready, idle, wait_o;
  wire [SLOT_W-1:0]  tt_raddr;
  reg  [SLOT_W-1:0]  tt_slot_a, tt_slot_b;
  reg  [PLANE_W-1:0] tt_planes;
  reg  [FILL_W-1:0]  tt_lo, tt_hi;
  wire               s1_step, s1_first, s1_capture, s3_sweep;
  wire [PLANE_W-1:0] s1_plane;
  wire [FILL_W-1:0]  s1_lo, s1_hi;
  wire [SLOT_W-1:0]  s1_slot_a, s1_slot_b;
  wire [KADDR_W-1:0] s1_addr_a, s1_addr_b;
  wire               cs_capture, cs_last, cs_empty;
  wire [IDX_W-1:0]   cs_qbase;

  vssa_sequencer #(
    .ROWS(ROWS), .D(D), .T_W(T_W), .PLANE_W(PLANE_W), .SLOT_W(SLOT_W), .TILE_W(TILE_W),
    .FILL_W(FILL_W), .KADDR_W(KADDR_W), .IDX_W(IDX_W), .LANE_LAT(L)
  ) dut (
    .clk_i(clk), .rst_ni(rst_n), .start_i(start), .qbase_i(qbase_in), .count_i(count),
    .ready_o(ready), .idle_o(idle), .wait_o(wait_o), .tt_raddr_o(tt_raddr),
    .tt_slot_a_i(tt_slot_a), .tt_slot_b_i(tt_slot_b), .tt_planes_i(tt_planes),
    .tt_lo_i(tt_lo), .tt_hi_i(tt_hi), .drain_free_i(drain_free),
    .s1_step_o(s1_step), .s1_first_o(s1_first), .s1_capture_o(s1_capture),
    .s1_plane_o(s1_plane), .s1_lo_o(s1_lo), .s1_hi_o(s1_hi), .s1_slot_a_o(s1_slot_a),
    .s1_slot_b_o(s1_slot_b), .s1_addr_a_o(s1_addr_a), .s1_addr_b_o(s1_addr_b),
    .s3_sweep_o(s3_sweep), .cs_capture_o(cs_capture),
    .cs_last_o(cs_last), .cs_empty_o(cs_empty), .cs_qbase_o(cs_qbase)
  );

  // ---- the tile table: a RAM with synchronous read
  integer tt_sa [0:TN-1];
  integer tt_sb [0:TN-1];
  integer tt_pl [0:TN-1];
  integer tt_l  [0:TN-1];
  integer tt_h  [0:TN-1];
  always @(posedge clk) begin
    tt_slot_a <= tt_sa[tt_raddr];
    tt_slot_b <= tt_sb[tt_raddr];
    tt_planes <= tt_pl[tt_raddr];
    tt_lo     <= tt_l[tt_raddr];
    tt_hi     <= tt_h[tt_raddr];
  end

  integer ops, caps, empties, waits, holds_drain, holds_flight, holds_fresh,
          blocks, sweeps;
  // per block (1..BLOCKS): stage-3 cycles of s3_sweep_o, and whether it has tiles
  integer sweep_n [0:BLOCKS];
  reg     has_tiles [0:BLOCKS];

  task refill;   // a new key set's table; junk past count
    integer i, n;
    begin
      n = tb_one_in(5) ? 0 : 1 + tb_rand(SLOTS);
      if (tb_one_in(8)) n = SLOTS;
      for (i = 0; i < TN; i = i + 1) begin
        tt_sa[i] = tb_rand(i < n ? SLOTS : TN);
        tt_sb[i] = tb_rand(i < n ? SLOTS : TN);
        tt_pl[i] = i < n ? 1 + tb_rand(MAXP) : $random(seed);
        tt_h[i]  = tb_rand(ROWS + 1);
        tt_l[i]  = i < n ? tb_rand(tt_h[i] + 1) : $random(seed);
        if (i >= n) tt_h[i] = $random(seed);
      end
      count = n;
    end
  endtask

  // ---- reference model of the block being issued
  reg             m_run;                // operations left to issue
  integer         m_tile, m_plane, m_t, m_count, m_first_cyc;
  reg [IDX_W-1:0] m_qbase;
  reg             m_empty;
  // issue history: [0] = last cycle, [1] = the one before, ...
  reg             h_issue [0:HN-1];
  reg             h_cap   [0:HN-1];
  reg             h_last  [0:HN-1];
  reg             h_empty [0:HN-1];
  reg [IDX_W-1:0] h_qbase [0:HN-1];
  reg             h_run   [0:HN-1];
  reg             h_sweep [0:HN-1];   // an operation of tile 0, plane 0 of a block with tiles
  integer         h_blk   [0:HN-1];
  // the operation issued last cycle (due at stage 1 now)
  integer o_tile, o_plane, o_t;
  reg     o_empty;
  // this cycle
  reg     e_issue, e_cap, e_last_tile;

  function integer planes_of(input integer tile);
    begin
      planes_of = tt_pl[tile];
    end
  endfunction

  task model_issue;   // does the next operation issue this cycle?
    reg flight, fresh;
    integer j;
    begin
      e_cap = m_run && (m_empty || (m_t == D - 1 && m_plane == planes_of(m_tile) - 1));
      e_last_tile = m_empty || m_tile == m_count - 1;
      // a capture issued in one of the last L cycles is in stages 1-L
      flight = 1'b0;
      for (j = 0; j < L; j = j + 1) flight = flight || (h_issue[j] && h_cap[j]);
      // the next tile's entry has been read (its tile began before this cycle)
      fresh = e_last_tile || m_first_cyc < cyc;
      e_issue = m_run && (!e_cap || (drain_free && !flight && fresh));
      if (m_run && e_cap && !e_issue) begin
        if (!drain_free) holds_drain = holds_drain + 1;
        else if (flight) holds_flight = holds_flight + 1;
        else holds_fresh = holds_fresh + 1;
      end
    end
  endtask

  task model_edge;
    integer k;
    begin
      for (k = HN - 1; k > 0; k = k - 1) begin
        h_issue[k] = h_issue[k - 1]; h_cap[k] = h_cap[k - 1]; h_last[k] = h_last[k - 1];
        h_empty[k] = h_empty[k - 1]; h_qbase[k] = h_qbase[k - 1]; h_run[k] = h_run[k - 1];
        h_sweep[k] = h_sweep[k - 1]; h_blk[k] = h_blk[k - 1];
      end
      h_issue[0] = e_issue; h_cap[0] = e_cap; h_last[0] = e_last_tile; h_empty[0] = m_empty;
      h_qbase[0] = m_qbase; h_run[0] = m_run;
      h_sweep[0] = !m_empty && m_tile == 0 && m_plane == 0; h_blk[0] = blocks;
      o_tile = m_tile; o_plane = m_plane; o_t = m_t; o_empty = m_empty;
      if (start) begin
        m_run = 1'b1; m_tile = 0; m_plane = 0; m_t = 0; m_count = count;
        m_empty = count == 0; m_qbase = qbase_in; m_first_cyc = cyc + 1;
      end else if (e_issue) begin
        ops = ops + 1;
        if (e_cap) begin
          caps = caps + 1;
          if (m_empty) empties = empties + 1;
          m_t = 0; m_plane = 0; m_tile = m_tile + 1; m_first_cyc = cyc + 1;
          if (e_last_tile) m_run = 1'b0;
        end else if (m_t == D - 1) begin
          m_t = 0; m_plane = m_plane + 1;
        end else m_t = m_t + 1;
      end
    end
  endtask

  // stage 1 now shows the operation issued last cycle
  task check_s1;
    integer ea, eb;
    begin
      if (s1_step !== h_issue[0])
        tb_err(h_issue[0] ? "no operation at stage 1" : "an operation that should not issue");
      else if (s1_step && o_empty) begin
        if ({s1_first, s1_capture} !== 2'b11 || s1_lo !== 0 || s1_hi !== ROWS)
          tb_err("empty capture: expected first, capture, lo 0, hi ROWS");
      end else if (s1_step) begin
        ea = tt_sa[o_tile] * D + o_t;
        eb = tt_sb[o_tile] * D + o_t;
        if (s1_first !== (o_plane == 0 && o_t == 0) ||
            s1_capture !== (o_plane == tt_pl[o_tile] - 1 && o_t == D - 1) ||
            s1_plane !== o_plane || s1_lo !== tt_l[o_tile] ||
            s1_hi !== tt_h[o_tile] || s1_slot_a !== tt_sa[o_tile] || s1_slot_b !== tt_sb[o_tile] ||
            s1_addr_a !== ea || s1_addr_b !== eb) begin
          tb_err("wrong operation at stage 1");
          if (tb_show) $display("    expected tile %0d plane %0d t %0d: first %b cap %b plane %0d of %0d lo %0d hi %0d slots %0d/%0d addr %0d/%0d",
                   o_tile, o_plane, o_t, o_plane == 0 && o_t == 0,
                   o_plane == tt_pl[o_tile] - 1 && o_t == D - 1, o_plane, tt_pl[o_tile],
                   tt_l[o_tile], tt_h[o_tile], tt_sa[o_tile], tt_sb[o_tile], ea, eb);
          if (tb_show) $display("    got                            first %b cap %b plane %0d      lo %0d hi %0d slots %0d/%0d addr %0d/%0d",
                   s1_first, s1_capture, s1_plane, s1_lo, s1_hi,
                   s1_slot_a, s1_slot_b, s1_addr_a, s1_addr_b);
        end
      end
    end
  endtask

  // stage 3 now holds what issued three cycles ago (h_issue[2]), the capture
  // stage L what issued L cycles ago
  task check_s3;
    reg capc, sweep3;
    begin
      sweep3 = h_issue[2] && h_sweep[2];
      if (s3_sweep !== sweep3) tb_err(sweep3 ? "s3_sweep_o missing" : "s3_sweep_o unexpected");
      if (s3_sweep === 1'b1 && h_issue[2]) begin
        sweep_n[h_blk[2]] = sweep_n[h_blk[2]] + 1;
        sweeps = sweeps + 1;
      end
      capc = h_issue[L-1] && h_cap[L-1];
      if (cs_capture !== capc) tb_err(capc ? "cs_capture_o missing" : "cs_capture_o unexpected");
      else if (capc && (cs_last !== h_last[L-1] || cs_empty !== h_empty[L-1] ||
                        cs_qbase !== h_qbase[L-1])) begin
        tb_err("cs_last_o, cs_empty_o or cs_qbase_o wrong");
        if (tb_show) $display("    got last %b empty %b qbase %0d, expected %b %b %0d", cs_last, cs_empty,
                 cs_qbase, h_last[L-1], h_empty[L-1], h_qbase[L-1]);
      end
    end
  endtask

  integer k, drain_busy, settle, delay;
  reg     gap, want_refill, timed_out;
  reg     e_ready, e_idle;
  initial begin
    tb_seed(41 + D); ops = 0; caps = 0; empties = 0; waits = 0;
    holds_drain = 0; holds_flight = 0; holds_fresh = 0; blocks = 0; timed_out = 1'b0;
    sweeps = 0;
    for (k = 0; k <= BLOCKS; k = k + 1) begin sweep_n[k] = 0; has_tiles[k] = 1'b0; end
    m_run = 1'b0; m_tile = 0; m_plane = 0; m_t = 0; m_count = 0; m_empty = 1'b0;
    m_qbase = 0; m_first_cyc = 0; o_tile = 0; o_plane = 0; o_t = 0; o_empty = 1'b0;
    for (k = 0; k < HN; k = k + 1) begin
      h_issue[k] = 1'b0; h_cap[k] = 1'b0; h_last[k] = 1'b0; h_empty[k] = 1'b0;
      h_qbase[k] = 0; h_run[k] = 1'b0; h_sweep[k] = 1'b0; h_blk[k] = 0;
    end
    start = 1'b0; drain_free = 1'b1; qbase_in = 0; drain_busy = 0;
    refill; settle = 2; delay = 0; gap = 1'b0; want_refill = 1'b0;
    repeat (2) @(posedge clk);
    #1 rst_n = 1'b1;
    while ((blocks < BLOCKS || m_run || !idle) && !timed_out) begin
      // ---- inputs of this cycle: between blocks, sometimes a new key set
      // (once the engine is idle), then a start after 0..5 cycles
      start = 1'b0; qbase_in = $random(seed);
      if (!m_run && ready && !gap) begin
        gap = 1'b1;
        want_refill = tb_one_in(3);
        delay = tb_one_in(3) ? tb_rand(6) : 0;
      end
      if (gap && want_refill && idle) begin
        refill; want_refill = 1'b0; settle = 2;
      end else if (gap && !want_refill && settle == 0 && delay == 0 && blocks < BLOCKS) begin
        start = 1'b1; blocks = blocks + 1; gap = 1'b0; has_tiles[blocks] = count != 0;
        $sformat(tb_where, "block %0d", blocks);
      end else begin
        if (delay > 0) delay = delay - 1;
        if (settle > 0) settle = settle - 1;
      end
      drain_free = drain_busy == 0 && !tb_one_in(12);
      if (drain_busy > 0) drain_busy = drain_busy - 1;
      #1;
      // ---- checks
      model_issue;
      check_s1;
      check_s3;
      e_ready = !m_run && !h_run[0];
      e_idle  = !m_run;
      for (k = 0; k < L; k = k + 1) e_idle = e_idle && !h_issue[k];
      if (ready !== e_ready) tb_err(e_ready ? "ready_o low" : "ready_o high");
      if (idle !== e_idle) tb_err(e_idle ? "idle_o low" : "idle_o high");
      if (wait_o !== (m_run && !e_issue)) tb_err("wait_o");
      if (wait_o) waits = waits + 1;
      if (cs_capture) drain_busy = 1 + tb_rand(2 * ROWS);
      @(posedge clk);
      model_edge;
      #1;
      if (cyc > BLOCKS * (SLOTS * (MAXP * D + 4 * ROWS) + 40)) begin
        tb_err("timeout"); timed_out = 1'b1;
      end
    end
    tb_where = 0;
    // every block's first plane sweep, counted at stage 3
    for (k = 1; k <= BLOCKS; k = k + 1)
      if (sweep_n[k] != (has_tiles[k] ? D : 0)) begin
        tb_err("s3_sweep_o high in the wrong number of cycles");
        if (tb_show)
          $display("    block %0d (%0s): s3_sweep_o high in %0d stage-3 cycles, expected %0d", k,
                   has_tiles[k] ? "with tiles" : "empty", sweep_n[k], has_tiles[k] ? D : 0);
      end
    if (empties == 0 || holds_drain == 0 || holds_flight == 0 || caps == empties) begin
      tb_err("coverage: empty captures or held captures missing");
      $display("  coverage: %0d captures, %0d empty, held %0d cycles for the drain, %0d for a capture in flight",
               caps, empties, holds_drain, holds_flight);
    end
    $sformat(tb_pass_text, "%0d blocks, %0d operations, %0d captures (%0d empty), %0d first-sweep cycles, captures held %0d/%0d/%0d cycles (drain/in flight/next entry), D=%0d",
             BLOCKS, ops, caps, empties, sweeps, holds_drain, holds_flight, holds_fresh, D);
    $sformat(tb_fail_text, "D=%0d", D);
    tb_finish(tb_pass_text, tb_fail_text);
  end
endmodule
