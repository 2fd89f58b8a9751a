// SPDX-License-Identifier: MIT
// tb_widen.v - self-checking testbench for vssa_widen (gen/rtl/widen.v).
//
// The output stream's data field is shared by the score, probability and O
// sources, each narrower or as wide as the field, so each must arrive
// zero-extended: bits above IN_W left as 1 or X would be read as data by
// the consumer. Inputs: all zeros, all ones, a walking one, a walking zero
// and random words (built 32 bits at a time, so IN_W may exceed 32).
// Checked for each: out_o[IN_W-1:0] equals in_i bit for bit (no shift, no
// reversal) and every bit above IN_W is 0, with no X or Z anywhere.
// Parameters: IN_W, OUT_W (IN_W <= OUT_W). Prints one final line:
// PASS tb_widen: ... or FAIL tb_widen: ...
`timescale 1ns/1ps
module tb_widen;
  parameter integer IN_W   = 8;
  parameter integer OUT_W  = 16;
  parameter integer RANDOM = 2000;
  localparam TB_NAME = "tb_widen";
  `include "tb_common.vh"

  reg  [IN_W-1:0]  in;
  wire [OUT_W-1:0] out;

  vssa_widen #(.IN_W(IN_W), .OUT_W(OUT_W)) dut (.in_i(in), .out_o(out));

  integer checks, i, k;

  task check;
    reg [OUT_W-1:0] want;
    begin
      want = {OUT_W{1'b0}};
      want[IN_W-1:0] = in;
      #1;
      checks = checks + 1;
      if (out !== want) begin
        tb_err("out_o is not in_i, zero-extended");
        if (tb_show) $display("    in %h: out %h, want %h", in, out, want);
      end
    end
  endtask

  initial begin
    tb_seed(IN_W * 131 + OUT_W); checks = 0;
    if (IN_W > OUT_W) begin
      $sformat(tb_fail_text, "IN_W %0d > OUT_W %0d is not a valid shape", IN_W, OUT_W);
      tb_fatal(tb_fail_text);
    end
    in = {IN_W{1'b0}}; check;
    in = {IN_W{1'b1}}; check;
    for (i = 0; i < IN_W; i = i + 1) begin
      in = {IN_W{1'b0}}; in[i] = 1'b1; check;
      in = {IN_W{1'b1}}; in[i] = 1'b0; check;
    end
    for (i = 0; i < RANDOM; i = i + 1) begin
      for (k = 0; k < IN_W; k = k + 32) in = (in << 32) | $unsigned($random(seed));
      check;
    end
    $sformat(tb_pass_text, "%0d inputs, IN_W %0d -> OUT_W %0d, zero-extended", checks, IN_W,
             OUT_W);
    $sformat(tb_fail_text, "%0d inputs (IN_W %0d, OUT_W %0d)", checks, IN_W, OUT_W);
    tb_finish(tb_pass_text, tb_fail_text);
  end
endmodule
