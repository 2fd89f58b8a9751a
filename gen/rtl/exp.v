// SPDX-License-Identifier: MIT
// Exponent unit: e = 255 * 2^(-x*c) for one score, as golden/vssa.h section 8
// defines it, in registered stages so that no path holds more than one
// multiply or one wide add:
//   1. x * ES, in DSP-sized pieces (vssa_mul): EXP_MUL_LAT stages
//   2. q = (x*ES) >> 27, narrow: "q >= 575" (z >= 288, so e = 0) and
//      z = (q + 1) >> 1, then LUT[z & 31] and u = z >> 5
//   3. e = LUT >> u, rounded half up
// A result leaves EXP_LAT = EXP_MUL_LAT + 2 cycles after its input (both
// from golden/arch.c); valid_i may be high every cycle.
module vssa_exp #(
  parameter integer X_W         = 20,   // bits of x = M - S, unsigned
  parameter integer EXP_MUL_LAT = 3,
  parameter integer EXP_LAT     = 5,
  // LUT entry f (0..31) at bits [8*f +: 8]: floor(255 * 2^(-f/32) + 1/2)
  parameter [255:0] LUT = {8'd130, 8'd133, 8'd136, 8'd139, 8'd142, 8'd145, 8'd148, 8'd152,
                           8'd155, 8'd158, 8'd162, 8'd165, 8'd169, 8'd173, 8'd176, 8'd180,
                           8'd184, 8'd188, 8'd192, 8'd197, 8'd201, 8'd205, 8'd210, 8'd214,
                           8'd219, 8'd224, 8'd229, 8'd234, 8'd239, 8'd244, 8'd250, 8'd255}
) (
  input  wire           clk_i,
  input  wire           rst_ni,
  input  wire           valid_i,
  input  wire [X_W-1:0] x_i,
  input  wire [31:0]    es_i,     // run-time exp scale ES
  output wire           valid_o,
  output wire [7:0]     e_o
);
  // Parameter checks, at elaboration: an inconsistent instance stops the
  // simulation at time 0, and Yosys refuses it.
  initial begin
    if (!(X_W >= 6 && EXP_LAT == EXP_MUL_LAT + 2)) begin
      $display("ERROR: %m: parameters: need X_W >= 6, EXP_LAT = EXP_MUL_LAT + 2");
      $finish;
    end
  end

  localparam integer P_W = X_W + 32;
  localparam integer Q_W = P_W - 27;   // bits of q = product >> 27 (>= 11)

  // ---- stage 1: the multiply, and the valid bit beside it
  wire [P_W-1:0]         prod;
  wire [EXP_MUL_LAT-1:0] v_q;          // v_q[s]: an input s+1 cycles ago
  vssa_mul #(
    .A_W      (X_W),
    .B_W      (32),
    .A_SIGNED (0),
    .B_SIGNED (0),
    .LATENCY  (EXP_MUL_LAT)
  ) u_mul (
    .clk_i (clk_i),
    .a_i   (x_i),
    .b_i   (es_i),
    .p_o   (prod)
  );
  vssa_delay #(
    .WIDTH (1),
    .DEPTH (EXP_MUL_LAT),
    .RESET (1)
  ) u_v (
    .clk_i  (clk_i),
    .rst_ni (rst_ni),
    .d_i    (valid_i),
    .taps_o (v_q)
  );

  // ---- stage 2: z = (q + 1) >> 1, q = product >> 27: the rounding add is
  // ten bits wide, because z >= 288 (q >= 575) gives e = 0 whatever follows
  wire [Q_W-1:0] q    = prod[P_W-1:27];
  wire           qbig = q >= 575;
  wire [10:0]    z    = {1'b0, q[9:0]} + 11'd1;   // 2z or 2z + 1
  reg  [7:0]     lut2_q;
  reg  [3:0]     u2_q;
  reg            sat2_q, v2_q;
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      lut2_q <= 8'd0;
      u2_q   <= 4'd0;
      sat2_q <= 1'b0;
      v2_q   <= 1'b0;
    end else begin
      lut2_q <= LUT[{3'd0, z[5:1]} * 8 +: 8];
      u2_q   <= z[9:6];
      sat2_q <= qbig;
      v2_q   <= v_q[EXP_MUL_LAT-1];
    end
  end

  // ---- stage 3: shift right by u, rounding half up
  wire [8:0] half  = u2_q == 4'd0 ? 9'd0 : 9'd1 << (u2_q - 4'd1);
  wire [8:0] sum   = {1'b0, lut2_q} + half;
  wire [8:0] shr   = sum >> u2_q;
  reg  [7:0] e3_q;
  reg        v3_q;
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      e3_q <= 8'd0;
      v3_q <= 1'b0;
    end else begin
      e3_q <= sat2_q ? 8'd0 : shr[7:0];
      v3_q <= v2_q;
    end
  end

  // Below bit 27 the product is not needed; z's top bit only matters when
  // q >= 575; the shifted sum is at most 191 for u >= 1 and 255 for u = 0.
  wire unused = ^{prod[26:0], z[10], z[0], shr[8]};

  assign valid_o = v3_q;
  assign e_o     = e3_q;
endmodule
