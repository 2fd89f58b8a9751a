// SPDX-License-Identifier: MIT
// tb_recip.v - self-checking testbench for the row reciprocal
// (gen/rtl/recip.v): every vector of VEC (E, OS, and k, r, G as golden/attention.c
// computes them, written by tests/tb/vectors.c) is started after a random
// idle time; done_o must pulse exactly RECIP_LAT cycles after the start,
// with k, r and G equal to the vector's, ready_o must stay low in between,
// and a start while busy must be ignored. Parameters: SUM_W, K_W, G_MUL_LAT
// and RECIP_LAT (run_tb.sh takes them from vssagen --params), N, VEC. Prints one
// final line: PASS tb_recip: ... or FAIL tb_recip: ...
`timescale 1ns/1ps
module tb_recip;
  parameter integer SUM_W     = 17;
  parameter integer K_W       = 5;
  parameter integer G_MUL_LAT = 2;
  parameter integer RECIP_LAT = 22;
  parameter integer N         = 1;
  parameter         VEC       = "recip.hex";
  localparam integer LAT = RECIP_LAT;
  localparam TB_NAME = "tb_recip";
  `include "tb_common.vh"

  reg              start = 1'b0;
  reg  [SUM_W-1:0] esum = {SUM_W{1'b0}};
  reg  [23:0]      os = 24'd0;
  wire             ready, done;
  wire [K_W-1:0]   k;
  wire [16:0]      r;
  wire [23:0]      g;

  vssa_recip #(.SUM_W(SUM_W), .K_W(K_W), .G_MUL_LAT(G_MUL_LAT), .RECIP_LAT(RECIP_LAT)) dut (
    .clk_i(clk), .rst_ni(rst_n), .start_i(start), .esum_i(esum), .os_i(os),
    .ready_o(ready), .done_o(done), .k_o(k), .r_o(r), .g_o(g)
  );

  reg [107:0] vec [0:N-1];
  integer i, c;

  initial begin
    tb_seed(3);
    $readmemh(VEC, vec);
    tb_reset(3);
    for (i = 0; i < N; i = i + 1) begin
      repeat (tb_rand(4)) @(posedge clk);
      @(negedge clk);
      if (!ready) begin
        $sformat(tb_fail_text, "not ready before vector %0d", i);
        tb_fatal(tb_fail_text);
      end
      start = 1'b1;
      esum  = vec[i][76 +: SUM_W];
      os    = vec[i][75:52];
      @(negedge clk);
      // a second start while busy, with other operands, must be ignored
      start = !tb_one_in(2);
      esum  = $random(seed);
      os    = $random(seed);
      c = 1;
      while (!done && c < LAT + 5) begin
        @(negedge clk);
        start = 1'b0;
        if (ready && !done && c < LAT) begin
          $sformat(tb_fail_text, "ready while busy, vector %0d", i);
          tb_fatal(tb_fail_text);
        end
        c = c + 1;
      end
      if (c != LAT || k !== vec[i][44 +: K_W] || r !== vec[i][40:24] || g !== vec[i][23:0]) begin
        tb_err("k_o, r_o, g_o or done_o's latency wrong");
        if (tb_show)
          $display("    vector %0d: E %0d OS %0d: k %0d r %0d G %0d after %0d, want %0d %0d %0d after %0d",
                   i, vec[i][107:76], vec[i][75:52], k, r, g, c,
                   vec[i][51:44], vec[i][40:24], vec[i][23:0], LAT);
      end
    end
    $sformat(tb_pass_text, "%0d vectors, SUM_W %0d", N, SUM_W);
    $sformat(tb_fail_text, "%0d vectors", N);
    tb_finish(tb_pass_text, tb_fail_text);
  end
endmodule
