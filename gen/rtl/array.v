// The array: ROWS lanes sharing the query stream. Query vectors sit in the
// column registers; every lane sees the same query element each cycle, which
// is why a slow lane holds up the others within a tile.
module ${TOP}_array #(
  parameter integer ROWS    = 4,
  parameter integer COLS    = 4,
  parameter integer D       = 16,
  parameter integer DIGIT   = 4,
  parameter integer ACC_W   = 18,
  parameter integer SLOTS   = 4,
  parameter integer SLOT_W  = 2,
  parameter integer T_W     = 4,
  parameter integer PLANE_W = 2,
  parameter integer IDX_W   = 4,
  parameter integer LANE_W  = 2,
  parameter integer COL_W   = 2,
  parameter integer FILL_W  = 3
) (
  input  wire                  clk_i,
  input  wire                  rst_ni,
  // load ports
  input  wire                  wr_en_i,
  input  wire [LANE_W-1:0]     wr_lane_i,
  input  wire [SLOT_W-1:0]     wr_slot_i,
  input  wire [PLANE_W-1:0]    wr_planes_i,
  input  wire [IDX_W-1:0]      wr_idx_i,
  input  wire                  q_wr_en_i,
  input  wire [COL_W-1:0]      q_wr_col_i,
  input  wire [D*8-1:0]        wr_data_i,
  // issue stage
  input  wire [SLOT_W-1:0]     is_slot_a_i,
  input  wire [SLOT_W-1:0]     is_slot_b_i,
  input  wire [FILL_W-1:0]     is_lo_i,
  input  wire [T_W-1:0]        is_t_i,
  // execute stage
  input  wire [FILL_W-1:0]     ex_lo_i,
  input  wire [FILL_W-1:0]     ex_hi_i,
  input  wire [T_W-1:0]        ex_t_i,
  input  wire [PLANE_W-1:0]    ex_plane_i,
  input  wire                  ex_step_i,
  input  wire                  ex_first_i,
  input  wire                  ex_plane_start_i,
  input  wire                  ex_capture_i,
  // drain read port
  input  wire [LANE_W-1:0]     row_sel_i,
  output wire [COLS*ACC_W-1:0] row_score_o,
  output wire [IDX_W-1:0]      row_idx_o,
  output wire [ROWS-1:0]       row_valid_o,
  // activity
  output wire [ROWS-1:0]       busy_o,
  output wire [ROWS-1:0]       stall_o
);
  reg [ROWS-1:0] lane_wr;
  reg [COLS-1:0] col_wr;
  integer i;
  always @* begin
    for (i = 0; i < ROWS; i = i + 1) begin
      lane_wr[i] = wr_en_i && wr_lane_i == i[LANE_W-1:0];
    end
    for (i = 0; i < COLS; i = i + 1) begin
      col_wr[i] = q_wr_en_i && q_wr_col_i == i[COL_W-1:0];
    end
  end
  // A tile's tokens sit in lanes below lo (slot a) and at or above hi (slot b).
  wire [ROWS-1:0] is_low  = ~({ROWS{1'b1}} << is_lo_i);
  wire [ROWS-1:0] live    = ~({ROWS{1'b1}} << ex_lo_i) | ({ROWS{1'b1}} << ex_hi_i);

  wire [COLS*8-1:0] ex_q;
  genvar c;
  generate
    for (c = 0; c < COLS; c = c + 1) begin : g_col
      reg [D*8-1:0] qvec_q;
      reg [7:0]     qsel_q;
      always @(posedge clk_i) begin
        if (col_wr[c]) begin
          qvec_q <= wr_data_i;
        end
      end
      always @(posedge clk_i) begin
        qsel_q <= qvec_q[is_t_i*8 +: 8];
      end
      assign ex_q[c*8 +: 8] = qsel_q;
    end
  endgenerate

  wire [ROWS*COLS*ACC_W-1:0] scores;
  wire [ROWS*IDX_W-1:0]      idxs;
  genvar r;
  generate
    for (r = 0; r < ROWS; r = r + 1) begin : g_lane
      ${TOP}_lane #(
        .COLS    (COLS),
        .D       (D),
        .DIGIT   (DIGIT),
        .ACC_W   (ACC_W),
        .SLOTS   (SLOTS),
        .SLOT_W  (SLOT_W),
        .T_W     (T_W),
        .PLANE_W (PLANE_W),
        .IDX_W   (IDX_W)
      ) u_lane (
        .clk_i            (clk_i),
        .rst_ni           (rst_ni),
        .wr_en_i          (lane_wr[r]),
        .wr_slot_i        (wr_slot_i),
        .wr_data_i        (wr_data_i),
        .wr_planes_i      (wr_planes_i),
        .wr_idx_i         (wr_idx_i),
        .rd_slot_i        (is_low[r] ? is_slot_a_i : is_slot_b_i),
        .ex_live_i        (live[r]),
        .ex_t_i           (ex_t_i),
        .ex_plane_i       (ex_plane_i),
        .ex_step_i        (ex_step_i),
        .ex_first_i       (ex_first_i),
        .ex_plane_start_i (ex_plane_start_i),
        .ex_capture_i     (ex_capture_i),
        .ex_q_i           (ex_q),
        .row_score_o      (scores[r*COLS*ACC_W +: COLS*ACC_W]),
        .row_idx_o        (idxs[r*IDX_W +: IDX_W]),
        .row_valid_o      (row_valid_o[r]),
        .busy_o           (busy_o[r]),
        .stall_o          (stall_o[r])
      );
    end
  endgenerate

  assign row_score_o = scores[row_sel_i*COLS*ACC_W +: COLS*ACC_W];
  assign row_idx_o   = idxs[row_sel_i*IDX_W +: IDX_W];
endmodule
