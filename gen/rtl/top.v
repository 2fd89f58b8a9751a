// Top level: the token input stream, the pass state machine and the wiring
// of dispatch, tile table, array, sequencer, drain and counters.
module ${TOP} (
  input  wire                    clk_i,
  input  wire                    rst_ni,
  // token input stream
  input  wire                    in_valid_i,
  output wire                    in_ready_o,
  input  wire                    in_query_i,
  input  wire                    in_last_i,
  input  wire [${TAG_W}-1:0]       in_tag_i,
  input  wire [${IDX_W}-1:0]       in_idx_i,
  input  wire [${D}*8-1:0]         in_data_i,
  // score output stream
  output wire                    out_valid_o,
  input  wire                    out_ready_i,
  output wire                    out_last_o,
  output wire [${IDX_W}-1:0]       out_key_o,
  output wire [${IDX_W}-1:0]       out_qbase_o,
  output wire [${COLS}*${ACC_W}-1:0] out_score_o,
  // status and counters of the last pass
  output wire                    busy_o,
  output wire [1:0]              err_o,
  output wire [31:0]             perf_cycles_o,
  output wire [31:0]             perf_busy_o,
  output wire [31:0]             perf_stall_o,
  output wire [31:0]             perf_idle_o,
  output wire [31:0]             perf_tiles_o,
  output wire [31:0]             perf_drain_wait_o
);
  localparam integer ROWS    = ${ROWS};
  localparam integer COLS    = ${COLS};
  localparam integer D       = ${D};
  localparam integer DIGIT   = ${DIGIT};
  localparam integer ACC_W   = ${ACC_W};
  localparam integer IDX_W   = ${IDX_W};
  localparam integer TAG_W   = ${TAG_W};
  localparam integer SLOTS   = ${SLOTS};
  localparam integer SLOT_W  = ${SLOT_W};
  localparam integer T_W     = ${T_W};
  localparam integer PLANE_W = ${PLANE_W};
  localparam integer LANE_W  = ${LANE_W};
  localparam integer COL_W   = ${COL_W};
  localparam integer FILL_W  = ${FILL_W};
  localparam integer QCNT_W  = ${QCNT_W};
  localparam integer TILE_W  = ${TILE_W};
  localparam [(1<<TAG_W)*PLANE_W-1:0] TAG_PLANES = ${TAG_PLANES};

  // Pass state: loading (in_ready high) or running (computing and draining).
  reg              run_q;
  reg              started_q;
  reg              open_q;
  reg [QCNT_W-1:0] qcount_q;
  reg [IDX_W-1:0]  qbase_q;
  reg [1:0]        err_q;

  wire in_fire   = in_valid_i && !run_q;
  wire key_fire  = in_fire && !in_query_i;
  wire q_fire    = in_fire && in_query_i;
  wire q_room    = qcount_q != COLS[QCNT_W-1:0];
  wire q_write   = q_fire && q_room;
  wire disp_ready;
  wire start     = run_q && !started_q && disp_ready;
  wire seq_idle;
  wire drain_empty;
  wire done      = run_q && started_q && seq_idle && drain_empty;
  wire overflow;

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      run_q     <= 1'b0;
      started_q <= 1'b0;
    end else if (done) begin
      run_q     <= 1'b0;
      started_q <= 1'b0;
    end else begin
      run_q     <= run_q || (in_fire && in_last_i);
      started_q <= started_q || start;
    end
  end

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      open_q   <= 1'b0;
      qcount_q <= {QCNT_W{1'b0}};
      qbase_q  <= {IDX_W{1'b0}};
    end else if (done) begin
      open_q   <= 1'b0;
      qcount_q <= {QCNT_W{1'b0}};
    end else if (in_fire) begin
      open_q   <= 1'b1;
      if (q_write) begin
        qcount_q <= qcount_q + 1'b1;
      end
      if (q_write && qcount_q == {QCNT_W{1'b0}}) begin
        qbase_q <= in_idx_i;
      end
    end
  end

  // Errors stay visible until the next pass begins.
  wire [1:0] err_now = {overflow, q_fire && !q_room};
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      err_q <= 2'b00;
    end else if (in_fire) begin
      err_q <= open_q ? (err_q | err_now) : err_now;
    end
  end

  wire               wr_en;
  wire [LANE_W-1:0]  wr_lane;
  wire [SLOT_W-1:0]  wr_slot;
  wire [PLANE_W-1:0] wr_planes;
  wire               append;
  wire [SLOT_W-1:0]  append_slot_a;
  wire [SLOT_W-1:0]  append_slot_b;
  wire [PLANE_W-1:0] append_planes;
  wire [FILL_W-1:0]  append_lo;
  wire [FILL_W-1:0]  append_hi;
  wire [TILE_W-1:0]  tile_count;
  wire [TILE_W-1:0]  tile;
  wire [SLOT_W-1:0]  tile_slot_a;
  wire [SLOT_W-1:0]  tile_slot_b;
  wire [PLANE_W-1:0] tile_planes;
  wire [FILL_W-1:0]  tile_lo;
  wire [FILL_W-1:0]  tile_hi;

  ${TOP}_dispatch #(
    .ROWS       (ROWS),
    .SLOTS      (SLOTS),
    .SLOT_W     (SLOT_W),
    .PLANE_W    (PLANE_W),
    .TAG_W      (TAG_W),
    .LANE_W     (LANE_W),
    .FILL_W     (FILL_W),${DISPATCH_PARAMS}
    .TAG_PLANES (TAG_PLANES)
  ) u_dispatch (
    .clk_i         (clk_i),
    .rst_ni        (rst_ni),
    .clear_i       (done),
    .key_i         (key_fire),
    .tag_i         (in_tag_i),
    .last_i        (in_fire && in_last_i),
    .wr_en_o       (wr_en),
    .wr_lane_o     (wr_lane),
    .wr_slot_o     (wr_slot),
    .wr_planes_o   (wr_planes),
    .overflow_o    (overflow),
    .ready_o         (disp_ready),
    .append_o        (append),
    .append_slot_a_o (append_slot_a),
    .append_slot_b_o (append_slot_b),
    .append_planes_o (append_planes),
    .append_lo_o     (append_lo),
    .append_hi_o     (append_hi)
  );

  ${TOP}_tile_table #(
    .SLOTS   (SLOTS),
    .SLOT_W  (SLOT_W),
    .TILE_W  (TILE_W),
    .PLANE_W (PLANE_W),
    .FILL_W  (FILL_W)
  ) u_tile_table (
    .clk_i    (clk_i),
    .rst_ni   (rst_ni),
    .clear_i  (done),
    .append_i (append),
    .slot_a_i (append_slot_a),
    .slot_b_i (append_slot_b),
    .planes_i (append_planes),
    .lo_i     (append_lo),
    .hi_i     (append_hi),
    .count_o  (tile_count),
    .tile_i   (tile),
    .slot_a_o (tile_slot_a),
    .slot_b_o (tile_slot_b),
    .planes_o (tile_planes),
    .lo_o     (tile_lo),
    .hi_o     (tile_hi)
  );

  wire [SLOT_W-1:0]  is_slot_a;
  wire [SLOT_W-1:0]  is_slot_b;
  wire [FILL_W-1:0]  is_lo;
  wire [T_W-1:0]     is_t;
  wire               wait_drain;
  wire               ex_step;
  wire               ex_first;
  wire               ex_plane_start;
  wire               ex_capture;
  wire [T_W-1:0]     ex_t;
  wire [PLANE_W-1:0] ex_plane;
  wire [FILL_W-1:0]  ex_lo;
  wire [FILL_W-1:0]  ex_hi;
  wire [PLANE_W-1:0] ex_tile_planes;
  wire               ex_last_tile;

  ${TOP}_sequencer #(
    .D       (D),
    .T_W     (T_W),
    .PLANE_W (PLANE_W),
    .SLOT_W  (SLOT_W),
    .FILL_W  (FILL_W),
    .TILE_W  (TILE_W)
  ) u_sequencer (
    .clk_i            (clk_i),
    .rst_ni           (rst_ni),
    .start_i          (start),
    .tile_count_i     (tile_count),
    .tile_o           (tile),
    .tile_slot_a_i    (tile_slot_a),
    .tile_slot_b_i    (tile_slot_b),
    .tile_planes_i    (tile_planes),
    .tile_lo_i        (tile_lo),
    .tile_hi_i        (tile_hi),
    .drain_empty_i    (drain_empty),
    .is_slot_a_o      (is_slot_a),
    .is_slot_b_o      (is_slot_b),
    .is_lo_o          (is_lo),
    .is_t_o           (is_t),
    .wait_drain_o     (wait_drain),
    .ex_step_o        (ex_step),
    .ex_first_o       (ex_first),
    .ex_plane_start_o (ex_plane_start),
    .ex_capture_o     (ex_capture),
    .ex_t_o           (ex_t),
    .ex_plane_o       (ex_plane),
    .ex_lo_o          (ex_lo),
    .ex_hi_o          (ex_hi),
    .ex_tile_planes_o (ex_tile_planes),
    .ex_last_tile_o   (ex_last_tile),
    .idle_o           (seq_idle)
  );

  wire [LANE_W-1:0]      row_sel;
  wire [COLS*ACC_W-1:0]  row_score;
  wire [IDX_W-1:0]       row_idx;
  wire [ROWS-1:0]        row_valid;
  wire [ROWS-1:0]        lane_busy;
  wire [ROWS-1:0]        lane_stall;

  ${TOP}_array #(
    .ROWS    (ROWS),
    .COLS    (COLS),
    .D       (D),
    .DIGIT   (DIGIT),
    .ACC_W   (ACC_W),
    .SLOTS   (SLOTS),
    .SLOT_W  (SLOT_W),
    .T_W     (T_W),
    .PLANE_W (PLANE_W),
    .IDX_W   (IDX_W),
    .LANE_W  (LANE_W),
    .COL_W   (COL_W),
    .FILL_W  (FILL_W)
  ) u_array (
    .clk_i            (clk_i),
    .rst_ni           (rst_ni),
    .wr_en_i          (wr_en),
    .wr_lane_i        (wr_lane),
    .wr_slot_i        (wr_slot),
    .wr_planes_i      (wr_planes),
    .wr_idx_i         (in_idx_i),
    .q_wr_en_i        (q_write),
    .q_wr_col_i       (qcount_q[COL_W-1:0]),
    .wr_data_i        (in_data_i),
    .is_slot_a_i      (is_slot_a),
    .is_slot_b_i      (is_slot_b),
    .is_lo_i          (is_lo),
    .is_t_i           (is_t),
    .ex_lo_i          (ex_lo),
    .ex_hi_i          (ex_hi),
    .ex_t_i           (ex_t),
    .ex_plane_i       (ex_plane),
    .ex_step_i        (ex_step),
    .ex_first_i       (ex_first),
    .ex_plane_start_i (ex_plane_start),
    .ex_capture_i     (ex_capture),
    .row_sel_i        (row_sel),
    .row_score_o      (row_score),
    .row_idx_o        (row_idx),
    .row_valid_o      (row_valid),
    .busy_o           (lane_busy),
    .stall_o          (lane_stall)
  );

  ${TOP}_drain #(
    .ROWS    (ROWS),
    .COLS    (COLS),
    .DIGIT   (DIGIT),
    .ACC_W   (ACC_W),
    .IDX_W   (IDX_W),
    .LANE_W  (LANE_W),
    .PLANE_W (PLANE_W),
    .QCNT_W  (QCNT_W)
  ) u_drain (
    .clk_i            (clk_i),
    .rst_ni           (rst_ni),
    .capture_i        (ex_step && ex_capture),
    .capture_planes_i (ex_tile_planes),
    .capture_last_i   (ex_last_tile),
    .qcount_i         (qcount_q),
    .row_valid_i      (row_valid),
    .row_sel_o        (row_sel),
    .row_score_i      (row_score),
    .row_idx_i        (row_idx),
    .empty_o          (drain_empty),
    .out_valid_o      (out_valid_o),
    .out_ready_i      (out_ready_i),
    .out_key_o        (out_key_o),
    .out_score_o      (out_score_o),
    .out_last_o       (out_last_o)
  );

  ${TOP}_perf #(
    .ROWS  (ROWS),
    .CNT_W (32)
  ) u_perf (
    .clk_i        (clk_i),
    .rst_ni       (rst_ni),
    .clear_i      (in_fire && in_last_i),
    .run_i        (run_q),
    .capture_i    (ex_step && ex_capture),
    .wait_drain_i (wait_drain),
    .busy_i       (lane_busy),
    .stall_i      (lane_stall),
    .cycles_o     (perf_cycles_o),
    .busy_o       (perf_busy_o),
    .stall_o      (perf_stall_o),
    .idle_o       (perf_idle_o),
    .tiles_o      (perf_tiles_o),
    .drain_wait_o (perf_drain_wait_o)
  );

  assign in_ready_o  = !run_q;
  assign out_qbase_o = qbase_q;
  assign busy_o      = run_q;
  assign err_o       = err_q;
endmodule
