// SPDX-License-Identifier: MIT
// Output requantization of one element (golden/vssa.h section 11):
//   O = clamp((A * G + 2^(k+14)) >> (k+15), -128, 127),  0 when k = 0,
// in registered stages: the multiply, in DSP-sized pieces (vssa_mul,
// RQ_MUL_LAT stages); the arithmetic shift by k+14; the rounding (+1, >> 1)
// and saturation. floor((P + 2^(s-1)) / 2^s) equals
// floor((floor(P / 2^(s-1)) + 1) / 2), so the rounding add is narrow.
// A result leaves RQ_LAT = RQ_MUL_LAT + 2 cycles after its input (both from
// golden/arch.c).
module vssa_requant #(
  parameter integer A_W        = 22,   // bits of A, signed
  parameter integer K_W        = 4,
  parameter integer RQ_MUL_LAT = 3,
  parameter integer RQ_LAT     = 5
) (
  input  wire           clk_i,
  input  wire           rst_ni,
  input  wire           valid_i,
  input  wire [A_W-1:0] a_i,
  input  wire [23:0]    g_i,
  input  wire [K_W-1:0] k_i,
  output wire           valid_o,
  output wire [7:0]     o_o
);
  // Parameter checks, at elaboration: an inconsistent instance stops the
  // simulation at time 0, and Yosys refuses it.
  initial begin
    if (!(A_W >= 9 && K_W >= 1 && RQ_LAT == RQ_MUL_LAT + 2)) begin
      $display("ERROR: %m: parameters: need A_W >= 9, K_W >= 1, RQ_LAT = RQ_MUL_LAT + 2");
      $finish;
    end
  end

  localparam integer P_W = A_W + 25;

  // ---- stage 1: the multiply (G is unsigned), with k and valid beside it
  wire [A_W+23:0]                prod;
  wire [RQ_MUL_LAT*(K_W+1)-1:0] kv_q;   // {k, valid} of each stage
  vssa_mul #(
    .A_W      (A_W),
    .B_W      (24),
    .A_SIGNED (1),
    .B_SIGNED (0),
    .LATENCY  (RQ_MUL_LAT)
  ) u_mul (
    .clk_i (clk_i),
    .a_i   (a_i),
    .b_i   (g_i),
    .p_o   (prod)
  );
  vssa_delay #(
    .WIDTH (K_W + 1),
    .DEPTH (RQ_MUL_LAT),
    .RESET (1)
  ) u_kv (
    .clk_i  (clk_i),
    .rst_ni (rst_ni),
    .d_i    ({k_i, valid_i}),
    .taps_o (kv_q)
  );
  wire signed [P_W-1:0] prod1 = $signed({prod[A_W+23], prod});
  wire [K_W-1:0]        k1   = kv_q[(RQ_MUL_LAT-1)*(K_W+1)+1 +: K_W];
  wire                  v1   = kv_q[(RQ_MUL_LAT-1)*(K_W+1)];

  // ---- stage 2: shift by k + 14
  wire [7:0]           sh  = {{(8 - K_W){1'b0}}, k1} + 8'd14;
  reg signed [P_W-1:0] shr_q;
  reg                  zero2_q, v2_q;
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      shr_q   <= {P_W{1'b0}};
      zero2_q <= 1'b0;
      v2_q    <= 1'b0;
    end else begin
      shr_q   <= prod1 >>> sh;
      zero2_q <= k1 == {K_W{1'b0}};
      v2_q    <= v1;
    end
  end

  // ---- stage 3: round half up and saturate. With rnd = (shr + 1) >>> 1,
  // rnd > 127 is shr >= 255 and rnd < -128 is shr <= -258, so the two
  // compares need no wide add before them; rnd's low byte is bits 8..1 of
  // the nine-bit shr + 1.
  localparam signed [P_W-1:0] SAT_HI = 255;
  localparam signed [P_W-1:0] SAT_LO = -258;
  wire [8:0] rnd = shr_q[8:0] + 9'd1;
  wire       hi  = shr_q >= SAT_HI;
  wire       lo  = shr_q <= SAT_LO;
  wire       unused_rnd = rnd[0];
  reg [7:0]             o_q;
  reg                   v3_q;
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      o_q  <= 8'd0;
      v3_q <= 1'b0;
    end else begin
      o_q  <= zero2_q ? 8'd0 : hi ? 8'h7f : lo ? 8'h80 : rnd[8:1];
      v3_q <= v2_q;
    end
  end

  assign valid_o = v3_q;
  assign o_o     = o_q;
endmodule
