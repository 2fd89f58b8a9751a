// SPDX-License-Identifier: MIT
// tb_drain.v - self-checking testbench for vssa_drain (gen/rtl/drain.v).
//
// The drain chain is modelled in the testbench: ROWS rows {sums, key,
// planes, valid}, lane 0 at the head (a row's key is KEY_W bits, in the top
// a key's {index, slot}: random here, both halves apart), loaded whole by a capture and shifted
// one lane towards the head (an empty row entering at the top) in every
// cycle the drain raises shift_o. Captures come only while free_o is high, at random
// times, with random lanes invalid (at least one valid) and random
// capture_last_i; one in eight is an empty capture (a block without tiles:
// every row invalid). ready_i is random back-pressure. Checked:
//  - every valid row leaves exactly once, as one beat {last, empty, qbase,
//    key, planes, sums}, in lane order, with the capture's qbase and the
//    row's whole key, key planes and sums; invalid rows are never sent;
//  - beat_last (the data MSB) is set only on the last valid row of a capture
//    marked last; an empty capture sends exactly one beat {last=1, empty=1,
//    key 0, planes 0, sums 0}, whatever the chain's head holds;
//  - shift_o moves an invalid head row without waiting for ready_i, and a
//    valid one only when it is taken;
//  - an offered beat holds still until taken;
//  - free_o is high exactly when no beat of a capture is still to be sent.
// Prints one final line: PASS tb_drain: ... or FAIL tb_drain: ...
`timescale 1ns/1ps
module tb_drain;
  parameter integer ROWS     = 4;
  parameter integer COLS     = 4;
  parameter integer ACC_W    = 20;
  parameter integer IDX_W    = 6;
  parameter integer KEY_W    = 2 * IDX_W;
  parameter integer PLANE_W  = 2;
  parameter integer CAPTURES = 600;
  localparam integer SW    = COLS * ACC_W;
  localparam integer OUT_W = 2 + IDX_W + KEY_W + PLANE_W + SW;
  localparam integer QN    = 64;
  localparam TB_NAME = "tb_drain";
  `include "tb_common.vh"

  reg              capture, cap_last, cap_empty, ready;
  reg  [IDX_W-1:0] cap_qbase;
  wire             shift, free, valid;
  wire [OUT_W-1:0] data;

  // ---- the chain
  reg  [SW-1:0]      ch_score  [0:ROWS-1];
  reg  [KEY_W-1:0]   ch_idx    [0:ROWS-1];
  reg  [PLANE_W-1:0] ch_planes [0:ROWS-1];
  reg  [ROWS-1:0]    ch_valid;

  vssa_drain #(.COLS(COLS), .ACC_W(ACC_W), .IDX_W(IDX_W), .KEY_W(KEY_W),
               .PLANE_W(PLANE_W)) dut (
    .clk_i(clk), .rst_ni(rst_n), .capture_i(capture), .capture_last_i(cap_last),
    .capture_empty_i(cap_empty), .capture_qbase_i(cap_qbase),
    .head_score_i(ch_score[0]), .head_idx_i(ch_idx[0]), .head_planes_i(ch_planes[0]),
    .head_valid_i(ch_valid[0]),
    .rest_valid_i(|(ch_valid >> 1)), .shift_o(shift), .free_o(free),
    .valid_o(valid), .ready_i(ready), .data_o(data)
  );

  // ---- expected beats of the capture being drained
  reg [OUT_W-1:0] exp_q [0:QN-1];
  integer qh, qt;                    // head and tail of exp_q
  integer caps, beats, empties, lasts, stalls, skipped;
  reg             pend_rows;         // a capture with rows is being drained
  reg [OUT_W-1:0] held;              // beat offered under back-pressure
  reg             was_held;

  // Load the chain with a fresh capture and queue the beats it must give.
  task load_capture(input last, input empty, input [IDX_W-1:0] qb);
    integer r, k, lastv;
    begin
      lastv = -1;
      for (r = 0; r < ROWS; r = r + 1) begin
        for (k = 0; k < COLS; k = k + 1) ch_score[r][k*ACC_W +: ACC_W] = $random(seed);
        // junk in an empty capture too: its beat must still carry zeros
        ch_idx[r]    = {$random(seed), $random(seed)};
        ch_planes[r] = $random(seed);
        ch_valid[r]  = !empty && tb_rand(5) < 3;
      end
      if (!empty && ch_valid == 0) ch_valid[tb_rand(ROWS)] = 1'b1;
      for (r = 0; r < ROWS; r = r + 1) if (ch_valid[r]) lastv = r;
      if (empty) begin
        exp_q[qt % QN] = {1'b1, 1'b1, qb, {KEY_W{1'b0}}, {PLANE_W{1'b0}}, {SW{1'b0}}};
        qt = qt + 1;
      end
      for (r = 0; r < ROWS; r = r + 1)
        if (ch_valid[r]) begin
          exp_q[qt % QN] = {last && r == lastv, 1'b0, qb, ch_idx[r], ch_planes[r], ch_score[r]};
          qt = qt + 1;
        end
      pend_rows = !empty;
    end
  endtask

  task shift_chain;
    integer r;
    begin
      if (!ch_valid[0]) skipped = skipped + 1;
      for (r = 0; r < ROWS - 1; r = r + 1) begin
        ch_score[r] = ch_score[r + 1];
        ch_idx[r]    = ch_idx[r + 1];
        ch_planes[r] = ch_planes[r + 1];
        ch_valid[r]  = ch_valid[r + 1];
      end
      ch_score[ROWS-1] = 0; ch_idx[ROWS-1] = 0; ch_planes[ROWS-1] = 0; ch_valid[ROWS-1] = 1'b0;
    end
  endtask

  integer p_stall, gap;
  reg exp_shift, did_shift, did_take;
  initial begin
    tb_seed(21); caps = 0; beats = 0; empties = 0; lasts = 0;
    stalls = 0; skipped = 0; qh = 0; qt = 0; pend_rows = 1'b0; was_held = 1'b0;
    capture = 0; cap_last = 0; cap_empty = 0; cap_qbase = 0; ready = 0;
    ch_valid = 0;
    tb_reset(2);
    gap = 0;
    while (caps < CAPTURES || qh != qt) begin
      p_stall = (caps / 100) % 3 * 30;              // 0, 30 or 60 % back-pressure
      // a capture only while the drain is free, after a random gap
      capture = 1'b0;
      if (free && qh == qt && caps < CAPTURES) begin
        if (gap == 0) begin
          capture = 1'b1;
          cap_last = $random(seed); cap_empty = tb_one_in(8);
          cap_qbase = $random(seed);
          gap = tb_rand(4);
        end else gap = gap - 1;
      end
      if (!capture) begin cap_last = $random(seed); cap_empty = $random(seed); cap_qbase = $random(seed); end
      ready = tb_ready(p_stall);
      #1;
      // ---- combinational checks before the edge
      if (free !== (qh == qt)) tb_err(free ? "free_o high with beats still to send"
                                           : "free_o low with nothing to send");
      exp_shift = pend_rows && qh != qt && (!ch_valid[0] || ready);
      if (shift !== exp_shift) tb_err(shift ? "shift_o high when the head must stay"
                                            : "shift_o low when the head must move");
      if (valid && qh == qt) tb_err("a beat offered with nothing to send");
      if (was_held && (valid !== 1'b1 || data !== held))
        tb_err("an offered beat did not hold still under back-pressure");
      if (valid && !ready) stalls = stalls + 1;
      was_held = valid && !ready;
      held = data;
      did_shift = shift;
      did_take  = valid && ready;
      @(posedge clk);
      #1;                                // the chain (an input) moves after the edge
      // ---- what the edge did
      if (did_take) begin
        if (qh == qt) ;                              // reported above
        else if (held !== exp_q[qh % QN]) begin
          tb_err("wrong beat");
          if (tb_show) $display("    expected last=%b empty=%b qbase=%0d key=%0d planes=%0d sums=%h",
                   exp_q[qh % QN][OUT_W-1], exp_q[qh % QN][OUT_W-2],
                   exp_q[qh % QN][SW+PLANE_W+KEY_W +: IDX_W], exp_q[qh % QN][SW+PLANE_W +: KEY_W],
                   exp_q[qh % QN][SW +: PLANE_W], exp_q[qh % QN][0 +: SW]);
          if (tb_show) $display("    got      last=%b empty=%b qbase=%0d key=%0d planes=%0d sums=%h",
                   held[OUT_W-1], held[OUT_W-2], held[SW+PLANE_W+KEY_W +: IDX_W],
                   held[SW+PLANE_W +: KEY_W], held[SW +: PLANE_W], held[0 +: SW]);
        end
        if (qh != qt) begin
          if (held[OUT_W-1]) lasts = lasts + 1;
          if (held[OUT_W-2]) empties = empties + 1;
          qh = qh + 1;
          beats = beats + 1;
        end
      end
      if (capture) begin
        load_capture(cap_last, cap_empty, cap_qbase);
        caps = caps + 1;
      end else if (did_shift) shift_chain;
      if (qh == qt) pend_rows = 1'b0;
    end
    #1;
    if (!free) tb_err("free_o low at the end");
    // (with one lane, every non-empty capture's single row is valid)
    if (empties == 0 || lasts == 0 || stalls == 0 || (ROWS > 1 && skipped == 0))
      tb_err("coverage: empty capture, last, stall or skip missing");
    $sformat(tb_pass_text, "%0d captures, %0d beats (%0d empty, %0d last), %0d rows skipped, %0d stalled cycles",
             caps, beats, empties, lasts, skipped, stalls);
    $sformat(tb_fail_text, "%0d captures", caps);
    tb_finish(tb_pass_text, tb_fail_text);
  end

  initial tb_watchdog(CAPTURES * (ROWS * 10 + 20));
endmodule
