// Drain: emits a captured tile as one output beat per valid lane, lowest lane
// first, while the array computes the next tile. Each row is aligned back into
// the int8 domain: a tile of P planes is shifted left by 8 - DIGIT*P.
module ${TOP}_drain #(
  parameter integer ROWS    = 4,
  parameter integer COLS    = 4,
  parameter integer DIGIT   = 4,
  parameter integer ACC_W   = 18,
  parameter integer IDX_W   = 4,
  parameter integer LANE_W  = 2,
  parameter integer PLANE_W = 2,
  parameter integer QCNT_W  = 3
) (
  input  wire                  clk_i,
  input  wire                  rst_ni,
  input  wire                  capture_i,       // the array captured a tile this cycle
  input  wire [PLANE_W-1:0]    capture_planes_i,
  input  wire                  capture_last_i,  // ... and it was the pass's last tile
  input  wire [QCNT_W-1:0]     qcount_i,        // columns holding a query this pass
  input  wire [ROWS-1:0]       row_valid_i,
  output wire [LANE_W-1:0]     row_sel_o,
  input  wire [COLS*ACC_W-1:0] row_score_i,
  input  wire [IDX_W-1:0]      row_idx_i,
  output wire                  empty_o,
  output wire                  out_valid_o,
  input  wire                  out_ready_i,
  output wire [IDX_W-1:0]      out_key_o,
  output wire [COLS*ACC_W-1:0] out_score_o,
  output wire                  out_last_o
);
  reg [ROWS-1:0]    pend_q;
  reg [PLANE_W-1:0] planes_q;
  reg               last_q;

  wire [ROWS-1:0] todo = pend_q & row_valid_i;
  wire [ROWS-1:0] rest = todo & (todo - 1'b1);   // todo without its lowest bit
  wire [ROWS-1:0] pick = todo & ~rest;

  reg [LANE_W-1:0] sel;
  integer r;
  always @* begin
    sel = {LANE_W{1'b0}};
    for (r = ROWS - 1; r >= 0; r = r - 1) begin
      if (pick[r]) begin
        sel = r[LANE_W-1:0];
      end
    end
  end

  wire fire = out_valid_o && out_ready_i;

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      pend_q   <= {ROWS{1'b0}};
      planes_q <= {PLANE_W{1'b0}};
      last_q   <= 1'b0;
    end else if (capture_i) begin
      pend_q   <= {ROWS{1'b1}};
      planes_q <= capture_planes_i;
      last_q   <= capture_last_i;
    end else if (fire) begin
      pend_q   <= pend_q & ~pick;
    end
  end

  // Alignment shift, in digits: 8/DIGIT - P.
  localparam integer MAX_PLANES = 8 / DIGIT;
  wire [PLANE_W-1:0] shift_digits = MAX_PLANES[PLANE_W-1:0] - planes_q;

  genvar c;
  generate
    for (c = 0; c < COLS; c = c + 1) begin : g_col
      localparam [QCNT_W-1:0] COL = c;
      wire [ACC_W-1:0] raw = row_score_i[c*ACC_W +: ACC_W];
      assign out_score_o[c*ACC_W +: ACC_W] =
          (COL < qcount_i) ? raw << (shift_digits * DIGIT) : {ACC_W{1'b0}};
    end
  endgenerate

  assign row_sel_o   = sel;
  assign empty_o     = todo == {ROWS{1'b0}};
  assign out_valid_o = !empty_o;
  assign out_key_o   = row_idx_i;
  assign out_last_o  = last_q && rest == {ROWS{1'b0}};
endmodule
