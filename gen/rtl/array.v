// SPDX-License-Identifier: MIT
// The array: ROWS lanes sharing the column operands. The operands arrive in
// stage 3 and are registered once per group of LANE_GRP lanes (stage 4), so
// that each copy drives a group's PEs rather than one register every lane.
// Every lane
// sees the same query element each cycle, which is why a slow key lane holds
// up the others within a Q.K^T tile; in P.V every lane works on the same
// value token, so none waits for another. The lanes' held rows form the drain chain: lane r+1
// shifts into lane r, and lane 0 is the head the drain reads.
module vssa_array #(
  parameter integer ROWS       = 4,
  parameter integer COLS       = 4,
  parameter integer D          = 16,
  parameter integer DIGIT      = 4,
  parameter integer MAX_PLANES = 2,
  parameter integer ACC_W      = 22,
  parameter integer SLOTS      = 17,
  parameter integer SLOT_W     = 5,
  parameter integer KADDR_W    = 9,
  parameter integer T_W        = 4,
  parameter integer PLANE_W    = 2,
  parameter integer IDX_W      = 6,
  parameter integer LANE_W     = 2,
  parameter integer FILL_W     = 3,
  parameter integer VDEPTH     = 256,
  parameter integer VADDR_W    = 8,
  parameter integer STAGE_B    = 4,
  parameter integer LANE_LAT   = 5,   // the capture stage (vssa_lane)
  parameter integer LANE_GRP   = 4    // lanes sharing one operand register
) (
  input  wire                  clk_i,
  input  wire                  rst_ni,
  // load
  input  wire                  meta_we_i,
  input  wire                  kv_ld_i,
  input  wire [LANE_W-1:0]     ld_lane_i,
  input  wire [SLOT_W-1:0]     ld_slot_i,
  input  wire [KADDR_W-1:0]    ld_base_i,
  input  wire [PLANE_W-1:0]    ld_planes_i,
  input  wire [IDX_W-1:0]      ld_idx_i,
  input  wire [D*8-1:0]        ld_data_i,
  output wire [ROWS-1:0]       ld_free_o,
  output wire                  ld_idle_o,     // every bank fully written
  // value banks: one byte per lane
  input  wire                  vw_we_i,
  input  wire [VADDR_W-1:0]    vw_addr_i,
  input  wire [ROWS*8-1:0]     vw_data_i,
  // stage 1
  input  wire                  s1_step_i,
  input  wire                  s1_pv_i,
  input  wire                  s1_first_i,
  input  wire                  s1_capture_i,
  input  wire [PLANE_W-1:0]    s1_plane_i,
  input  wire [FILL_W-1:0]     s1_lo_i,
  input  wire [FILL_W-1:0]     s1_hi_i,
  input  wire [SLOT_W-1:0]     s1_slot_a_i,
  input  wire [SLOT_W-1:0]     s1_slot_b_i,
  input  wire [KADDR_W-1:0]    s1_addr_a_i,
  input  wire [KADDR_W-1:0]    s1_addr_b_i,
  input  wire [VADDR_W-1:0]    s1_vaddr_i,
  // stage 3: the column operands
  input  wire [COLS*9-1:0]     q_i,
  // drain chain head
  input  wire                  shift_i,
  output wire [COLS*ACC_W-1:0] head_score_o,
  output wire [IDX_W-1:0]      head_idx_o,
  output wire [PLANE_W-1:0]    head_planes_o,
  output wire                  head_valid_o,
  output wire                  rest_valid_o,  // a row waits behind the head
  // capture-stage activity
  output wire [ROWS-1:0]       busy_o,
  output wire [ROWS-1:0]       stall_o
);
  // Parameter checks, at elaboration: an inconsistent instance stops the
  // simulation at time 0, and Yosys refuses it.
  initial begin
    if (!(ROWS >= 1 && COLS >= 1 && D >= 1 &&
          (DIGIT == 1 || DIGIT == 2 || DIGIT == 4 || DIGIT == 8) &&
          (MAX_PLANES == 8 / DIGIT && (1 << PLANE_W) > MAX_PLANES) && ACC_W >= 16 &&
          SLOTS >= 1 && (1 << SLOT_W) >= SLOTS && (1 << KADDR_W) >= SLOTS * D &&
          (1 << T_W) >= D && IDX_W >= 1 && (1 << LANE_W) >= ROWS && (1 << FILL_W) > ROWS &&
          VDEPTH >= 1 && (1 << VADDR_W) >= VDEPTH && LANE_GRP >= 1)) begin
      $display("ERROR: %m: parameters: need ROWS, COLS, D >= 1; DIGIT 1, 2, 4 or 8 with MAX_PLANES = 8/DIGIT; 2^LANE_W >= ROWS, 2^FILL_W > ROWS, 2^SLOT_W >= SLOTS, 2^KADDR_W >= SLOTS*D, 2^T_W >= D, 2^VADDR_W >= VDEPTH, LANE_GRP >= 1");
      $finish;
    end
  end

  wire [(ROWS+1)*COLS*ACC_W-1:0] chain_score;
  wire [(ROWS+1)*IDX_W-1:0]      chain_idx;
  wire [(ROWS+1)*PLANE_W-1:0]    chain_planes;
  wire [ROWS:0]                  chain_valid;
  wire [ROWS-1:0]                ld_idle;

  // Past the last lane the chain shifts in empty rows.
  assign chain_score[ROWS*COLS*ACC_W +: COLS*ACC_W] = {(COLS * ACC_W){1'b0}};
  assign chain_idx[ROWS*IDX_W +: IDX_W]             = {IDX_W{1'b0}};
  assign chain_planes[ROWS*PLANE_W +: PLANE_W]      = {PLANE_W{1'b0}};
  assign chain_valid[ROWS]                          = 1'b0;

  // Stage 3 -> 4: a register of the column operands per lane group.
  localparam integer NGRP = (ROWS + LANE_GRP - 1) / LANE_GRP;
  wire [NGRP*COLS*9-1:0] q4;
  genvar g;
  generate
    for (g = 0; g < NGRP; g = g + 1) begin : g_grp
      reg [COLS*9-1:0] q4_q;
      always @(posedge clk_i) begin
        q4_q <= q_i;
      end
      assign q4[g*COLS*9 +: COLS*9] = q4_q;
    end
  endgenerate

  genvar r;
  generate
    for (r = 0; r < ROWS; r = r + 1) begin : g_lane
      localparam [LANE_W-1:0] R = r;
      wire mine = ld_lane_i == R;
      vssa_lane #(
        .LANE       (r),
        .COLS       (COLS),
        .D          (D),
        .DIGIT      (DIGIT),
        .MAX_PLANES (MAX_PLANES),
        .ACC_W      (ACC_W),
        .SLOTS      (SLOTS),
        .SLOT_W     (SLOT_W),
        .KADDR_W    (KADDR_W),
        .T_W        (T_W),
        .PLANE_W    (PLANE_W),
        .IDX_W      (IDX_W),
        .FILL_W     (FILL_W),
        .VDEPTH     (VDEPTH),
        .VADDR_W    (VADDR_W),
        .STAGE_B    (STAGE_B),
        .LANE_LAT   (LANE_LAT)
      ) u_lane (
        .clk_i            (clk_i),
        .rst_ni           (rst_ni),
        .meta_we_i        (meta_we_i && mine),
        .kv_ld_i          (kv_ld_i && mine),
        .ld_slot_i        (ld_slot_i),
        .ld_base_i        (ld_base_i),
        .ld_planes_i      (ld_planes_i),
        .ld_idx_i         (ld_idx_i),
        .ld_data_i        (ld_data_i),
        .ld_free_o        (ld_free_o[r]),
        .ld_idle_o        (ld_idle[r]),
        .vw_we_i          (vw_we_i),
        .vw_addr_i        (vw_addr_i),
        .vw_data_i        (vw_data_i[r*8 +: 8]),
        .s1_step_i        (s1_step_i),
        .s1_pv_i          (s1_pv_i),
        .s1_first_i       (s1_first_i),
        .s1_capture_i     (s1_capture_i),
        .s1_plane_i       (s1_plane_i),
        .s1_lo_i          (s1_lo_i),
        .s1_hi_i          (s1_hi_i),
        .s1_slot_a_i      (s1_slot_a_i),
        .s1_slot_b_i      (s1_slot_b_i),
        .s1_addr_a_i      (s1_addr_a_i),
        .s1_addr_b_i      (s1_addr_b_i),
        .s1_vaddr_i       (s1_vaddr_i),
        .q_i              (q4[(r / LANE_GRP)*COLS*9 +: COLS*9]),
        .shift_i          (shift_i),
        .chain_score_i    (chain_score[(r+1)*COLS*ACC_W +: COLS*ACC_W]),
        .chain_idx_i      (chain_idx[(r+1)*IDX_W +: IDX_W]),
        .chain_planes_i   (chain_planes[(r+1)*PLANE_W +: PLANE_W]),
        .chain_valid_i    (chain_valid[r+1]),
        .row_score_o      (chain_score[r*COLS*ACC_W +: COLS*ACC_W]),
        .row_idx_o        (chain_idx[r*IDX_W +: IDX_W]),
        .row_planes_o     (chain_planes[r*PLANE_W +: PLANE_W]),
        .row_valid_o      (chain_valid[r]),
        .busy_o           (busy_o[r]),
        .stall_o          (stall_o[r])
      );
    end
  endgenerate

  assign ld_idle_o    = &ld_idle;
  assign head_score_o = chain_score[0 +: COLS*ACC_W];
  assign head_idx_o    = chain_idx[0 +: IDX_W];
  assign head_planes_o = chain_planes[0 +: PLANE_W];
  assign head_valid_o = chain_valid[0];
  assign rest_valid_o = |chain_valid[ROWS:1];
endmodule
