// SPDX-License-Identifier: MIT
// tb_outarb.v - self-checking testbench for vssa_outarb (gen/rtl/outarb.v).
//
// One source at a time offers a beat (as the design's phases and commands
// do): a score row, a probability row, an O row (last at random) or, under
// PREC_HW, a token beat, with random payloads and random gaps, each held
// until ready_o takes it. Under PREC_HW = 0 the token input toggles with
// junk in every cycle and must never make a beat. The port's ready is
// always high, random, or in long stalls. Checked:
//  - the beats leave in order, each exactly once, with last (an O row's
//    flag only), kind, query base (0 for a token), index, and data
//    zero-extended to OUT_DW;
//  - the port's outputs change only at a rising edge (registered);
//  - a beat holds still while the port refuses it.
// Parameters: COLS, S_W, D, IDX_W, TAG_W, IMP_W, PREC_HW, OUT_DW, BEATS.
// Prints one final line: PASS tb_outarb: ... or FAIL tb_outarb: ...
`timescale 1ns/1ps
module tb_outarb;
  parameter integer COLS    = 4;
  parameter integer S_W     = 20;
  parameter integer D       = 16;
  parameter integer IDX_W   = 6;
  parameter integer TAG_W   = 2;
  parameter integer IMP_W   = 32;
  parameter integer PREC_HW = 1;
  parameter integer OUT_DW  = 128;
  parameter integer BEATS   = 1500;
  localparam TB_NAME = "tb_outarb";
  `include "tb_common.vh"

  reg                sc_v, pr_v, o_v, o_last, tk_v, out_ready;
  reg  [IDX_W-1:0]   qbase, sc_key, pr_key, o_idx, tk_idx;
  reg  [COLS*S_W-1:0] sc_data;
  reg  [COLS*16-1:0] pr_data;
  reg  [D*8-1:0]     o_data;
  reg  [TAG_W-1:0]   tk_cls;
  reg  [IMP_W-1:0]   tk_imp;
  wire               ready, out_valid, out_last;
  wire [1:0]         out_kind;
  wire [IDX_W-1:0]   out_qbase, out_idx;
  wire [OUT_DW-1:0]  out_data;

  vssa_outarb #(
    .COLS(COLS), .S_W(S_W), .D(D), .IDX_W(IDX_W), .TAG_W(TAG_W), .IMP_W(IMP_W),
    .PREC_HW(PREC_HW), .OUT_DW(OUT_DW)
  ) dut (
    .clk_i(clk), .rst_ni(rst_n), .qbase_i(qbase), .sc_valid_i(sc_v), .sc_key_i(sc_key),
    .sc_data_i(sc_data), .pr_valid_i(pr_v), .pr_key_i(pr_key), .pr_data_i(pr_data),
    .o_valid_i(o_v), .o_last_i(o_last), .o_idx_i(o_idx), .o_data_i(o_data),
    .tk_valid_i(tk_v), .tk_idx_i(tk_idx), .tk_cls_i(tk_cls), .tk_imp_i(tk_imp),
    .ready_o(ready), .out_valid_o(out_valid), .out_ready_i(out_ready), .out_last_o(out_last),
    .out_kind_o(out_kind), .out_qbase_o(out_qbase), .out_idx_o(out_idx), .out_data_o(out_data)
  );

  // Expected beats, in order: {last, kind, qbase, idx, data}.
  localparam integer E_W = 3 + 2 * IDX_W + OUT_DW;
  reg [E_W-1:0] want [0:BEATS-1];
  integer       sent = 0, got = 0, mode = 0, k;
  integer       per_kind [0:3];
  reg [E_W-1:0] held;
  reg           held_v = 1'b0;

  function [OUT_DW-1:0] rnd_wide(input integer bits);
    integer b;
    begin
      rnd_wide = 0;
      for (b = 0; b < OUT_DW; b = b + 32)
        rnd_wide = (rnd_wide << 32) | $unsigned($random(seed));
      rnd_wide = rnd_wide & ((({OUT_DW{1'b0}} | 1'b1) << bits) - 1);
    end
  endfunction

  // Registered outputs: nothing at the port moves between edges.
  always @(out_valid or out_last or out_kind or out_qbase or out_idx or out_data or ready)
    if (rst_n && tb_off_edge(0)) tb_err("an output changed between clock edges");

  // Port side: compare each beat that moves; a refused beat must hold.
  always @(posedge clk) begin
    if (rst_n && out_valid) begin
      if (held_v && held !== {out_last, out_kind, out_qbase, out_idx, out_data})
        tb_err("a refused beat changed");
      if (out_ready) begin
        if (got >= sent) begin
          tb_fatal("a beat nobody sent");
        end else if ({out_last, out_kind, out_qbase, out_idx, out_data} !== want[got]) begin
          tb_err("beat wrong");
          if (tb_show)
            $display("    beat %0d: last %b kind %0d qbase %0d idx %0d data %h, want %h", got,
                     out_last, out_kind, out_qbase, out_idx, out_data, want[got]);
        end
        got = got + 1;
        held_v <= 1'b0;
      end else begin
        held   <= {out_last, out_kind, out_qbase, out_idx, out_data};
        held_v <= 1'b1;
      end
    end
  end

  always @(negedge clk) begin
    out_ready = tb_sink(mode, out_ready);
    if (PREC_HW == 0) begin   // junk on the token input, every cycle
      tk_v = $random(seed); tk_idx = $random(seed); tk_cls = $random(seed); tk_imp = $random(seed);
    end
  end

  task offer;   // one beat of a random source, held until it moves
    integer kind;
    reg [OUT_DW-1:0] d;
    begin
      while (tb_bubble(3)) @(negedge clk);
      kind = tb_rand(PREC_HW != 0 ? 4 : 3);
      qbase = $random(seed);
      d = rnd_wide(kind == 0 ? COLS * S_W : kind == 1 ? COLS * 16 : kind == 2 ? D * 8
                                                                 : TAG_W + IMP_W);
      case (kind)
        0: begin sc_v = 1'b1; sc_key = $random(seed); sc_data = d[COLS*S_W-1:0];
             want[sent] = {1'b0, 2'd0, qbase, sc_key, d}; end
        1: begin pr_v = 1'b1; pr_key = $random(seed); pr_data = d[COLS*16-1:0];
             want[sent] = {1'b0, 2'd1, qbase, pr_key, d}; end
        2: begin o_v = 1'b1; o_last = $random(seed); o_idx = $random(seed); o_data = d[D*8-1:0];
             want[sent] = {o_last, 2'd2, qbase, o_idx, d}; end
        default: begin tk_v = 1'b1; tk_idx = $random(seed);
             {tk_cls, tk_imp} = d[TAG_W+IMP_W-1:0];
             want[sent] = {1'b0, 2'd3, {IDX_W{1'b0}}, tk_idx, d}; end
      endcase
      per_kind[kind] = per_kind[kind] + 1;
      sent = sent + 1;
      @(posedge clk);
      while (!ready) @(posedge clk);
      @(negedge clk);
      sc_v = 1'b0; pr_v = 1'b0; o_v = 1'b0;
      if (PREC_HW != 0) tk_v = 1'b0;
      sc_key = $random(seed); pr_key = $random(seed); o_idx = $random(seed);   // junk
      sc_data = {COLS{$random(seed)}}; o_last = $random(seed);
    end
  endtask

  initial begin
    tb_seed(5 + PREC_HW);
    for (k = 0; k < 4; k = k + 1) per_kind[k] = 0;
    sc_v = 1'b0; pr_v = 1'b0; o_v = 1'b0; tk_v = 1'b0; out_ready = 1'b1; o_last = 1'b0;
    qbase = 0; sc_key = 0; pr_key = 0; o_idx = 0; tk_idx = 0; sc_data = 0; pr_data = 0;
    o_data = 0; tk_cls = 0; tk_imp = 0;
    tb_reset(2);
    while (sent < BEATS) begin
      mode = sent * 3 / BEATS;   // always ready, then half, then stalls
      @(negedge clk);
      offer;
    end
    mode = TB_SINK_ALWAYS;
    repeat (8) @(posedge clk);
    if (got != sent) tb_err("beats lost");
    for (k = 0; k < (PREC_HW != 0 ? 4 : 3); k = k + 1)
      if (per_kind[k] == 0) tb_err("coverage: a source never offered");
    $sformat(tb_pass_text, "%0d beats (%0d/%0d/%0d/%0d by kind), PREC_HW %0d, OUT_DW %0d", sent,
             per_kind[0], per_kind[1], per_kind[2], per_kind[3], PREC_HW, OUT_DW);
    $sformat(tb_fail_text, "%0d of %0d beats, PREC_HW %0d", got, sent, PREC_HW);
    tb_finish(tb_pass_text, tb_fail_text);
  end
endmodule
