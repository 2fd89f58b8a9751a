// SPDX-License-Identifier: MIT
// Pipelined multiplier built from DSP-sized partial products, so that no
// path holds more than one multiply or one wide add:
//   stage 1: every product of a CHUNK-bit digit of a by one of b (at most
//            18x18 signed, the size of an FPGA multiplier block), registered;
//   then one stage per level of a binary tree of two-input adds.
// The low digits are unsigned; the top digit of a signed operand carries its
// sign. LATENCY must be 1 + ceil(log2(digits of a * digits of b)); the
// architecture description computes it (golden/arch.c, vssa_mul_latency), and
// a mismatch stops elaboration. A product leaves LATENCY cycles after its
// operands; a new pair may enter every cycle. No reset: the result is
// qualified by the caller's own valid pipeline.
module vssa_mul #(
  parameter integer A_W      = 20,
  parameter integer B_W      = 32,
  parameter integer A_SIGNED = 0,
  parameter integer B_SIGNED = 0,
  parameter integer LATENCY  = 3
) (
  input  wire               clk_i,
  input  wire [A_W-1:0]     a_i,
  input  wire [B_W-1:0]     b_i,
  output wire [A_W+B_W-1:0] p_o     // signed if either operand is
);
  localparam integer CHUNK = 17;
  localparam integer NA    = (A_W + CHUNK - 1) / CHUNK;
  localparam integer NB    = (B_W + CHUNK - 1) / CHUNK;
  localparam integer NP    = NA * NB;
  localparam integer P_W   = A_W + B_W;
  // Adder-tree levels: ceil(log2(NP)).
  localparam integer LEVELS = NP <= 1 ? 0 : NP <= 2 ? 1 : NP <= 4 ? 2 : NP <= 8 ? 3 : 4;
  localparam integer SIGNED = (A_SIGNED != 0 || B_SIGNED != 0) ? 1 : 0;

  // Parameter checks, at elaboration: an inconsistent instance stops the
  // simulation at time 0, and Yosys refuses it.
  initial begin
    if (!(A_W >= 1 && B_W >= 1 && NP <= 16 && (A_SIGNED == 0 || A_SIGNED == 1) &&
          (B_SIGNED == 0 || B_SIGNED == 1) && LATENCY == 1 + LEVELS)) begin
      $display("ERROR: %m: parameters: need A_W, B_W >= 1, at most 16 partial products, LATENCY = 1 + ceil(log2 products)");
      $finish;
    end
  end

  // Operands widened to whole digits, sign- or zero-extended.
  localparam integer AX_W = NA * CHUNK;
  localparam integer BX_W = NB * CHUNK;
  wire [AX_W-1:0] ax = {{(AX_W - A_W){A_SIGNED != 0 && a_i[A_W-1]}}, a_i};
  wire [BX_W-1:0] bx = {{(BX_W - B_W){B_SIGNED != 0 && b_i[B_W-1]}}, b_i};

  // ---- stage 1: the partial products, each at its place in a P_W sum.
  // The sums form a complete binary tree kept in one vector, heap order:
  // node k adds nodes 2k+1 and 2k+2; the NT leaves are nodes NT-1..2NT-2,
  // unused leaves zero; node 0 is the product.
  localparam integer NT = 1 << LEVELS;
  wire [(2*NT-1)*P_W-1:0] node;
  genvar i, j, n;
  generate
    for (i = 0; i < NA; i = i + 1) begin : g_a
      for (j = 0; j < NB; j = j + 1) begin : g_b
        // A top digit of a signed operand is signed: one more bit, 18 in all.
        localparam integer AS = (A_SIGNED != 0 && i == NA - 1) ? 1 : 0;
        localparam integer BS = (B_SIGNED != 0 && j == NB - 1) ? 1 : 0;
        localparam integer SH = (i + j) * CHUNK;
        wire signed [CHUNK:0] da = {AS != 0 && ax[i*CHUNK+CHUNK-1], ax[i*CHUNK +: CHUNK]};
        wire signed [CHUNK:0] db = {BS != 0 && bx[j*CHUNK+CHUNK-1], bx[j*CHUNK +: CHUNK]};
        reg signed [2*CHUNK+1:0] pp_q;
        always @(posedge clk_i) begin
          pp_q <= da * db;
        end
        // Sign-extended (only a signed digit's product can be negative),
        // shifted to its place; bits at and above P_W drop out of the sum.
        wire [P_W+2*CHUNK+1:0] ext = {{P_W{SIGNED != 0 && pp_q[2*CHUNK+1]}}, pp_q};
        wire [P_W+2*CHUNK+1:0] placed = ext << SH;
        assign node[(NT - 1 + i*NB + j)*P_W +: P_W] = placed[P_W-1:0];
        wire unused = ^placed[P_W+2*CHUNK+1:P_W];
      end
    end
    for (n = NT - 1 + NP; n < 2 * NT - 1; n = n + 1) begin : g_pad
      assign node[n*P_W +: P_W] = {P_W{1'b0}};
    end

    // ---- the adder tree: every inner node a register, a level a stage
    for (n = 0; n < NT - 1; n = n + 1) begin : g_add
      reg [P_W-1:0] s_q;
      always @(posedge clk_i) begin
        s_q <= node[(2*n+1)*P_W +: P_W] + node[(2*n+2)*P_W +: P_W];
      end
      assign node[n*P_W +: P_W] = s_q;
    end
  endgenerate

  assign p_o = node[P_W-1:0];
endmodule
