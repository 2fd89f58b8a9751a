// SPDX-License-Identifier: MIT
// Word select: word sel_i of N packed words, or zero when sel_i >= N. An
// AND-OR over the N words with constant offsets: `d[sel*W +: W]` with a
// variable sel makes Yosys multiply sel by W, and synth_ecp5 then spends a
// DSP and a multiplier's delay on the index. Combinational: the caller
// registers the result.
module vssa_sel #(
  parameter integer WIDTH = 8,
  parameter integer N     = 4,
  parameter integer SEL_W = 2
) (
  input  wire [N*WIDTH-1:0] d_i,
  input  wire [SEL_W-1:0]   sel_i,
  output reg  [WIDTH-1:0]   q_o
);
  // Parameter checks, at elaboration: an inconsistent instance stops the
  // simulation at time 0, and Yosys refuses it.
  initial begin
    if (!(WIDTH >= 1 && N >= 1 && SEL_W >= 1 && SEL_W <= 16 && (1 << SEL_W) >= N)) begin
      $display("ERROR: %m: parameters: need WIDTH, N >= 1 and 2^SEL_W >= N (SEL_W <= 16)");
      $finish;
    end
  end

  integer i;
  always @* begin
    q_o = {WIDTH{1'b0}};
    for (i = 0; i < N; i = i + 1) begin
      if ({{(32 - SEL_W){1'b0}}, sel_i} == i) begin
        q_o = q_o | d_i[i*WIDTH +: WIDTH];
      end
    end
  end
endmodule
