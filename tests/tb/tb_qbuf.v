// SPDX-License-Identifier: MIT
// tb_qbuf.v - self-checking testbench for vssa_qbuf (gen/rtl/qbuf.v).
//
// Blocks of 1..COLS random queries, each with a random index, are written
// into the shadow copies (the first write of a block clears every other
// column), then load_i makes the block active and step_i pulses with random
// gaps, several planes of D steps each. The next block is written into the
// shadow copies while the active one rotates. Checked against a reference of
// the active block:
//  - one cycle after each step, q_o holds element t of every column, t
//    counting the steps since the load modulo D (back at element 0 after D);
//  - columns the block left empty read zero;
//  - q_o holds still between steps, and shadow writes never disturb it;
//  - every cycle after a load, idx_o holds the index each of the block's
//    columns was written with, however the next block's writes go (the
//    output stage reads the indices until the next load). Columns the block
//    left empty have no query, so their index is not checked.
// Prints one final line: PASS tb_qbuf: ... or FAIL tb_qbuf: ...
`timescale 1ns/1ps
module tb_qbuf;
  parameter integer COLS   = 4;
  parameter integer D      = 16;
  parameter integer COL_W  = 2;
  parameter integer IDX_W  = 6;
  parameter integer BLOCKS = 60;
  localparam TB_NAME = "tb_qbuf";
  `include "tb_common.vh"

  reg               wr, wr_first, load, step;
  reg  [COL_W-1:0]  wr_col;
  reg  [D*8-1:0]    wr_data;
  reg  [IDX_W-1:0]  wr_idx;
  wire [COLS*8-1:0]     q;
  wire [COLS*IDX_W-1:0] idx;

  vssa_qbuf #(.COLS(COLS), .D(D), .COL_W(COL_W), .IDX_W(IDX_W)) dut (
    .clk_i(clk), .rst_ni(rst_n), .wr_i(wr), .wr_first_i(wr_first), .wr_col_i(wr_col),
    .wr_data_i(wr_data), .wr_idx_i(wr_idx), .load_i(load), .step_i(step), .q_o(q),
    .idx_o(idx)
  );

  reg [D*8-1:0]    shadow_ref [0:COLS-1];   // what the loading block wrote
  reg [D*8-1:0]    active_ref [0:COLS-1];   // the block load_i made active
  reg [COLS*8-1:0] q_ref;                   // q_o expected after the edge
  reg [IDX_W-1:0]  shadow_idx [0:COLS-1];   // index of each column's loading query
  reg [IDX_W-1:0]  active_idx [0:COLS-1];
  reg [COLS-1:0]   shadow_has, active_has;  // columns with a query
  integer steps, t, blk, c, nq, wrote, plane_steps, checks, idx_checks;
  reg     q_known;                          // q_ref is defined (a step happened)
  reg     loaded;                           // a block was made active

  // Loading-side schedule of the next block: queries still to write.
  integer ld_left, ld_next;

  function [D*8-1:0] rand_query(input integer dummy);
    integer k;
    begin
      for (k = 0; k < D; k = k + 1) rand_query[k*8 +: 8] = $random(seed);
    end
  endfunction

  // One cycle. ld: a write of the loading block may happen; st: step_i;
  // lo: load_i.
  task cycle(input ld, input st, input lo);
    reg [D*8-1:0] data;
    integer col, k;
    begin
      wr = 1'b0; wr_first = 1'b0; wr_col = 0; wr_data = rand_query(0); wr_idx = $random(seed);
      if (ld && ld_left > 0 && !tb_one_in(2)) begin
        wr = 1'b1;
        wr_first = ld_next == 0;
        // the first query may go to any column; the rest fill in order
        col = ld_next == 0 ? tb_rand(COLS) : (wrote + ld_next) % COLS;
        if (ld_next == 0) wrote = col;
        wr_col = col;
        ld_next = ld_next + 1;
        ld_left = ld_left - 1;
      end
      step = st; load = lo;
      @(posedge clk);
      if (lo) begin
        for (k = 0; k < COLS; k = k + 1) begin
          active_ref[k] = shadow_ref[k];
          active_idx[k] = shadow_idx[k];
        end
        active_has = shadow_has;
        loaded = 1'b1;
      end else if (st) begin
        for (k = 0; k < COLS; k = k + 1) q_ref[k*8 +: 8] = active_ref[k][t*8 +: 8];
        t = (t + 1) % D;
        q_known = 1'b1;
      end
      if (wr) begin
        if (wr_first) begin
          for (k = 0; k < COLS; k = k + 1) shadow_ref[k] = {(D * 8){1'b0}};
          shadow_has = 0;
        end
        shadow_ref[wr_col] = wr_data;
        shadow_idx[wr_col] = wr_idx;
        shadow_has[wr_col] = 1'b1;
      end
      #1;
      if (q_known) begin
        checks = checks + 1;
        if (q !== q_ref) begin
          tb_err("q_o wrong");
          if (tb_show) $display("    step %0d since the load: q_o %h, expected %h", t, q, q_ref);
        end
      end
      if (loaded)
        for (k = 0; k < COLS; k = k + 1)
          if (active_has[k]) begin
            idx_checks = idx_checks + 1;
            if (idx[k*IDX_W +: IDX_W] !== active_idx[k]) begin
              tb_err("idx_o wrong");
              if (tb_show)
                $display("    idx_o of column %0d is %0d, expected %0d", k,
                         idx[k*IDX_W +: IDX_W], active_idx[k]);
            end
          end
    end
  endtask

  integer i;
  initial begin
    tb_seed(9); t = 0; q_known = 1'b0; checks = 0; wrote = 0;
    wr = 0; wr_first = 0; wr_col = 0; wr_data = 0; wr_idx = 0; load = 0; step = 0;
    loaded = 1'b0; idx_checks = 0; shadow_has = 0; active_has = 0;
    for (c = 0; c < COLS; c = c + 1) begin
      shadow_ref[c] = {(D * 8){1'b0}};
      active_ref[c] = {(D * 8){1'b0}};
      shadow_idx[c] = 0;
      active_idx[c] = 0;
    end
    tb_reset(2);
    // the first block loads alone
    ld_left = 1 + tb_rand(COLS); ld_next = 0;
    while (ld_left > 0) cycle(1'b1, 1'b0, 1'b0);
    for (blk = 0; blk < BLOCKS; blk = blk + 1) begin
      cycle(1'b0, 1'b0, 1'b1);        // load: the block becomes active
      t = 0;
      // the next block loads while this one computes 1..4 planes
      ld_left = 1 + tb_rand(COLS); ld_next = 0;
      plane_steps = D * (1 + tb_rand(4));
      steps = 0;
      while (steps < plane_steps || ld_left > 0) begin
        if (steps < plane_steps && !tb_one_in(4)) begin
          cycle(1'b1, 1'b1, 1'b0);
          steps = steps + 1;
        end else
          cycle(1'b1, 1'b0, 1'b0);      // a gap: q_o must hold
      end
      for (i = 0; i < tb_rand(3); i = i + 1) cycle(1'b0, 1'b0, 1'b0);
    end
    $sformat(tb_pass_text, "%0d blocks, %0d cycles checked, %0d column indices, COLS=%0d D=%0d",
             BLOCKS, checks, idx_checks, COLS, D);
    $sformat(tb_fail_text, "%0d checks (%0d of indices)", checks + idx_checks, idx_checks);
    tb_finish(tb_pass_text, tb_fail_text);
  end

  initial tb_watchdog(BLOCKS * (D * 4 * 2 + 40));
endmodule
