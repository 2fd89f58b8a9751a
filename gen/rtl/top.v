// Top level: the token input stage, the controller, the dispatcher, the
// loader and tile table, the query buffer, the sequencer, the array, the
// drain and the output stage. Stages are joined by valid/ready streams (see vssa_skid) or, inside
// the compute pipeline, by the sequencer's stage registers.
module vssa #(
  parameter integer ROWS       = 4,
  parameter integer COLS       = 4,
  parameter integer D          = 16,
  parameter integer DIGIT      = 4,
  parameter integer MAX_PLANES = 2,
  parameter integer MAX_SEQ    = 64,
  parameter integer ACC_W      = 20,
  parameter integer NZ         = 2,
  parameter integer SCHED_ID   = 2,
  parameter integer TAG_W      = 2,
  parameter integer IDX_W      = 6,
  parameter integer SLOTS      = 17,
  parameter integer SLOT_W     = 5,
  parameter integer TILE_W     = 6,
  parameter integer T_W        = 4,
  parameter integer PLANE_W    = 2,
  parameter integer LANE_W     = 2,
  parameter integer FILL_W     = 3,
  parameter integer COL_W      = 2,
  parameter integer QCNT_W     = 3,
  parameter integer KADDR_W    = 9,
  parameter integer KCNT_W     = 7,
  parameter [(1<<TAG_W)*PLANE_W-1:0] TAG_PLANES = 8'b00_00_01_10,
  parameter [(1<<TAG_W)*TAG_W-1:0]   TAG_CLASS  = 8'b10_10_01_00
) (
  input  wire                   clk_i,
  input  wire                   rst_ni,
  // token input stream
  input  wire                   in_valid_i,
  output wire                   in_ready_o,
  input  wire                   in_query_i,
  input  wire                   in_last_i,
  input  wire [TAG_W-1:0]       in_tag_i,
  input  wire [IDX_W-1:0]       in_idx_i,
  input  wire [D*8-1:0]         in_data_i,
  // score output stream
  output wire                   out_valid_o,
  input  wire                   out_ready_i,
  output wire                   out_last_o,
  output wire                   out_empty_o,
  output wire [IDX_W-1:0]       out_key_o,
  output wire [IDX_W-1:0]       out_qbase_o,
  output wire [COLS*ACC_W-1:0]  out_score_o,
  // status and counters of the current key set
  output wire                   busy_o,
  output wire [1:0]             err_o,
  output wire [31:0]            perf_cycles_o,
  output wire [31:0]            perf_busy_o,
  output wire [31:0]            perf_stall_o,
  output wire [31:0]            perf_idle_o,
  output wire [31:0]            perf_tiles_o,
  output wire [31:0]            perf_wait_o
);
  localparam integer IN_W  = 3 + TAG_W + IDX_W + D * 8;
  localparam integer OUT_W = 2 + 2 * IDX_W + COLS * ACC_W;

  // ---- input stage
  wire               h_valid, h_ready, h_query, h_last;
  wire [TAG_W-1:0]   h_tag;
  wire [IDX_W-1:0]   h_idx;
  wire [D*8-1:0]     h_data;
  wire               h_pad;

  vssa_skid #(.W(IN_W)) u_in (
    .clk_i   (clk_i),
    .rst_ni  (rst_ni),
    .valid_i (in_valid_i),
    .ready_o (in_ready_o),
    .data_i  ({1'b0, in_query_i, in_last_i, in_tag_i, in_idx_i, in_data_i}),
    .valid_o (h_valid),
    .ready_i (h_ready),
    .data_o  ({h_pad, h_query, h_last, h_tag, h_idx, h_data})
  );

  // ---- controller
  wire               lane_ok, disp_ready, ld_idle, set_clear, key, key_last;
  wire               q_wr, q_first, seq_ready, seq_idle, drain_free, out_idle, start;
  wire [COL_W-1:0]   q_col;
  wire [IDX_W-1:0]   qbase;
  wire               busy;

  vssa_ctrl #(
    .COLS    (COLS),
    .MAX_SEQ (MAX_SEQ),
    .KCNT_W  (KCNT_W),
    .COL_W   (COL_W),
    .QCNT_W  (QCNT_W),
    .IDX_W   (IDX_W)
  ) u_ctrl (
    .clk_i        (clk_i),
    .rst_ni       (rst_ni),
    .h_valid_i    (h_valid),
    .h_query_i    (h_query),
    .h_last_i     (h_last),
    .h_idx_i      (h_idx),
    .h_ready_o    (h_ready),
    .lane_ok_i    (lane_ok),
    .disp_ready_i (disp_ready),
    .ld_idle_i    (ld_idle),
    .clear_o      (set_clear),
    .key_o        (key),
    .key_last_o   (key_last),
    .q_wr_o       (q_wr),
    .q_first_o    (q_first),
    .q_col_o      (q_col),
    .seq_ready_i  (seq_ready),
    .seq_idle_i   (seq_idle),
    .drain_free_i (drain_free),
    .out_idle_i   (out_idle),
    .start_o      (start),
    .qbase_o      (qbase),
    .err_o        (err_o),
    .busy_o       (busy)
  );

  // ---- dispatcher and tile table
  wire               take;
  wire [LANE_W-1:0]  d_lane;
  wire [SLOT_W-1:0]  d_slot;
  wire [PLANE_W-1:0] d_planes;
  wire               append;
  wire [SLOT_W-1:0]  ap_slot_a, ap_slot_b;
  wire [PLANE_W-1:0] ap_planes;
  wire [FILL_W-1:0]  ap_lo, ap_hi;

  generate
    if (SCHED_ID == 0) begin : g_lockstep
      vssa_dispatch_lockstep #(
        .ROWS       (ROWS),
        .SLOT_W     (SLOT_W),
        .PLANE_W    (PLANE_W),
        .TAG_W      (TAG_W),
        .LANE_W     (LANE_W),
        .FILL_W     (FILL_W),
        .TAG_PLANES (TAG_PLANES)
      ) u_dispatch (
        .clk_i           (clk_i),
        .rst_ni          (rst_ni),
        .clear_i         (set_clear),
        .tag_i           (h_tag),
        .key_i           (key),
        .last_i          (key_last),
        .take_o          (take),
        .lane_o          (d_lane),
        .slot_o          (d_slot),
        .planes_o        (d_planes),
        .ready_o         (disp_ready),
        .append_o        (append),
        .append_slot_a_o (ap_slot_a),
        .append_slot_b_o (ap_slot_b),
        .append_planes_o (ap_planes),
        .append_lo_o     (ap_lo),
        .append_hi_o     (ap_hi)
      );
    end else begin : g_grouped
      vssa_dispatch_group #(
        .ROWS       (ROWS),
        .SLOT_W     (SLOT_W),
        .PLANE_W    (PLANE_W),
        .TAG_W      (TAG_W),
        .LANE_W     (LANE_W),
        .FILL_W     (FILL_W),
        .NZ         (NZ),
        .FUSE       (SCHED_ID == 2 ? 1 : 0),
        .TAG_PLANES (TAG_PLANES),
        .TAG_CLASS  (TAG_CLASS)
      ) u_dispatch (
        .clk_i           (clk_i),
        .rst_ni          (rst_ni),
        .clear_i         (set_clear),
        .tag_i           (h_tag),
        .key_i           (key),
        .last_i          (key_last),
        .take_o          (take),
        .lane_o          (d_lane),
        .slot_o          (d_slot),
        .planes_o        (d_planes),
        .ready_o         (disp_ready),
        .append_o        (append),
        .append_slot_a_o (ap_slot_a),
        .append_slot_b_o (ap_slot_b),
        .append_planes_o (ap_planes),
        .append_lo_o     (ap_lo),
        .append_hi_o     (ap_hi)
      );
    end
  endgenerate

  // ---- loader: the placed key waits here for its lane
  wire [ROWS-1:0]    ld_free;
  wire               ld_meta_we, ld_kv, loader_idle, banks_idle;
  wire [LANE_W-1:0]  ld_lane;
  wire [SLOT_W-1:0]  ld_slot;
  wire [KADDR_W-1:0] ld_base;
  wire [PLANE_W-1:0] ld_planes;
  wire [IDX_W-1:0]   ld_idx;
  wire [D*8-1:0]     ld_data;

  vssa_loader #(
    .ROWS    (ROWS),
    .D       (D),
    .SLOT_W  (SLOT_W),
    .KADDR_W (KADDR_W),
    .PLANE_W (PLANE_W),
    .IDX_W   (IDX_W),
    .LANE_W  (LANE_W)
  ) u_loader (
    .clk_i     (clk_i),
    .rst_ni    (rst_ni),
    .put_i     (key),
    .ready_o   (lane_ok),
    .meta_i    (take),
    .lane_i    (d_lane),
    .slot_i    (d_slot),
    .planes_i  (d_planes),
    .idx_i     (h_idx),
    .data_i    (h_data),
    .idle_o    (loader_idle),
    .ld_free_i (ld_free),
    .meta_we_o (ld_meta_we),
    .kv_ld_o   (ld_kv),
    .lane_o    (ld_lane),
    .slot_o    (ld_slot),
    .base_o    (ld_base),
    .planes_o  (ld_planes),
    .idx_o     (ld_idx),
    .data_o    (ld_data)
  );
  assign ld_idle = loader_idle && banks_idle;

  wire [TILE_W-1:0]  tile_count;
  wire [SLOT_W-1:0]  tt_raddr, tt_slot_a, tt_slot_b;
  wire [PLANE_W-1:0] tt_planes;
  wire [FILL_W-1:0]  tt_lo, tt_hi;

  vssa_tile_table #(
    .SLOTS   (SLOTS),
    .SLOT_W  (SLOT_W),
    .TILE_W  (TILE_W),
    .PLANE_W (PLANE_W),
    .FILL_W  (FILL_W)
  ) u_tile_table (
    .clk_i    (clk_i),
    .rst_ni   (rst_ni),
    .clear_i  (set_clear),
    .append_i (append),
    .slot_a_i (ap_slot_a),
    .slot_b_i (ap_slot_b),
    .planes_i (ap_planes),
    .lo_i     (ap_lo),
    .hi_i     (ap_hi),
    .count_o  (tile_count),
    .raddr_i  (tt_raddr),
    .slot_a_o (tt_slot_a),
    .slot_b_o (tt_slot_b),
    .planes_o (tt_planes),
    .lo_o     (tt_lo),
    .hi_o     (tt_hi)
  );

  // ---- sequencer
  wire               s1_step, s1_first, s1_pstart, s1_capture;
  wire [PLANE_W-1:0] s1_plane, s1_tplanes;
  wire [FILL_W-1:0]  s1_lo, s1_hi;
  wire [SLOT_W-1:0]  s1_slot_a, s1_slot_b;
  wire [KADDR_W-1:0] s1_addr_a, s1_addr_b;
  wire               s2_step, s4_capture, s4_last, s4_empty, seq_wait;
  wire [IDX_W-1:0]   s4_qbase;

  vssa_sequencer #(
    .ROWS    (ROWS),
    .D       (D),
    .T_W     (T_W),
    .PLANE_W (PLANE_W),
    .SLOT_W  (SLOT_W),
    .TILE_W  (TILE_W),
    .FILL_W  (FILL_W),
    .KADDR_W (KADDR_W),
    .IDX_W   (IDX_W)
  ) u_sequencer (
    .clk_i            (clk_i),
    .rst_ni           (rst_ni),
    .start_i          (start),
    .qbase_i          (qbase),
    .count_i          (tile_count),
    .ready_o          (seq_ready),
    .idle_o           (seq_idle),
    .wait_o           (seq_wait),
    .tt_raddr_o       (tt_raddr),
    .tt_slot_a_i      (tt_slot_a),
    .tt_slot_b_i      (tt_slot_b),
    .tt_planes_i      (tt_planes),
    .tt_lo_i          (tt_lo),
    .tt_hi_i          (tt_hi),
    .drain_free_i     (drain_free),
    .s1_step_o        (s1_step),
    .s1_first_o       (s1_first),
    .s1_plane_start_o (s1_pstart),
    .s1_capture_o     (s1_capture),
    .s1_plane_o       (s1_plane),
    .s1_tile_planes_o (s1_tplanes),
    .s1_lo_o          (s1_lo),
    .s1_hi_o          (s1_hi),
    .s1_slot_a_o      (s1_slot_a),
    .s1_slot_b_o      (s1_slot_b),
    .s1_addr_a_o      (s1_addr_a),
    .s1_addr_b_o      (s1_addr_b),
    .s2_step_o        (s2_step),
    .s4_capture_o     (s4_capture),
    .s4_last_o        (s4_last),
    .s4_empty_o       (s4_empty),
    .s4_qbase_o       (s4_qbase)
  );

  // ---- query buffer and array
  wire [COLS*8-1:0]     q3;
  wire                  shift;
  wire [COLS*ACC_W-1:0] head_score;
  wire [IDX_W-1:0]      head_idx;
  wire                  head_valid, rest_valid;
  wire [ROWS-1:0]       lane_busy, lane_stall;

  vssa_qbuf #(
    .COLS  (COLS),
    .D     (D),
    .COL_W (COL_W)
  ) u_qbuf (
    .clk_i      (clk_i),
    .rst_ni     (rst_ni),
    .wr_i       (q_wr),
    .wr_first_i (q_first),
    .wr_col_i   (q_col),
    .wr_data_i  (h_data),
    .load_i     (start),
    .step_i     (s2_step),
    .q_o        (q3)
  );

  vssa_array #(
    .ROWS       (ROWS),
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
    .LANE_W     (LANE_W),
    .FILL_W     (FILL_W)
  ) u_array (
    .clk_i            (clk_i),
    .rst_ni           (rst_ni),
    .meta_we_i        (ld_meta_we),
    .kv_ld_i          (ld_kv),
    .ld_lane_i        (ld_lane),
    .ld_slot_i        (ld_slot),
    .ld_base_i        (ld_base),
    .ld_planes_i      (ld_planes),
    .ld_idx_i         (ld_idx),
    .ld_data_i        (ld_data),
    .ld_free_o        (ld_free),
    .ld_idle_o        (banks_idle),
    .s1_step_i        (s1_step),
    .s1_first_i       (s1_first),
    .s1_plane_start_i (s1_pstart),
    .s1_capture_i     (s1_capture),
    .s1_plane_i       (s1_plane),
    .s1_tile_planes_i (s1_tplanes),
    .s1_lo_i          (s1_lo),
    .s1_hi_i          (s1_hi),
    .s1_slot_a_i      (s1_slot_a),
    .s1_slot_b_i      (s1_slot_b),
    .s1_addr_a_i      (s1_addr_a),
    .s1_addr_b_i      (s1_addr_b),
    .q_i              (q3),
    .shift_i          (shift),
    .head_score_o     (head_score),
    .head_idx_o       (head_idx),
    .head_valid_o     (head_valid),
    .rest_valid_o     (rest_valid),
    .busy_o           (lane_busy),
    .stall_o          (lane_stall)
  );

  // ---- drain and output stage
  wire             d_valid, d_ready;
  wire [OUT_W-1:0] d_data;

  vssa_drain #(
    .COLS  (COLS),
    .ACC_W (ACC_W),
    .IDX_W (IDX_W)
  ) u_drain (
    .clk_i           (clk_i),
    .rst_ni          (rst_ni),
    .capture_i       (s4_capture),
    .capture_last_i  (s4_last),
    .capture_empty_i (s4_empty),
    .capture_qbase_i (s4_qbase),
    .head_score_i    (head_score),
    .head_idx_i      (head_idx),
    .head_valid_i    (head_valid),
    .rest_valid_i    (rest_valid),
    .shift_o         (shift),
    .free_o          (drain_free),
    .valid_o         (d_valid),
    .ready_i         (d_ready),
    .data_o          (d_data)
  );

  vssa_skid #(.W(OUT_W)) u_out (
    .clk_i   (clk_i),
    .rst_ni  (rst_ni),
    .valid_i (d_valid),
    .ready_o (d_ready),
    .data_i  (d_data),
    .valid_o (out_valid_o),
    .ready_i (out_ready_i),
    .data_o  ({out_last_o, out_empty_o, out_qbase_o, out_key_o, out_score_o})
  );
  assign out_idle = !out_valid_o;

  vssa_perf #(
    .ROWS   (ROWS),
    .FILL_W (FILL_W),
    .CNT_W  (32)
  ) u_perf (
    .clk_i    (clk_i),
    .rst_ni   (rst_ni),
    .clear_i  (set_clear),
    .run_i    (busy),
    .tile_i   (s4_capture),
    .wait_i   (seq_wait),
    .busy_i   (lane_busy),
    .stall_i  (lane_stall),
    .cycles_o (perf_cycles_o),
    .busy_o   (perf_busy_o),
    .stall_o  (perf_stall_o),
    .idle_o   (perf_idle_o),
    .tiles_o  (perf_tiles_o),
    .wait_o   (perf_wait_o)
  );

  // Bits that are constant by construction.
  wire unused = h_pad;

  assign busy_o = busy;
endmodule
