// SPDX-License-Identifier: MIT
// tb_sel.v - self-checking testbench for vssa_sel (gen/rtl/sel.v).
// Three instances: the template's default (4 words of 8 bits), a
// non-power-of-two count (5 words of 13 bits, 3 select bits, so selects 5..7
// are out of range) and a single word (1 word of 3 bits, 1 select bit).
// Every select value of each, on random words: the selected word, or zero
// out of range; never X.
// Prints one final line: PASS tb_sel: ... or FAIL tb_sel: ...
`timescale 1ns/1ps
module tb_sel;
  localparam TB_NAME = "tb_sel";
  `include "tb_common.vh"

  reg  [4*8-1:0]  d0;
  reg  [1:0]      s0;
  wire [7:0]      q0;
  reg  [5*13-1:0] d1;
  reg  [2:0]      s1;
  wire [12:0]     q1;
  reg  [2:0]      d2;
  reg  [0:0]      s2;
  wire [2:0]      q2;

  vssa_sel u0 (.d_i (d0), .sel_i (s0), .q_o (q0));
  vssa_sel #(.WIDTH (13), .N (5), .SEL_W (3)) u1 (.d_i (d1), .sel_i (s1), .q_o (q1));
  vssa_sel #(.WIDTH (3), .N (1), .SEL_W (1)) u2 (.d_i (d2), .sel_i (s2), .q_o (q2));

  integer r, k, n = 0;
  initial begin
    tb_seed(11);
    for (r = 0; r < 200; r = r + 1) begin
      d0 = $random(seed);
      d1 = {$random(seed), $random(seed), $random(seed)};
      d2 = $random(seed);
      for (k = 0; k < 8; k = k + 1) begin
        s0 = k[1:0];
        s1 = k[2:0];
        s2 = k[0:0];
        #1;
        if (q0 !== d0[s0*8 +: 8]) tb_err("4 x 8: wrong word");
        if (q1 !== (k < 5 ? d1[k*13 +: 13] : 13'd0)) tb_err("5 x 13: wrong word or not zero out of range");
        if (q2 !== (k[0] ? 3'd0 : d2)) tb_err("1 x 3: wrong word or not zero out of range");
        n = n + 1;
      end
    end
    $sformat(tb_pass_text, "%0d selects of three shapes", n);
    tb_finish(tb_pass_text, "");
  end
endmodule
