// Digit-serial PE: an 8 x (DIGIT+1) signed multiplier and a shift-accumulator.
// A p-bit key element arrives as p/DIGIT digits, one plane per pass over the
// head dimension; the sum shifts left by DIGIT at each plane boundary.
module ${TOP}_pe #(
  parameter integer DIGIT = 4,
  parameter integer ACC_W = 22
) (
  input  wire             clk_i,
  input  wire             rst_ni,
  input  wire [7:0]       q_i,         // query element (two's complement)
  input  wire [DIGIT:0]   digit_i,     // key digit, extended to DIGIT+1 bits by the lane
  input  wire             step_i,      // an operation executes this cycle
  input  wire             mac_i,       // this lane still has digits in this plane
  input  wire             first_i,     // first operation of a tile: restart the sum
  input  wire             plane_i,     // first operation of a later plane: shift the sum
  input  wire             capture_i,   // last operation of a tile: hand the sum to the drain
  output wire [ACC_W-1:0] score_o
);
  localparam integer PROD_W = 9 + DIGIT;

  wire signed [PROD_W-1:0] q_ext = {{(DIGIT + 1){q_i[7]}}, q_i};
  wire signed [PROD_W-1:0] digit_ext = {{8{digit_i[DIGIT]}}, digit_i};
  wire signed [PROD_W-1:0] prod = q_ext * digit_ext;

  // Partial sums wrap modulo 2^ACC_W; the final score always fits.
  wire [ACC_W-1:0] prod_acc;
  generate
    if (ACC_W > PROD_W) begin : g_prod_extend
      assign prod_acc = {{(ACC_W - PROD_W){prod[PROD_W-1]}}, prod};
    end else begin : g_prod_wrap
      assign prod_acc = prod[ACC_W-1:0];
    end
  endgenerate

  reg  [ACC_W-1:0] acc_q;
  reg  [ACC_W-1:0] hold_q;
  wire [ACC_W-1:0] addend = mac_i ? prod_acc : {ACC_W{1'b0}};
  wire [ACC_W-1:0] base = first_i ? {ACC_W{1'b0}} :
                          plane_i ? {acc_q[ACC_W-DIGIT-1:0], {DIGIT{1'b0}}} : acc_q;
  wire [ACC_W-1:0] acc_d = base + addend;

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
    end
  end

  assign score_o = hold_q;
endmodule
