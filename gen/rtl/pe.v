// Digit-serial PE: an 8 x (DIGIT+1) signed multiplier and a shift-accumulator,
// in two stages so that no path holds both the multiply and the add. A p-bit
// key element arrives as p/DIGIT digits, one plane per sweep of the head
// dimension; the sum shifts left by DIGIT at each plane boundary. The held
// result doubles as one stage of the drain chain that carries captured rows
// towards lane 0.
module vssa_pe #(
  parameter integer DIGIT      = 4,
  parameter integer MAX_PLANES = 2,
  parameter integer PLANE_W    = 2,
  parameter integer ACC_W      = 20
) (
  input  wire               clk_i,
  input  wire               rst_ni,
  // operands (the lane's stage 3)
  input  wire [7:0]         q_i,          // query element (two's complement)
  input  wire [DIGIT:0]     digit_i,      // key digit, sign-extended by the lane
  input  wire               mul_i,        // a digit MAC happens: else the product is 0
  // accumulate, one cycle later (stage 4)
  input  wire               step_i,       // an operation executes
  input  wire               first_i,      // first operation of a tile: restart the sum
  input  wire               plane_i,      // first operation of a later plane: shift the sum
  input  wire               capture_i,    // last operation of a tile: hold the aligned sum
  input  wire [PLANE_W-1:0] planes_i,     // planes the tile runs
  // drain chain
  input  wire               shift_i,
  input  wire [ACC_W-1:0]   shift_in_i,
  output wire [ACC_W-1:0]   score_o
);
  localparam integer PROD_W = 9 + DIGIT;
  localparam [31:0]  MAXP   = MAX_PLANES;
  localparam [31:0]  DIG    = DIGIT;

  wire signed [PROD_W-1:0] q_ext     = $signed({{(DIGIT + 1){q_i[7]}}, q_i});
  wire signed [PROD_W-1:0] digit_ext = $signed({{8{digit_i[DIGIT]}}, digit_i});
  wire signed [PROD_W-1:0] prod      = q_ext * digit_ext;

  reg [PROD_W-1:0] prod_q;
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      prod_q <= {PROD_W{1'b0}};
    end else begin
      prod_q <= mul_i ? $unsigned(prod) : {PROD_W{1'b0}};
    end
  end

  // Partial sums wrap modulo 2^ACC_W; the final score always fits.
  wire [ACC_W-1:0] addend;
  generate
    if (ACC_W > PROD_W) begin : g_prod_extend
      assign addend = {{(ACC_W - PROD_W){prod_q[PROD_W-1]}}, prod_q};
    end else begin : g_prod_wrap
      assign addend = prod_q[ACC_W-1:0];
    end
  endgenerate

  reg  [ACC_W-1:0] acc_q;
  reg  [ACC_W-1:0] hold_q;
  wire [ACC_W-1:0] base  = first_i ? {ACC_W{1'b0}} :
                           plane_i ? {acc_q[ACC_W-DIGIT-1:0], {DIGIT{1'b0}}} : acc_q;
  wire [ACC_W-1:0] acc_d = base + addend;
  // A tile of P planes sits 8 - DIGIT*P bits below the int8 domain.
  wire [31:0]      missing = MAXP - {{(32 - PLANE_W){1'b0}}, planes_i};
  wire [ACC_W-1:0] aligned = acc_d << (missing * DIG);

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
      hold_q <= aligned;
    end else if (shift_i) begin
      hold_q <= shift_in_i;
    end
  end

  assign score_o = hold_q;
endmodule
