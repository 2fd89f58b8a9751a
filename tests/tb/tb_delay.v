// SPDX-License-Identifier: MIT
// tb_delay.v - self-checking testbench for vssa_delay (gen/rtl/delay.v).
// Three instances side by side: the template's default (1 bit, 1 stage,
// reset), a wide deep one with reset (13 bits x 7 stages) and one without
// reset (5 bits x 3 stages). Random data each cycle, with the reset pulsed
// twice mid-run. Checked, every cycle: every tap s equals d_i of s+1 cycles
// ago; after a reset the reset lines read zero in the stages not yet
// refilled; the line without reset keeps its contents through the reset.
// Prints one final line: PASS tb_delay: ... or FAIL tb_delay: ...
`timescale 1ns/1ps
module tb_delay;
  localparam TB_NAME = "tb_delay";
  `include "tb_common.vh"
  localparam integer W1 = 13, D1 = 7, W2 = 5, D2 = 3, H = 16;

  reg  [0:0]      d0 = 1'b0;
  reg  [W1-1:0]   d1 = {W1{1'b0}};
  reg  [W2-1:0]   d2 = {W2{1'b0}};
  wire [0:0]      t0;
  wire [D1*W1-1:0] t1;
  wire [D2*W2-1:0] t2;

  vssa_delay u0 (.clk_i (clk), .rst_ni (rst_n), .d_i (d0), .taps_o (t0));
  vssa_delay #(.WIDTH (W1), .DEPTH (D1), .RESET (1)) u1 (
    .clk_i (clk), .rst_ni (rst_n), .d_i (d1), .taps_o (t1));
  vssa_delay #(.WIDTH (W2), .DEPTH (D2), .RESET (0)) u2 (
    .clk_i (clk), .rst_ni (rst_n), .d_i (d2), .taps_o (t2));

  // The reference: what d_i was s+1 cycles ago, and whether a reset cleared
  // that stage since (age: cycles since the last reset, H: long ago).
  reg [0:0]    h0 [1:H];
  reg [W1-1:0] h1 [1:H];
  reg [W2-1:0] h2 [1:H];
  integer age = 0, known = 0, s, i;

  always @(posedge clk) begin
    if (rst_n && known > 0) begin
      for (s = 1; s <= D1 && s <= known; s = s + 1) begin
        if (t1[(s-1)*W1 +: W1] !== (s > age ? {W1{1'b0}} : h1[s]))
          tb_err("wide line: a tap differs");
      end
      for (s = 1; s <= D2 && s <= known; s = s + 1) begin
        if (t2[(s-1)*W2 +: W2] !== h2[s])
          tb_err("line without reset: a tap differs");
      end
      if (t0 !== (1 > age ? 1'b0 : h0[1]))
        tb_err("default line: its tap differs");
    end
    // shift the reference by the value this edge takes
    for (i = H; i > 1; i = i - 1) begin
      h0[i] = h0[i-1];
      h1[i] = h1[i-1];
      h2[i] = h2[i-1];
    end
    h0[1] = d0;
    h1[1] = d1;
    h2[1] = d2;
    if (known < H) known = known + 1;
    age = rst_n ? (age < H ? age + 1 : H) : 0;
  end

  initial begin
    tb_seed(7);
    tb_reset(2);
    repeat (2000) begin
      @(negedge clk);
      d0 = $random(seed);
      d1 = $random(seed);
      d2 = $random(seed);
      if (cyc == 700 || cyc == 1300) rst_n = 1'b0;
      else rst_n = 1'b1;
    end
    $sformat(tb_pass_text, "2000 cycles, lines 1x1, %0dx%0d with reset, %0dx%0d without", W1, D1, W2, D2);
    $sformat(tb_fail_text, "lines 1x1, %0dx%0d, %0dx%0d", W1, D1, W2, D2);
    tb_finish(tb_pass_text, tb_fail_text);
  end
endmodule
