// One lane: a row of PEs working on one key token at a time. The lane owns a
// bank of key vectors (one per tile slot) and their metadata, so every lane
// reads its own operand each cycle and the dispatcher may place any token in
// any lane. The lane runs at its token's speed: it multiplies only while the
// executing plane is below its token's plane count.
module ${TOP}_lane #(
  parameter integer COLS    = 4,
  parameter integer D       = 16,
  parameter integer DIGIT   = 4,
  parameter integer ACC_W   = 18,
  parameter integer SLOTS   = 4,
  parameter integer SLOT_W  = 2,
  parameter integer T_W     = 4,
  parameter integer PLANE_W = 2,
  parameter integer IDX_W   = 4
) (
  input  wire                   clk_i,
  input  wire                   rst_ni,
  // load port: one key token per cycle
  input  wire                   wr_en_i,
  input  wire [SLOT_W-1:0]      wr_slot_i,
  input  wire [D*8-1:0]         wr_data_i,
  input  wire [PLANE_W-1:0]     wr_planes_i,
  input  wire [IDX_W-1:0]       wr_idx_i,
  // issue stage: slot of the tile being issued; read data appears next cycle
  input  wire [SLOT_W-1:0]      rd_slot_i,
  // execute stage, shared by all lanes
  input  wire                   ex_live_i,    // this lane is inside the tile's fill
  input  wire [T_W-1:0]         ex_t_i,
  input  wire [PLANE_W-1:0]     ex_plane_i,
  input  wire                   ex_step_i,
  input  wire                   ex_first_i,
  input  wire                   ex_plane_start_i,
  input  wire                   ex_capture_i,
  input  wire [COLS*8-1:0]      ex_q_i,
  // captured row for the drain
  output wire [COLS*ACC_W-1:0]  row_score_o,
  output wire [IDX_W-1:0]       row_idx_o,
  output wire                   row_valid_o,
  // activity for the performance counters
  output wire                   busy_o,
  output wire                   stall_o
);
  localparam integer MAX_PLANES = 8 / DIGIT;

  reg [D*8-1:0]           kvec_mem [0:SLOTS-1];
  reg [PLANE_W+IDX_W-1:0] meta_mem [0:SLOTS-1];

  always @(posedge clk_i) begin
    if (wr_en_i) begin
      kvec_mem[wr_slot_i] <= wr_data_i;
      meta_mem[wr_slot_i] <= {wr_planes_i, wr_idx_i};
    end
  end

  // Synchronous read, so the banks map onto block RAM.
  reg [D*8-1:0]           kvec_q;
  reg [PLANE_W+IDX_W-1:0] meta_q;
  always @(posedge clk_i) begin
    kvec_q <= kvec_mem[rd_slot_i];
    meta_q <= meta_mem[rd_slot_i];
  end

  wire [PLANE_W-1:0] tok_planes = meta_q[PLANE_W+IDX_W-1:IDX_W];
  wire [IDX_W-1:0]   tok_idx    = meta_q[IDX_W-1:0];
  wire               has_token  = ex_live_i && (tok_planes != {PLANE_W{1'b0}});
  wire               in_plane   = ex_plane_i < tok_planes;

  // Digit of the executing plane, most significant first; only digit 0 is signed.
  wire [7:0]       elem  = kvec_q[ex_t_i*8 +: 8];
  wire [31:0]      plane = {{(32 - PLANE_W){1'b0}}, ex_plane_i};
  wire [DIGIT-1:0] raw   = elem[(MAX_PLANES - 1 - plane) * DIGIT +: DIGIT];
  wire             msd   = ex_plane_i == {PLANE_W{1'b0}};
  wire [DIGIT:0]   digit = {msd & raw[DIGIT-1], raw};

  wire mac = has_token && in_plane;
  assign busy_o  = ex_step_i && mac;
  assign stall_o = ex_step_i && has_token && !in_plane;

  genvar c;
  generate
    for (c = 0; c < COLS; c = c + 1) begin : g_pe
      ${TOP}_pe #(
        .DIGIT (DIGIT),
        .ACC_W (ACC_W)
      ) u_pe (
        .clk_i     (clk_i),
        .rst_ni    (rst_ni),
        .q_i       (ex_q_i[c*8 +: 8]),
        .digit_i   (digit),
        .step_i    (ex_step_i),
        .mac_i     (mac),
        .first_i   (ex_first_i),
        .plane_i   (ex_plane_start_i),
        .capture_i (ex_capture_i),
        .score_o   (row_score_o[c*ACC_W +: ACC_W])
      );
    end
  endgenerate

  reg [IDX_W-1:0] row_idx_q;
  reg             row_valid_q;
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      row_idx_q   <= {IDX_W{1'b0}};
      row_valid_q <= 1'b0;
    end else if (ex_step_i && ex_capture_i) begin
      row_idx_q   <= tok_idx;
      row_valid_q <= has_token;
    end
  end

  assign row_idx_o   = row_idx_q;
  assign row_valid_o = row_valid_q;
endmodule
