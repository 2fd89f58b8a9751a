// Exponent unit: e = 255 * 2^(-x*c) for one score, as golden/vssa.h section 8
// defines it, in four registered stages so that no path holds more than the
// one multiply or the one wide add:
//   1. x * ES                                   (the multiply)
//   2. z = (x*ES + 2^27) >> 28, kept as "z >= 288" and z[8:0]  (the add)
//   3. LUT[z & 31] and u = z >> 5
//   4. e = LUT >> u, rounded half up; 0 from u >= 9
// A result leaves LATENCY = 4 cycles after its input; valid_i may be high
// every cycle.
module vssa_exp #(
  parameter integer X_W = 20,   // bits of x = M - S, unsigned
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
    if (!(X_W >= 1)) begin
      $display("ERROR: %m: parameters: need X_W >= 1");
      $finish;
    end
  end

  localparam integer P_W = X_W + 32;
  localparam integer Z_W = P_W - 28;   // bits of z (X_W >= 6 keeps it >= 10)
  localparam [Z_W-1:0] Z_CUT = 288;   // 9 * 32: u >= 9 gives e = 0

  // ---- stage 1: the multiply
  reg [P_W-1:0] prod_q;
  reg           v1_q;
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      prod_q <= {P_W{1'b0}};
      v1_q   <= 1'b0;
    end else begin
      prod_q <= {{32{1'b0}}, x_i} * {{X_W{1'b0}}, es_i};
      v1_q   <= valid_i;
    end
  end

  // ---- stage 2: round to z; only "z >= 9*32" and z[8:0] matter later
  wire [Z_W-1:0] z = prod_q[P_W-1:28] + {{(Z_W - 1){1'b0}}, prod_q[27]};
  reg            sat2_q, v2_q;
  reg [8:0]      z2_q;
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      sat2_q <= 1'b0;
      z2_q   <= 9'd0;
      v2_q   <= 1'b0;
    end else begin
      sat2_q <= z >= Z_CUT;
      z2_q   <= z[8:0];
      v2_q   <= v1_q;
    end
  end

  // ---- stage 3: table entry and shift
  reg [7:0] lut3_q;
  reg [3:0] u3_q;
  reg       sat3_q, v3_q;
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      lut3_q <= 8'd0;
      u3_q   <= 4'd0;
      sat3_q <= 1'b0;
      v3_q   <= 1'b0;
    end else begin
      lut3_q <= LUT[{3'd0, z2_q[4:0]} * 8 +: 8];
      u3_q   <= z2_q[8:5];
      sat3_q <= sat2_q;
      v3_q   <= v2_q;
    end
  end

  // ---- stage 4: shift right by u, rounding half up
  wire [8:0] half  = u3_q == 4'd0 ? 9'd0 : 9'd1 << (u3_q - 4'd1);
  wire [8:0] sum   = {1'b0, lut3_q} + half;
  wire [8:0] shr   = sum >> u3_q;
  reg  [7:0] e4_q;
  reg        v4_q;
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      e4_q <= 8'd0;
      v4_q <= 1'b0;
    end else begin
      e4_q <= sat3_q ? 8'd0 : shr[7:0];
      v4_q <= v3_q;
    end
  end

  // Below the rounding bit the product is not needed; the shifted sum is
  // at most 191 for u >= 1 and 255 for u = 0.
  wire unused = ^{prod_q[26:0], shr[8]};

  assign valid_o = v4_q;
  assign e_o     = e4_q;
endmodule
