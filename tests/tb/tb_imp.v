// SPDX-License-Identifier: MIT
// tb_imp.v - self-checking testbench for vssa_imp (gen/rtl/imp.v).
//
// Random bursts of adds (one a cycle or with gaps; the same token as the add
// one or two cycles before, so both forwarded writes are exercised, and each
// case must occur; P from 0 to 65535 per column,
// nq from 0 to COLS) against a model of saturating counters. Between
// bursts, once idle_o is high, every counter is read back through the read
// port, one address a cycle with the data two cycles later, and compared; some bursts end with clear_i, after which busy_o must
// stay high for exactly MAX_SEQ cycles and every counter must read 0.
// With a narrow IMP_W the counters saturate. Where MAX_SEQ is not a power
// of two, one add in eight (and its repeats) has an index of MAX_SEQ or
// more, up to 2^IDX_W - 1: it has no counter and must leave every counter
// unchanged; one in eight is MAX_SEQ - 1, the last counter, which must
// count. Parameters: COLS, IMP_W,
// MAX_SEQ, IDX_W, QCNT_W, BURSTS. Prints one final line:
// PASS tb_imp: ... or FAIL tb_imp: ...
`timescale 1ns/1ps
module tb_imp;
  parameter integer COLS    = 4;
  parameter integer IMP_W   = 20;
  parameter integer MAX_SEQ = 64;
  parameter integer IDX_W   = 6;
  parameter integer QCNT_W  = 3;
  parameter integer IMP_RD_LAT = 2;   // the read checks below assume 2
  parameter integer BURSTS  = 60;
  localparam TB_NAME = "tb_imp";
  `include "tb_common.vh"

  reg                   clear, add;
  reg  [IDX_W-1:0]      add_idx, raddr;
  reg  [COLS*16-1:0]    p;
  reg  [QCNT_W-1:0]     nq;
  wire [IMP_W-1:0]      rdata;
  wire                  busy, idle;

  vssa_imp #(.COLS(COLS), .IMP_W(IMP_W), .MAX_SEQ(MAX_SEQ), .IDX_W(IDX_W), .QCNT_W(QCNT_W),
             .IMP_RD_LAT(IMP_RD_LAT)) dut (
    .clk_i(clk), .rst_ni(rst_n), .clear_i(clear), .add_i(add), .add_idx_i(add_idx),
    .add_p_i(p), .nq_i(nq), .raddr_i(raddr), .rdata_o(rdata), .busy_o(busy), .idle_o(idle)
  );

  reg [63:0] model [0:MAX_SEQ-1];
  localparam integer LN = 1 << IDX_W;
  integer    burst, k, c, j, len, adds, sats, clears, nbusy, ignored, lasts, r;
  integer    rep1, rep2;                 // adds to the counter added 1 / 2 cycles before
  reg        add1, add2;                 // an add (of a counter) 1 / 2 cycles before
  reg [IDX_W-1:0] idx1, idx2;
  reg [63:0] top, sum;

  // Every counter through the read port, an address a cycle (data two
  // cycles after the address: counter j is at rdata after the negedge that
  // follows the one where the address j + 1 is set).
  task check_all;
    begin
      for (j = 0; j <= MAX_SEQ; j = j + 1) begin
        raddr = j < MAX_SEQ ? j : 0;
        @(negedge clk);
        if (j > 0 && rdata !== model[j-1][IMP_W-1:0]) begin
          tb_err("a counter is wrong");
          if (tb_show) $display("    counter %0d: %0d, want %0d", j - 1, rdata, model[j-1]);
        end
      end
    end
  endtask

  initial begin
    tb_seed(5 + COLS + IMP_W); adds = 0; sats = 0; clears = 0;
    ignored = 0; lasts = 0; rep1 = 0; rep2 = 0;
    top = (64'd1 << IMP_W) - 1;
    clear = 1'b0; add = 1'b0; add_idx = 0; raddr = 0; idx1 = 0; idx2 = 0; p = 0; nq = 0;
    tb_reset(2);
    // counters are undefined until the first clear
    @(negedge clk); clear = 1'b1; @(negedge clk); clear = 1'b0;
    for (j = 0; j < MAX_SEQ; j = j + 1) model[j] = 0;
    while (busy) @(negedge clk);
    for (burst = 0; burst < BURSTS; burst = burst + 1) begin
      $sformat(tb_where, "burst %0d", burst);
      len = 1 + tb_rand(3 * MAX_SEQ);
      add1 = 1'b0; add2 = 1'b0;
      for (k = 0; k < len; k = k + 1) begin
        add = !tb_one_in(4);
        if (add && tb_one_in(4)) add_idx = idx2;     // the token of two cycles before
        else if (!add || !tb_one_in(3)) begin        // else the same token again
          r = tb_rand(8);
          if (r == 0 && LN > MAX_SEQ) add_idx = MAX_SEQ + tb_rand(LN - MAX_SEQ);
          else if (r == 1) add_idx = MAX_SEQ - 1;
          else add_idx = tb_rand(MAX_SEQ);
        end
        nq = tb_rand(COLS + 1);
        sum = 0;
        for (c = 0; c < COLS; c = c + 1) begin
          case (tb_rand(4))
            0: p[c*16 +: 16] = 16'hffff;
            1: p[c*16 +: 16] = 16'h0000;
            default: p[c*16 +: 16] = $random(seed);
          endcase
          if (c < nq) sum = sum + p[c*16 +: 16];
        end
        if (add && add_idx >= MAX_SEQ) ignored = ignored + 1;
        else if (add) begin
          adds = adds + 1;
          if (add1 && idx1 == add_idx) rep1 = rep1 + 1;
          if (add2 && idx2 == add_idx) rep2 = rep2 + 1;
          if (add_idx == MAX_SEQ - 1) lasts = lasts + 1;
          if (model[add_idx] + sum > top) sats = sats + 1;
          model[add_idx] = model[add_idx] + sum > top ? top : model[add_idx] + sum;
        end
        add2 = add1; idx2 = idx1;
        add1 = add && add_idx < MAX_SEQ; idx1 = add_idx;
        @(negedge clk);
        if (busy) tb_err("busy while adding");
      end
      add = 1'b0;
      while (!idle) @(negedge clk);
      check_all;
      if (tb_one_in(5)) begin
        clear = 1'b1; @(negedge clk); clear = 1'b0;
        nbusy = 0;
        while (busy) begin nbusy = nbusy + 1; @(negedge clk); end
        if (nbusy != MAX_SEQ) tb_err("clear did not take MAX_SEQ cycles");
        for (j = 0; j < MAX_SEQ; j = j + 1) model[j] = 0;
        clears = clears + 1;
        check_all;
      end
    end
    tb_where = 0;
    if (sats == 0 && IMP_W < 24) tb_err("no counter saturated");
    if ((ignored == 0) !== (LN == MAX_SEQ) || lasts == 0)
      tb_err("coverage: adds past MAX_SEQ or to the last counter");
    if (rep1 == 0 || rep2 == 0)
      tb_err("coverage: adds to the counter added one and two cycles before");
    $sformat(tb_pass_text, "%0d adds (%0d saturating, %0d to the last counter, %0d and %0d to the counter added 1 and 2 cycles before) and %0d of an index >= MAX_SEQ in %0d bursts, %0d clears, %0d columns, %0d-bit counters, MAX_SEQ %0d",
             adds, sats, lasts, rep1, rep2, ignored, BURSTS, clears, COLS, IMP_W, MAX_SEQ);
    tb_finish(tb_pass_text, "");
  end
endmodule
