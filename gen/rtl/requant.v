// Output requantization of one element (golden/vssa.h section 11):
//   O = clamp((A * G + 2^(k+14)) >> (k+15), -128, 127),  0 when k = 0,
// in three registered stages: the multiply; the arithmetic shift by k+14;
// the rounding (+1, >> 1) and saturation. floor((P + 2^(s-1)) / 2^s) equals
// floor((floor(P / 2^(s-1)) + 1) / 2), so the rounding add is narrow.
// A result leaves LATENCY = 3 cycles after its input.
module vssa_requant #(
  parameter integer A_W = 22,   // bits of A, signed
  parameter integer K_W = 4
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
    if (!(A_W >= 9 && K_W >= 1)) begin
      $display("ERROR: %m: parameters: need A_W >= 9, K_W >= 1");
      $finish;
    end
  end

  localparam integer P_W = A_W + 25;

  // ---- stage 1: the multiply (G is unsigned: a zero sign bit is added)
  reg signed [P_W-1:0] prod_q;
  reg [K_W-1:0]        k1_q;
  reg                  v1_q;
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      prod_q <= {P_W{1'b0}};
      k1_q   <= {K_W{1'b0}};
      v1_q   <= 1'b0;
    end else begin
      prod_q <= $signed({{25{a_i[A_W-1]}}, a_i}) * $signed({{A_W{1'b0}}, 1'b0, g_i});
      k1_q   <= k_i;
      v1_q   <= valid_i;
    end
  end

  // ---- stage 2: shift by k + 14
  wire [7:0]           sh  = {{(8 - K_W){1'b0}}, k1_q} + 8'd14;
  reg signed [P_W-1:0] shr_q;
  reg                  zero2_q, v2_q;
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      shr_q   <= {P_W{1'b0}};
      zero2_q <= 1'b0;
      v2_q    <= 1'b0;
    end else begin
      shr_q   <= prod_q >>> sh;
      zero2_q <= k1_q == {K_W{1'b0}};
      v2_q    <= v1_q;
    end
  end

  // ---- stage 3: round half up and saturate
  wire signed [P_W-1:0] rnd = (shr_q + 1) >>> 1;
  wire                  hi  = rnd > 127;
  wire                  lo  = rnd < -128;
  reg [7:0]             o_q;
  reg                   v3_q;
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      o_q  <= 8'd0;
      v3_q <= 1'b0;
    end else begin
      o_q  <= zero2_q ? 8'd0 : hi ? 8'h7f : lo ? 8'h80 : rnd[7:0];
      v3_q <= v2_q;
    end
  end

  assign valid_o = v3_q;
  assign o_o     = o_q;
endmodule
