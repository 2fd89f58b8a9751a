// SPDX-License-Identifier: MIT
// tb_score.v - self-checking testbench for the score stage (gen/rtl/score.v).
// VEC holds blocks written by tests/tb/vectors.c (`vectors score`): per
// block the queries' elements, the drained rows (key, planes and the floor
// sums sum q*trunc_p(k)) and, from golden/vssa.c's vssa_score(), each row's
// corrected score and the block's maxima. Record tags:
//   1  a = rows (0: the block is one empty beat), b = D
//   2  D of them: hi of column c = its query element t, t = 0, 1, ...
//   3  one per row: a = key slot, b = planes, c = {empty, last}; hi = floor
//      sum, lo = corrected score
//   4  lo = the column's maximum corrected score
// Each block: start_i, the D sweep elements with junk bubbles between them,
// then the rows with random gaps, each with key_i = {label, slot}: the slot
// is the record's key (the rows' slots a permutation of 0..MAX_SEQ-1, as
// the drain delivers them in tile order), the label (the token's index)
// differs from it: by block, any value of IDX_W bits (MAX_SEQ or more where
// the width allows), a few values repeated, or the slots reversed from the
// top of the width. Blocks rotate through trace_i low (the
// output's ready toggles and must be ignored), trace_i high with random
// back-pressure, and trace_i high with long stalls. Checked:
//  - every trace beat, in row order, with the row's label and its corrected
//    scores, and that
//    a refused beat holds while ready_o is low; ready_o is low exactly when
//    a beat waits, and no beat appears without trace_i;
//  - done_o high in exactly the cycle after the block's last row (or empty
//    beat) leaves the second stage: written, and its trace beat taken;
//  - max_o at done_o against the block's maxima;
//  - every word of both score banks through the read port, from the cycle
//    done_o is high: each block writes the bank bank_i names (random per
//    block, held from its start), where its keys' slots hold their
//    corrected scores (never their labels' words); all other words, the
//    other bank's included, hold what earlier blocks left (empty beats
//    write nothing).
// Parameters: those of vssa_score, N (lines in VEC), VEC. Prints one final
// line: PASS tb_score: ... or FAIL tb_score: ...
`timescale 1ns/1ps
module tb_score;
  parameter integer COLS    = 4;
  parameter integer ACC_W   = 24;
  parameter integer S_W     = 20;
  parameter integer QS_W    = 13;
  parameter integer DIGIT   = 4;
  parameter integer PLANE_W = 2;
  parameter integer IDX_W   = 6;
  parameter integer MAX_SEQ = 64;
  parameter integer MID     = 1;
  parameter integer N       = 1;
  parameter         VEC     = "score.hex";
  localparam integer H  = 64 * COLS;   // the record's head starts here
  localparam integer LW = H + 64;
  localparam TB_NAME = "tb_score";
  `include "tb_common.vh"

  reg                  start = 1'b0;
  reg                  bank = 1'b0;
  reg                  rbank = 1'b0;
  reg                  trace = 1'b0;
  reg                  sweep = 1'b0;
  reg  [COLS*8-1:0]    q = {(COLS * 8){1'b0}};
  reg                  valid = 1'b0;
  reg                  last = 1'b0;
  reg                  empty = 1'b0;
  reg  [2*IDX_W-1:0]   key = {(2 * IDX_W){1'b0}};   // {label, slot}
  reg  [PLANE_W-1:0]   planes = {PLANE_W{1'b0}};
  reg  [COLS*ACC_W-1:0] sums = {(COLS * ACC_W){1'b0}};
  reg                  out_ready = 1'b0;
  reg  [IDX_W-1:0]     raddr = {IDX_W{1'b0}};
  wire                 ready, out_valid, done;
  wire [IDX_W-1:0]     out_key;
  wire [COLS*S_W-1:0]  out_scores, max, rdata;

  vssa_score #(
    .COLS (COLS), .ACC_W (ACC_W), .S_W (S_W), .QS_W (QS_W), .DIGIT (DIGIT),
    .PLANE_W (PLANE_W), .IDX_W (IDX_W), .MAX_SEQ (MAX_SEQ), .MID (MID)
  ) dut (
    .clk_i (clk), .rst_ni (rst_n), .start_i (start), .bank_i (bank), .trace_i (trace),
    .sweep_i (sweep), .q_i (q),
    .valid_i (valid), .ready_o (ready), .last_i (last), .empty_i (empty),
    .key_i (key), .planes_i (planes), .sums_i (sums),
    .out_valid_o (out_valid), .out_ready_i (out_ready), .out_key_o (out_key),
    .out_scores_o (out_scores),
    .done_o (done), .max_o (max), .rbank_i (rbank), .raddr_i (raddr), .rdata_o (rdata)
  );

  reg [LW-1:0]       vec [0:N-1];
  reg [COLS*S_W-1:0] ram [0:2*MAX_SEQ-1];   // what the score banks must hold
  integer p = 0, blk = 0, mode = 0, d = 0, nrows = 0, nlines = 0, row0 = 0, pmax = 0;
  integer i, t, c, w;
  integer taken = 0, beats = 0, dones = 0, lpos = 0;
  localparam integer LN = 1 << IDX_W;
  integer lab [0:MAX_SEQ-1];            // row i's label
  integer relabeled = 0, high_labels = 0;
  reg                held = 1'b0;
  reg [IDX_W-1:0]    held_key;
  reg [COLS*S_W-1:0] held_scores;

  function [7:0] tag_of(input [LW-1:0] l);
    tag_of = l[H+56 +: 8];
  endfunction
  // The lo words (corrected scores, maxima) as S_W-bit columns.
  function [COLS*S_W-1:0] scores_of(input [LW-1:0] l);
    integer k;
    begin
      for (k = 0; k < COLS; k = k + 1)
        scores_of[k*S_W +: S_W] = l[k*64 +: S_W];
    end
  endfunction

  // ---- monitor: everything sampled just before the clock edge
  always @(posedge clk) begin
    if (rst_n) begin
      // The drain sees ready_o fall exactly while a beat waits.
      if (ready !== !(out_valid && !out_ready))
        tb_err("ready_o is not the complement of a waiting beat");
      if (out_valid && !trace)
        tb_err("a trace beat without trace_i");
      if (held && (out_valid !== 1'b1 || out_key !== held_key || out_scores !== held_scores))
        tb_err("a refused beat did not hold");
      held        = out_valid && !out_ready;
      held_key    = out_key;
      held_scores = out_scores;
      if (out_valid && out_ready) begin
        if (beats >= nrows) begin
          tb_err("a beat beyond the block's rows");
        end else if (out_key !== lab[beats] ||
                     out_scores !== scores_of(vec[row0 + beats])) begin
          tb_err("a trace beat's key or scores wrong");
          if (tb_show)
            $display("    beat %0d: key %0d scores %h, want key %0d (slot %0d) scores %h",
                     beats, out_key, out_scores, lab[beats], vec[row0 + beats][H+40 +: 16],
                     scores_of(vec[row0 + beats]));
        end
        beats = beats + 1;
      end
      // done_o: high exactly in the cycle after the last row left the second
      // stage (written, and its trace beat taken), so that the softmax's
      // beats never meet a score beat still waiting for the output.
      if (done !== (lpos == 3))
        tb_err(done ? "done_o at the wrong cycle" : "done_o missing");
      if (done) begin
        dones = dones + 1;
        if (taken != nlines)
          tb_err("done_o before every row was taken");
        if (nrows > 0 && max !== scores_of(vec[pmax])) begin
          tb_err("max_o wrong");
          if (tb_show) $display("    max_o %h, want %h", max, scores_of(vec[pmax]));
        end
      end
      case (lpos)
        1: if (ready) lpos = 2;
        2: if (ready) lpos = 3;
        3: lpos = 0;
        default: lpos = 0;
      endcase
      if (valid && ready) begin
        taken = taken + 1;
        if (last) lpos = 1;
      end
    end
  end

  // ---- output ready: toggling without trace_i (ignored), random, or long
  // stalls broken by short bursts
  always @(negedge clk) begin
    out_ready = tb_sink(mode == 2 ? TB_SINK_STALLS : TB_SINK_HALF, out_ready);
  end

  initial begin
    tb_seed(7);
    $readmemh(VEC, vec);
    tb_reset(3);
    @(negedge clk);
    while (p < N && errors < TB_SHOW) begin
      $sformat(tb_where, "block %0d", blk);
      if (tag_of(vec[p]) != 1) begin
        $sformat(tb_fail_text, "record %0d is not a block head", p);
        tb_fatal(tb_fail_text);
      end
      nrows  = vec[p][H+40 +: 16];
      d      = vec[p][H+32 +: 8];
      nlines = nrows > 0 ? nrows : 1;
      row0   = p + 1 + d;
      pmax   = row0 + nlines;
      if (pmax >= N || tag_of(vec[row0]) != 3 || tag_of(vec[pmax]) != 4) begin
        $sformat(tb_fail_text, "block at record %0d is out of step", p);
        tb_fatal(tb_fail_text);
      end
      for (i = 0; i < nlines; i = i + 1) begin   // (an empty beat's label is junk)
        case (blk % 4)
          0, 3: lab[i] = tb_rand(LN);
          1: lab[i] = tb_rand(3) * 5 % LN;
          default: lab[i] = LN - 1 - vec[row0 + i][H+40 +: IDX_W];
        endcase
        if (lab[i] != vec[row0 + i][H+40 +: IDX_W]) relabeled = relabeled + 1;
        if (lab[i] >= MAX_SEQ) high_labels = high_labels + 1;
      end
      taken = 0;
      beats = 0;
      mode  = blk % 3;
      trace = mode != 0;
      bank  = $random(seed);
      start = 1'b1;
      // junk on the sweep inputs while start_i clears Qsum
      sweep = 1'b1;
      q     = $random(seed);
      @(negedge clk);
      start = 1'b0;
      for (t = 0; t < d; t = t + 1) begin
        while (tb_bubble(4)) begin
          sweep = 1'b0;
          q     = $random(seed);
          @(negedge clk);
        end
        sweep = 1'b1;
        for (c = 0; c < COLS; c = c + 1)
          q[c*8 +: 8] = vec[p + 1 + t][c*64 + 32 +: 8];
        @(negedge clk);
      end
      sweep = 1'b0;
      // rows, each held until taken
      i = 0;
      w = 0;
      while (taken < nlines) begin
        if (valid && taken == i) valid = 1'b0;
        if (!valid) begin
          q      = $random(seed);
          key    = $random(seed);
          planes = $random(seed);
          last   = $random(seed);
          empty  = $random(seed);
          for (c = 0; c < COLS; c = c + 1)
            sums[c*ACC_W +: ACC_W] = $random(seed);
          if (i < nlines && !tb_bubble(4)) begin
            valid  = 1'b1;
            key    = {lab[i][IDX_W-1:0], vec[row0 + i][H+40 +: IDX_W]};
            planes = vec[row0 + i][H+32 +: PLANE_W];
            last   = vec[row0 + i][H];
            empty  = vec[row0 + i][H+1];
            for (c = 0; c < COLS; c = c + 1)
              sums[c*ACC_W +: ACC_W] = vec[row0 + i][c*64 + 32 +: ACC_W];
            i = i + 1;
          end
        end
        raddr = $random(seed);
        rbank = $random(seed);
        @(negedge clk);
        w = w + 1;
        if (w > 100 * nlines + 1000) begin
          $sformat(tb_fail_text, "block %0d: rows not taken", blk);
          tb_fatal(tb_fail_text);
        end
      end
      valid = 1'b0;
      // the score RAMs, read from the cycle done_o is high
      w = 0;
      while (!done) begin
        @(negedge clk);
        w = w + 1;
        if (w > 1000) begin
          $sformat(tb_fail_text, "block %0d: no done_o", blk);
          tb_fatal(tb_fail_text);
        end
      end
      for (i = 0; i < nrows; i = i + 1)
        ram[bank * MAX_SEQ + vec[row0 + i][H+40 +: IDX_W]] = scores_of(vec[row0 + i]);
      for (i = 0; i < 2 * MAX_SEQ; i = i + 1) begin
        rbank = i >= MAX_SEQ;
        raddr = i % MAX_SEQ;
        @(negedge clk);
        if (rdata !== ram[i]) begin
          tb_err("a score RAM word wrong");
          if (tb_show) $display("    bank %0d word %0d %h, want %h", i / MAX_SEQ, i % MAX_SEQ,
                                rdata, ram[i]);
        end
      end
      w = 0;
      while (beats < (trace ? nrows : 0)) begin
        @(negedge clk);
        w = w + 1;
        if (w > 1000) begin
          $sformat(tb_fail_text, "block %0d: %0d of %0d beats", blk, beats, nrows);
          tb_fatal(tb_fail_text);
        end
      end
      repeat (tb_rand(4)) @(negedge clk);
      if (dones != blk + 1)
        tb_err("done_o count");
      p   = pmax + 1;
      blk = blk + 1;
    end
    trace = 1'b0;
    tb_where = 0;
    repeat (8) @(negedge clk);
    if (relabeled == 0 || (high_labels == 0) !== (LN == MAX_SEQ))
      tb_err("coverage: labels apart from slots or labels >= MAX_SEQ missing");
    if (dones != blk) tb_err("done_o count");
    $sformat(tb_pass_text, "%0d blocks, %0d rows labelled apart from their slot (%0d labels >= MAX_SEQ), COLS %0d S_W %0d DIGIT %0d MID %0d",
             blk, relabeled, high_labels, COLS, S_W, DIGIT, MID);
    $sformat(tb_fail_text, "%0d done_o in %0d blocks", dones, blk);
    tb_finish(tb_pass_text, tb_fail_text);
  end
endmodule
