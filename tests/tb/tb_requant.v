// SPDX-License-Identifier: MIT
// tb_requant.v - self-checking testbench for output requantization
// (gen/rtl/requant.v): every vector of VEC (A, G, k and O as golden/attention.c's
// vssa_requant computes it, written by tests/tb/vectors.c) goes in with
// random bubbles; each result must come out exactly RQ_LAT cycles after its
// input, in order, and equal O (ties, saturation and k = 0 included).
// Parameters: A_W, K_W, RQ_MUL_LAT, RQ_LAT, N, VEC. Prints one final line: PASS tb_requant: ...
// or FAIL tb_requant: ...
`timescale 1ns/1ps
module tb_requant;
  parameter integer A_W        = 25;
  parameter integer K_W        = 5;
  parameter integer RQ_MUL_LAT = 3;   // run_tb.sh: from vssagen --params
  parameter integer RQ_LAT     = 5;
  parameter integer N          = 1;
  parameter         VEC        = "requant.hex";
  localparam integer LAT = RQ_LAT;
  localparam TB_NAME = "tb_requant";
  `include "tb_common.vh"

  reg            valid = 1'b0;
  reg  [A_W-1:0] a = {A_W{1'b0}};
  reg  [23:0]    g = 24'd0;
  reg  [K_W-1:0] k = {K_W{1'b0}};
  wire           valid_o;
  wire [7:0]     o;

  vssa_requant #(.A_W(A_W), .K_W(K_W), .RQ_MUL_LAT(RQ_MUL_LAT), .RQ_LAT(RQ_LAT)) dut (
    .clk_i(clk), .rst_ni(rst_n), .valid_i(valid), .a_i(a), .g_i(g), .k_i(k),
    .valid_o(valid_o), .o_o(o)
  );

  reg [79:0] vec [0:N-1];
  integer sent_at [0:N-1];
  integer sent = 0, got = 0;

  always @(posedge clk) begin
    if (rst_n && valid_o) begin
      if (got >= sent) begin
        $sformat(tb_fail_text, "a result without an input at cycle %0d", cyc);
        tb_fatal(tb_fail_text);
      end
      if (o !== vec[got][7:0] || cyc - sent_at[got] != LAT) begin
        tb_err("o_o or its latency wrong");
        if (tb_show)
          $display("    vector %0d: A %h G %0d k %0d: O %0d, want %0d (latency %0d)", got,
                   vec[got][79:40], vec[got][39:16], vec[got][15:8], $signed(o),
                   $signed(vec[got][7:0]), cyc - sent_at[got]);
      end
      got = got + 1;
    end
  end

  initial begin
    tb_seed(5);
    $readmemh(VEC, vec);
    tb_reset(3);
    while (sent < N) begin
      @(negedge clk);
      valid = !tb_bubble(4);
      a     = $random(seed);
      g     = $random(seed);
      k     = $random(seed);
      if (valid) begin
        a = vec[sent][40 +: A_W];
        g = vec[sent][39:16];
        k = vec[sent][8 +: K_W];
        sent_at[sent] = cyc;
        sent = sent + 1;
      end
    end
    @(negedge clk);
    valid = 1'b0;
    repeat (LAT + 3) @(posedge clk);
    if (got != N) tb_err("results missing");
    $sformat(tb_pass_text, "%0d vectors, A_W %0d", N, A_W);
    $sformat(tb_fail_text, "%0d of %0d results", got, N);
    tb_finish(tb_pass_text, tb_fail_text);
  end
endmodule
