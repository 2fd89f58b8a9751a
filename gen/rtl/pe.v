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
  // operands (the lane's stage 3)
  input  wire [8:0]         a_i,          // column operand (two's complement)
  input  wire [DIGIT:0]     digit_i,      // lane digit, sign-extended by the lane
  input  wire [PLANE_W-1:0] plane_i,      // plane of the digit: 0 is the most significant
  input  wire               mul_i,        // a digit MAC happens: else the product is 0
  // accumulate, one cycle later (stage 4)
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
  wire signed [PROD_W-1:0] digit_ext = $signed({{9{digit_i[DIGIT]}}, digit_i});
  wire signed [PROD_W-1:0] prod      = a_ext * digit_ext;
  // Plane i of a MAX_PLANES-plane element weighs 2^(DIGIT*(MAX_PLANES-1-i)).
  wire [31:0]              weight    = (MAXP - 32'd1 - {{(32 - PLANE_W){1'b0}}, plane_i}) * DIG;

  reg [PROD_W-1:0] prod_q;
  reg [3:0]        sh_q;
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      prod_q <= {PROD_W{1'b0}};
      sh_q   <= 4'd0;
    end else begin
      prod_q <= mul_i ? $unsigned(prod) : {PROD_W{1'b0}};
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
endmodule
