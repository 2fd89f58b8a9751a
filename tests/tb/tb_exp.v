// SPDX-License-Identifier: MIT
// tb_exp.v - self-checking testbench for the exponent unit (gen/rtl/exp.v):
// every vector of VEC (x, ES, e as golden/attention.c's vssa_exp computes it,
// written by tests/tb/vectors.c) goes in with random bubbles; each result
// must come out exactly EXP_LAT cycles after its input, in order, and equal e.
// Parameters: X_W, EXP_MUL_LAT and EXP_LAT (run_tb.sh takes them from
// vssagen --params), N (vectors in VEC), VEC. Prints one final line:
// PASS tb_exp: ... or FAIL tb_exp: ...
`timescale 1ns/1ps
module tb_exp;
  parameter integer X_W         = 21;
  parameter integer EXP_MUL_LAT = 3;
  parameter integer EXP_LAT     = 5;
  parameter integer N           = 1;
  parameter         VEC         = "exp.hex";
  localparam integer LAT = EXP_LAT;
  localparam TB_NAME = "tb_exp";
  `include "tb_common.vh"

  reg            valid = 1'b0;
  reg  [X_W-1:0] x = {X_W{1'b0}};
  reg  [31:0]    es = 32'd0;
  wire           valid_o;
  wire [7:0]     e;

  vssa_exp #(.X_W(X_W), .EXP_MUL_LAT(EXP_MUL_LAT), .EXP_LAT(EXP_LAT)) dut (
    .clk_i(clk), .rst_ni(rst_n), .valid_i(valid), .x_i(x), .es_i(es),
    .valid_o(valid_o), .e_o(e)
  );

  reg [71:0] vec [0:N-1];
  integer sent_at [0:N-1];
  integer sent = 0, got = 0;

  // Output side: results in order, at the fixed latency.
  always @(posedge clk) begin
    if (rst_n && valid_o) begin
      if (got >= sent) begin
        $sformat(tb_fail_text, "a result without an input at cycle %0d", cyc);
        tb_fatal(tb_fail_text);
      end
      if (e !== vec[got][7:0] || cyc - sent_at[got] != LAT) begin
        tb_err("e_o or its latency wrong");
        if (tb_show)
          $display("    vector %0d: x %0d es %0d: e %0d, want %0d (latency %0d)", got,
                   vec[got][71:40], vec[got][39:8], e, vec[got][7:0], cyc - sent_at[got]);
      end
      got = got + 1;
    end
  end

  initial begin
    tb_seed(1);
    $readmemh(VEC, vec);
    tb_reset(3);
    while (sent < N) begin
      @(negedge clk);
      valid = !tb_bubble(4);
      x     = $random(seed);       // junk unless valid
      es    = $random(seed);
      if (valid) begin
        x  = vec[sent][40 +: X_W];
        es = vec[sent][39:8];
        sent_at[sent] = cyc;
        sent = sent + 1;
      end
    end
    @(negedge clk);
    valid = 1'b0;
    repeat (LAT + 3) @(posedge clk);
    if (got != N) tb_err("results missing");
    $sformat(tb_pass_text, "%0d vectors, X_W %0d", N, X_W);
    $sformat(tb_fail_text, "%0d of %0d results", got, N);
    tb_finish(tb_pass_text, tb_fail_text);
  end
endmodule
