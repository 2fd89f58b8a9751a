// SPDX-License-Identifier: MIT
// Digit-serial PE: a 9 x (DIGIT+1) signed multiplier and an accumulator, in
// two stages so that no path holds both the multiply and the add. The column
// operand is a query element (Q.K^T) or an exponential (P.V); the lane
// operand is one digit of a key or value element. Each product is shifted to
// its plane's weight before it is added, so tokens of different precision
// can share one sum (P.V) and a sum needs no alignment when it is captured.
// The held result doubles as one stage of the drain chain that carries
// captured rows towards lane 0.
module vssa_pe #(
  parameter integer DIGIT      = 4,
  parameter integer MAX_PLANES = 2,
  parameter integer PLANE_W    = 2,
  parameter integer ACC_W      = 22
) (
  input  wire               clk_i,
  input  wire               rst_ni,
  // operands (the lane's stage 4)
  input  wire [8:0]         a_i,          // column operand (two's complement)
  input  wire [DIGIT:0]     digit_i,      // lane digit, sign-extended; 0 when no digit MAC happens
  input  wire [PLANE_W-1:0] plane_i,      // plane of the digit: 0 is the most significant
  // accumulate, one cycle later (the lane's stage 5)
  input  wire               step_i,       // an operation executes
  input  wire               first_i,      // first operation of a tile: restart the sum
  input  wire               capture_i,    // last operation of a tile: hold the sum
  // drain chain
  input  wire               shift_i,
  input  wire [ACC_W-1:0]   shift_in_i,
  output wire [ACC_W-1:0]   score_o
);
  // Parameter checks, at elaboration: an inconsistent instance stops the
  // simulation at time 0, and Yosys refuses it.
  initial begin
    if (!((DIGIT == 1 || DIGIT == 2 || DIGIT == 4 || DIGIT == 8) &&
          MAX_PLANES == 8 / DIGIT && (1 << PLANE_W) > MAX_PLANES && ACC_W >= 16)) begin
      $display("ERROR: %m: parameters: need DIGIT 1, 2, 4 or 8, MAX_PLANES = 8/DIGIT, 2^PLANE_W > MAX_PLANES, ACC_W >= 16");
      $finish;
    end
  end

  localparam integer PROD_W = 10 + DIGIT;
  localparam integer EXT_W  = ACC_W > PROD_W + 8 ? ACC_W : PROD_W + 8;
  localparam [31:0]  MAXP   = MAX_PLANES;
  localparam [31:0]  DIG    = DIGIT;

  wire signed [PROD_W-1:0] a_ext     = $signed({{(DIGIT + 1){a_i[8]}}, a_i});
  // The lane clears a digit that is not multiplied, in its digit register,
  // so no gate sits between that register and the Booth sum.
  wire [DIGIT:0]           dig       = digit_i;
  // The product of a narrow digit is not a `*`: FPGA synthesis gives every
  // `*` a DSP block, and one per PE both uses up a device's DSP columns (the
  // 8x8 head then cannot be placed on an LFE5U-85F) and sends every column
  // operand out to a DSP and back (the small head's critical path). It is a
  // radix-4 Booth sum instead: group j of the digit selects 0, a or 2a at
  // weight 4^j, inverted when negative; the +1 that completes each negation
  // sits in a low bit the next group leaves zero. A digit from the lane is a
  // plane-0 digit (signed, DIGIT bits) or a later one (unsigned), so the
  // last group is 0 or +1 and needs no negation (the assertion below checks
  // the range). Two adds in all, like a 3-term sum. An int8 digit (9 x 9)
  // fills a DSP well and stays a multiply.
  localparam integer GROUPS = (DIGIT + 2) / 2;       // radix-4 groups of the digit
  reg signed [PROD_W-1:0] prod;
  generate
    if (DIGIT == 8) begin : g_dsp
      wire signed [PROD_W-1:0] digit_ext = $signed({{9{dig[DIGIT]}}, dig});
      always @* prod = a_ext * digit_ext;
    end else if (DIGIT == 1) begin : g_one
      // d = d0 - 2 d1: one subtract
      always @* prod = (dig[0] ? a_ext : {PROD_W{1'b0}}) -
                       (dig[1] ? a_ext <<< 1 : {PROD_W{1'b0}});
    end else begin : g_booth
      // The digit with a 0 below it and its sign repeated above it, so that
      // group j reads bits 2j+1, 2j and 2j-1 of the digit.
      wire [2*GROUPS:0] bits = {{(2 * GROUPS - DIGIT - 1){dig[DIGIT]}}, dig, 1'b0};
      wire [GROUPS*PROD_W-1:0] term;
      genvar j;
      for (j = 0; j < GROUPS - 1; j = j + 1) begin : g_grp
        wire [2:0]        b3   = bits[2*j +: 3];
        wire              one  = b3[0] ^ b3[1];                          // |g| = 1
        wire              two  = (b3 == 3'b011) || (b3 == 3'b100);       // |g| = 2
        wire [PROD_W-1:0] mag  = one ? a_ext : two ? a_ext <<< 1 : {PROD_W{1'b0}};
        wire [PROD_W-1:0] sel  = b3[2] ? ~mag : mag;                     // -x = ~x + 1
        // the +1 of the group below, at its weight 4^(j-1) (a bit this group,
        // shifted by 2j, leaves zero)
        wire [PROD_W-1:0] fix  = j == 0 ? {PROD_W{1'b0}} :
                                 {{(PROD_W - 1){1'b0}}, bits[2*j]} << (2 * j - 2);
        assign term[j*PROD_W +: PROD_W] = (sel << (2 * j)) | fix;
      end
      // last group: g = bits[2L] - bits[2L+1] (bit 2L+2 repeats 2L+1) is 0 or
      // +1 for a lane digit
      localparam integer L = GROUPS - 1;
      wire              last = bits[2*L] & ~bits[2*L+1];
      wire [PROD_W-1:0] mag  = last ? a_ext : {PROD_W{1'b0}};
      wire [PROD_W-1:0] fix  = {{(PROD_W - 1){1'b0}}, bits[2*L]} << (2 * L - 2);
      assign term[L*PROD_W +: PROD_W] = (mag << (2 * L)) | fix;
      integer t;
      always @* begin
        prod = {PROD_W{1'b0}};
        for (t = 0; t < GROUPS; t = t + 1) prod = prod + term[t*PROD_W +: PROD_W];
      end
    end
  endgenerate
  // Plane i of a MAX_PLANES-plane element weighs 2^(DIGIT*(MAX_PLANES-1-i)).
  wire [31:0]              weight    = (MAXP - 32'd1 - {{(32 - PLANE_W){1'b0}}, plane_i}) * DIG;

  reg [PROD_W-1:0] prod_q;
  reg [3:0]        sh_q;
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      prod_q <= {PROD_W{1'b0}};
      sh_q   <= 4'd0;
    end else begin
      prod_q <= $unsigned(prod);
      sh_q   <= weight[3:0];
    end
  end

  // Partial sums wrap modulo 2^ACC_W; the final sum always fits.
  wire [EXT_W-1:0] ext    = {{(EXT_W - PROD_W){prod_q[PROD_W-1]}}, prod_q};
  wire [EXT_W-1:0] placed = ext << sh_q;
  wire [ACC_W-1:0] addend = placed[ACC_W-1:0];

  reg  [ACC_W-1:0] acc_q;
  reg  [ACC_W-1:0] hold_q;
  wire [ACC_W-1:0] acc_d = (first_i ? {ACC_W{1'b0}} : acc_q) + addend;

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      acc_q <= {ACC_W{1'b0}};
    end else if (step_i) begin
      acc_q <= acc_d;
    end
  end

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      hold_q <= {ACC_W{1'b0}};
    end else if (step_i && capture_i) begin
      hold_q <= acc_d;
    end else if (shift_i) begin
      hold_q <= shift_in_i;
    end
  end

  // Bits above the accumulator width are dropped: the sum wraps. A weight
  // is at most 8 - DIGIT.
  wire unused_weight = ^weight[31:4];
  generate
    if (EXT_W > ACC_W) begin : g_unused
      wire unused = ^placed[EXT_W-1:ACC_W];
    end
  endgenerate

  assign score_o = hold_q;

`ifndef SYNTHESIS
  // Assertion, in every simulation: a digit whose product is accumulated is
  // a lane digit, in -2^(DIGIT-1) .. 2^DIGIT - 1 (the Booth sum's last
  // group cannot negate). A digit in a bubble is not checked.
  reg bad_q;
  always @(posedge clk_i) begin
    bad_q <= digit_i[DIGIT] && !digit_i[DIGIT-1];
    if (step_i && bad_q) begin
      $fatal(1, "%m: a digit outside the lane's range was multiplied");
    end
  end
`endif
endmodule
