// SPDX-License-Identifier: MIT
// Top level of one attention head: the token input stage, the controller,
// the dispatcher, the key and value loaders and the tile table, the query
// buffer, the two sequencers (Q.K^T and P.V) sharing the array, the drain,
// the score, softmax and output stages, and the output stream. Stages are
// joined by valid/ready streams (see vssa_skid) or, inside the compute
// pipeline, by the sequencers' stage registers.
module vssa #(
  parameter integer ROWS       = 4,
  parameter integer COLS       = 4,
  parameter integer D          = 16,
  parameter integer DIGIT      = 4,
  parameter integer MAX_PLANES = 2,
  parameter integer MAX_SEQ    = 64,
  parameter integer ACC_W      = 22,
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
  parameter integer S_W        = 20,
  parameter integer PV_W       = 22,
  parameter integer QS_W       = 13,
  parameter integer ESUM_W     = 14,
  parameter integer C_W        = 20,
  parameter integer K_W        = 4,
  parameter integer TT         = 4,
  parameter integer TT_W       = 2,
  parameter integer VDEPTH     = 256,
  parameter integer VADDR_W    = 8,
  parameter integer OUT_DW     = 128,
  parameter integer MID        = 1,
  parameter integer PREC_HW    = 1,
  parameter integer IMP_W      = 32,
  parameter integer NCUT       = 2,
  parameter integer RATIO_W    = 20,
  parameter integer COMP       = 0,
  parameter integer VS_W       = 15,
  parameter integer STAGE_B    = 4,
  parameter integer LANE_LAT   = 5,
  parameter integer LANE_GRP   = 4,
  parameter integer EXP_MUL_LAT = 3,
  parameter integer EXP_LAT    = 5,
  parameter integer SM_LAT     = 8,
  parameter integer SM_SHARE   = 4,
  parameter integer G_MUL_LAT  = 2,
  parameter integer RECIP_LAT  = 22,
  parameter integer RQ_MUL_LAT = 3,
  parameter integer RQ_LAT     = 5,
  parameter integer OUT_LAT    = 9,
  parameter integer IMP_RD_LAT = 2,
  parameter integer RANK_CUT_LAT = 5,
  parameter [(1<<TAG_W)*PLANE_W-1:0] TAG_PLANES = 8'b00_00_01_10,
  parameter [(1<<TAG_W)*TAG_W-1:0]   TAG_CLASS  = 8'b10_10_01_00,
  parameter [255:0]                  EXP_LUT    = 256'h8285888b8e9194989b9ea2a5a9adb0b4b8bcc0c5c9cdd2d6dbe0e5eaeff4faff
) (
  input  wire                   clk_i,
  input  wire                   rst_ni,
  // token input stream
  input  wire                   in_valid_i,
  output wire                   in_ready_o,
  input  wire                   in_query_i,
  input  wire                   in_cmd_i,       // a command: opcode in in_data_i[1:0]
  input  wire                   in_last_i,
  input  wire [TAG_W-1:0]       in_tag_i,
  input  wire [IDX_W-1:0]       in_idx_i,
  input  wire [D*8-1:0]         in_data_i,
  input  wire [TAG_W-1:0]       in_vtag_i,
  input  wire [D*8-1:0]         in_vdata_i,
  // run-time settings, taken when a block starts
  input  wire                   trace_i,
  input  wire [31:0]            es_i,
  input  wire [23:0]            os_i,
  input  wire [RATIO_W-1:0]     ratio_i,        // per mille per class, 10 bits each, at RANK
  input  wire                   comp_i,         // 0-bit compensation (COMP)
  // output stream
  output wire                   out_valid_o,
  input  wire                   out_ready_i,
  output wire                   out_last_o,
  output wire [1:0]             out_kind_o,
  output wire [IDX_W-1:0]       out_idx_o,
  output wire [IDX_W-1:0]       out_qbase_o,
  output wire [OUT_DW-1:0]      out_data_o,
  // status and counters of the current key set
  output wire                   busy_o,
  output wire [1:0]             err_o,
  output wire [31:0]            perf_cycles_o,
  output wire [31:0]            perf_busy_o,
  output wire [31:0]            perf_stall_o,
  output wire [31:0]            perf_idle_o,
  output wire [31:0]            perf_tiles_o,
  output wire [31:0]            perf_wait_o,
  output wire [31:0]            perf_qk_o,      // cycles in the Q.K^T phase
  output wire [31:0]            perf_sm_o,      // ... the softmax phase
  output wire [31:0]            perf_pv_o       // ... P.V and the O rows
);
  // Parameter checks, at elaboration: an inconsistent instance stops the
  // simulation at time 0, and Yosys refuses it.
  initial begin
    if (!(ROWS >= 1 && COLS >= 1 && D >= 1 &&
          (DIGIT == 1 || DIGIT == 2 || DIGIT == 4 || DIGIT == 8) &&
          (MAX_PLANES == 8 / DIGIT && (1 << PLANE_W) > MAX_PLANES) && MAX_SEQ >= 1 &&
          ACC_W >= S_W && ACC_W >= PV_W && S_W >= 16 && PV_W >= 16 &&
          (1 << IDX_W) >= MAX_SEQ && (1 << KCNT_W) > MAX_SEQ && SLOTS * ROWS >= MAX_SEQ &&
          (1 << SLOT_W) >= SLOTS && (1 << LANE_W) >= ROWS && (1 << FILL_W) > ROWS &&
          (1 << COL_W) >= COLS && (1 << QCNT_W) > COLS && (1 << T_W) >= D &&
          TT == (D + ROWS - 1) / ROWS && (1 << TT_W) >= TT && VDEPTH == TT * MAX_SEQ &&
          (1 << VADDR_W) >= VDEPTH && (1 << KADDR_W) >= SLOTS * D && OUT_DW >= COLS * S_W &&
          OUT_DW >= COLS * 16 && OUT_DW >= D * 8 &&
          (PREC_HW == 0 || OUT_DW >= IMP_W + TAG_W) && NZ >= 1 && NZ <= (1 << TAG_W) &&
          SCHED_ID >= 0 && SCHED_ID <= 2 && RATIO_W >= 10 * NCUT && VS_W >= 8 + KCNT_W &&
          (MID == 0 || MID == 1) && (PREC_HW == 0 || PREC_HW == 1) &&
          (COMP == 0 || COMP == 1))) begin
      $display("ERROR: %m: parameters: need the derived parameters of one design (golden/arch.c): widths that hold their ranges, TT = ceil(D/ROWS), VDEPTH = TT*MAX_SEQ, SLOTS*ROWS >= MAX_SEQ, OUT_DW holds every row");
      $finish;
    end
  end

  localparam integer IN_W  = 3 + 2 * TAG_W + IDX_W + 2 * D * 8;
  localparam integer TK_W = 3 + IDX_W + 2 * D * 8;   // a beat without its tags
  localparam [31:0]  PW_U = PLANE_W;
  // Keys are stored by arrival slot, their place among the set's kept keys
  // (always below MAX_SEQ); in_idx_i is a label carried beside it to the
  // score and probability rows and the importance counters. The lanes and
  // the drain carry each key's {index, slot}.
  localparam integer KEY_W = 2 * IDX_W;

  // ---- input stage; under PREC_HW the class stage first gives each key
  // beat its ranked class, for its key and its value alike
  wire               h_valid, h_ready, h_query, h_last, h_cmd;
  wire [TAG_W-1:0]   h_tag, h_vtag;
  wire [IDX_W-1:0]   h_idx;
  wire [D*8-1:0]     h_data, h_vdata;
  wire               t_valid, t_ready;
  wire [TK_W-1:0]    t_beat;
  wire [TAG_W-1:0]   t_tag, t_vtag;
  wire               cls_we, ranked, to_top, cmd_done;
  wire [IDX_W-1:0]   cls_waddr;
  wire [TAG_W-1:0]   cls_wdata;
  wire [KCNT_W-1:0]  kcount;

  generate
    if (PREC_HW != 0) begin : g_tagger
      vssa_tagger #(
        .W       (TK_W),
        .TAG_W   (TAG_W),
        .IDX_W   (IDX_W),
        .CNT_W   (KCNT_W),
        .MAX_SEQ (MAX_SEQ)
      ) u_tagger (
        .clk_i      (clk_i),
        .rst_ni     (rst_ni),
        .valid_i    (in_valid_i),
        .ready_o    (in_ready_o),
        .cmd_i      (in_cmd_i),
        .idx_i      (in_idx_i),
        .data_i     ({in_cmd_i, in_query_i, in_last_i, in_idx_i, in_data_i, in_vdata_i}),
        .valid_o    (t_valid),
        .ready_i    (t_ready),
        .data_o     (t_beat),
        .tag_o      (t_tag),
        .we_i       (cls_we),
        .waddr_i    (cls_waddr),
        .wdata_i    (cls_wdata),
        .ranked_i   (ranked),
        .n_i        (kcount),
        .top_i      (to_top),
        .cmd_done_i (cmd_done)
      );
      assign t_vtag = t_tag;
      wire unused_tags = ^{in_tag_i, in_vtag_i};
    end else begin : g_host
      assign t_valid    = in_valid_i;
      assign in_ready_o = t_ready;
      assign t_beat     = {in_cmd_i, in_query_i, in_last_i, in_idx_i, in_data_i, in_vdata_i};
      assign t_tag      = in_tag_i;
      assign t_vtag     = in_vtag_i;
      wire unused_cls = ^{cls_we, cls_waddr, cls_wdata, ranked};
    end
  endgenerate

  wire [D*8-1:0]   t_data  = t_beat[2*D*8-1:D*8];
  wire [D*8-1:0]   t_vdata = t_beat[D*8-1:0];
  wire [IDX_W-1:0] t_idx   = t_beat[2*D*8 +: IDX_W];
  wire [2:0]       t_flags = t_beat[TK_W-1 -: 3];   // cmd, query, last

  // The host may withdraw an offer it has not had taken; the class stage
  // holds its own.
  vssa_skid #(.W(IN_W), .HOLD_IN(PREC_HW)) u_in (
    .clk_i   (clk_i),
    .rst_ni  (rst_ni),
    .valid_i (t_valid),
    .ready_o (t_ready),
    .data_i  ({t_flags, t_tag, t_idx, t_data, t_vtag, t_vdata}),
    .valid_o (h_valid),
    .ready_i (h_ready),
    .data_o  ({h_cmd, h_query, h_last, h_tag, h_idx, h_data, h_vtag, h_vdata})
  );

  // ---- controller
  wire               lane_ok, disp_ready, ld_idle, set_clear, key, key_last;
  wire               q_wr, q_first, seq_ready, seq_idle, drain_free, out_idle, start;
  wire [COL_W-1:0]   q_col;
  wire [IDX_W-1:0]   qbase;
  wire [QCNT_W-1:0]  qcount;
  wire               busy, blk_busy, blk_allow, cmd_idle, cmd_take;

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
    .h_cmd_i      (h_cmd),
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
    .blk_busy_i   (blk_busy),
    .blk_allow_i  (blk_allow),
    .cmd_idle_i   (cmd_idle),
    .cmd_o        (cmd_take),
    .kcount_o     (kcount),
    .start_o      (start),
    .qbase_o      (qbase),
    .qcount_o     (qcount),
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
  wire               ld_meta_we, ld_kv, loader_idle, banks_idle, ld_ok;
  wire [LANE_W-1:0]  ld_lane;
  wire [SLOT_W-1:0]  ld_slot;
  wire [KADDR_W-1:0] ld_base;
  wire [PLANE_W-1:0] ld_planes;
  wire [KEY_W-1:0]   ld_idx;
  wire [IDX_W-1:0]   k_slot = kcount[IDX_W-1:0];   // the placed key's slot
  wire [D*8-1:0]     ld_data;

  vssa_loader #(
    .ROWS    (ROWS),
    .D       (D),
    .SLOT_W  (SLOT_W),
    .KADDR_W (KADDR_W),
    .PLANE_W (PLANE_W),
    .IDX_W   (KEY_W),
    .LANE_W  (LANE_W)
  ) u_loader (
    .clk_i     (clk_i),
    .rst_ni    (rst_ni),
    .put_i     (key),
    .ready_o   (ld_ok),
    .meta_i    (take),
    .lane_i    (d_lane),
    .slot_i    (d_slot),
    .planes_i  (d_planes),
    .idx_i     ({h_idx, k_slot}),
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

  // ---- value loader and token lists
  wire [PLANE_W-1:0]     h_kplanes = TAG_PLANES[{{(32 - TAG_W){1'b0}}, h_tag} * PW_U +: PLANE_W];
  wire                   v_ok, v_idle, vw_we;
  wire [VADDR_W-1:0]     vw_addr;
  wire [ROWS*8-1:0]      vw_data;
  wire [IDX_W-1:0]       klist_raddr, vlist_raddr;
  wire [PLANE_W+2*IDX_W-1:0] klist_rdata, vlist_rdata;
  wire [KCNT_W-1:0]      klist_count, vlist_count;

  vssa_vload #(
    .ROWS    (ROWS),
    .D       (D),
    .TT      (TT),
    .MAX_SEQ (MAX_SEQ),
    .VADDR_W (VADDR_W),
    .IDX_W   (IDX_W),
    .PLANE_W (PLANE_W),
    .KCNT_W  (KCNT_W)
  ) u_vload (
    .clk_i         (clk_i),
    .rst_ni        (rst_ni),
    .clear_i       (set_clear),
    .put_i         (key),
    .kplanes_i     (h_kplanes),
    .vplanes_i     (TAG_PLANES[{{(32 - TAG_W){1'b0}}, h_vtag} * PW_U +: PLANE_W]),
    .idx_i         (h_idx),
    .slot_i        (k_slot),
    .data_i        (h_vdata),
    .ready_o       (v_ok),
    .idle_o        (v_idle),
    .vw_we_o       (vw_we),
    .vw_addr_o     (vw_addr),
    .vw_data_o     (vw_data),
    .klist_raddr_i (klist_raddr),
    .klist_rdata_o (klist_rdata),
    .klist_count_o (klist_count),
    .vlist_raddr_i (vlist_raddr),
    .vlist_rdata_o (vlist_rdata),
    .vlist_count_o (vlist_count)
  );
  assign lane_ok = ld_ok && v_ok;
  wire    comp_busy;   // the compensation unit (below) still works on the set
  assign ld_idle = loader_idle && banks_idle && v_idle && !comp_busy;


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
  wire               qk_step, qk_first, qk_capture;
  wire [PLANE_W-1:0] qk_plane;
  wire [FILL_W-1:0]  qk_lo, qk_hi;
  wire [SLOT_W-1:0]  s1_slot_a, s1_slot_b;
  wire [KADDR_W-1:0] s1_addr_a, s1_addr_b;
  wire               s2_step, s3_sweep, qk_capc, qk_lastc, cs_empty, seq_wait;
  wire [IDX_W-1:0]   cs_qbase;

  vssa_sequencer #(
    .ROWS    (ROWS),
    .D       (D),
    .T_W     (T_W),
    .PLANE_W (PLANE_W),
    .SLOT_W  (SLOT_W),
    .TILE_W  (TILE_W),
    .FILL_W  (FILL_W),
    .KADDR_W (KADDR_W),
    .IDX_W   (IDX_W),
    .LANE_LAT (LANE_LAT)
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
    .s1_step_o        (qk_step),
    .s1_first_o       (qk_first),
    .s1_capture_o     (qk_capture),
    .s1_plane_o       (qk_plane),
    .s1_lo_o          (qk_lo),
    .s1_hi_o          (qk_hi),
    .s1_slot_a_o      (s1_slot_a),
    .s1_slot_b_o      (s1_slot_b),
    .s1_addr_a_o      (s1_addr_a),
    .s1_addr_b_o      (s1_addr_b),
    .s2_step_o        (s2_step),
    .s3_sweep_o       (s3_sweep),
    .cs_capture_o     (qk_capc),
    .cs_last_o        (qk_lastc),
    .cs_empty_o       (cs_empty),
    .cs_qbase_o       (cs_qbase)
  );

  // ---- block phases: Q.K^T, softmax and P.V of successive blocks overlap
  wire                  sm_start, pv_start, qk_trace, qk_bank, sm_trace, sm_comp, sm_bank;
  wire                  pv_comp, pv_bank, pv_idle;
  wire [QCNT_W-1:0]     sm_nq, pv_nq;
  wire [COLS*IDX_W-1:0] qidx, pv_qidx;
  wire [IDX_W-1:0]      blk_qbase;
  wire [31:0]           sm_es;
  wire [23:0]           sm_os;
  wire                  qk_done, sm_done, out_done;

  vssa_phase #(
    .COLS   (COLS),
    .QCNT_W (QCNT_W),
    .IDX_W  (IDX_W)
  ) u_phase (
    .clk_i       (clk_i),
    .rst_ni      (rst_ni),
    .clear_i     (set_clear),
    .start_i     (start),
    .nq_i        (qcount),
    .qbase_i     (qbase),
    .qidx_i      (qidx),
    .trace_i     (trace_i),
    .es_i        (es_i),
    .os_i        (os_i),
    .comp_i      (comp_i),
    .qk_done_i   (qk_done),
    .sm_done_i   (sm_done),
    .out_done_i  (out_done),
    .seq_idle_i  (seq_idle),
    .pv_idle_i   (pv_idle),
    .allow_o     (blk_allow),
    .busy_o      (blk_busy),
    .sm_start_o  (sm_start),
    .pv_start_o  (pv_start),
    .qk_trace_o  (qk_trace),
    .qk_bank_o   (qk_bank),
    .sm_trace_o  (sm_trace),
    .sm_es_o     (sm_es),
    .sm_os_o     (sm_os),
    .sm_comp_o   (sm_comp),
    .sm_nq_o     (sm_nq),
    .sm_bank_o   (sm_bank),
    .pv_nq_o     (pv_nq),
    .pv_qidx_o   (pv_qidx),
    .pv_comp_o   (pv_comp),
    .pv_bank_o   (pv_bank),
    .qbase_o     (blk_qbase),
    .qk_cycles_o (perf_qk_o),
    .sm_cycles_o (perf_sm_o),
    .pv_cycles_o (perf_pv_o)
  );

  // ---- P.V sequencer
  wire               pv_step, pv_first, pv_capture, pv_none, pv_wait;
  wire               pv_capc, pv_lastc;
  wire [PLANE_W-1:0] pv_plane;
  wire [FILL_W-1:0]  pv_rows;
  wire [VADDR_W-1:0] pv_vaddr;
  wire [IDX_W-1:0]   pv_eaddr, pv_label;
  wire               pv_imp;

  vssa_pvseq #(
    .ROWS    (ROWS),
    .D       (D),
    .TT      (TT),
    .MAX_SEQ (MAX_SEQ),
    .VADDR_W (VADDR_W),
    .IDX_W   (IDX_W),
    .PLANE_W (PLANE_W),
    .KCNT_W  (KCNT_W),
    .FILL_W  (FILL_W),
    .TT_W    (TT_W),
    .LANE_LAT (LANE_LAT)
  ) u_pvseq (
    .clk_i         (clk_i),
    .rst_ni        (rst_ni),
    .start_i       (pv_start),
    .none_o        (pv_none),
    .idle_o        (pv_idle),
    .wait_o        (pv_wait),
    .vlist_raddr_o (vlist_raddr),
    .vlist_rdata_i (vlist_rdata),
    .vlist_count_i (vlist_count),
    .drain_free_i  (drain_free),
    .s1_step_o     (pv_step),
    .s1_first_o    (pv_first),
    .s1_capture_o  (pv_capture),
    .s1_plane_o    (pv_plane),
    .s1_rows_o     (pv_rows),
    .s1_vaddr_o    (pv_vaddr),
    .s1_eaddr_o    (pv_eaddr),
    .s1_label_o    (pv_label),
    .s1_imp_o      (pv_imp),
    .cs_capture_o  (pv_capc),
    .cs_last_o     (pv_lastc)
  );

  // ---- 0-bit compensation: the pruned keys' count and sums, the virtual
  // key; zc is its weight in the softmax's block (0: none), zon whether
  // the P.V block has it
  wire              vstep;
  wire [KCNT_W-1:0] zcount;
  wire [7:0]        kbar;
  wire [VS_W-1:0]   vsum;

  generate
    if (COMP != 0) begin : g_comp
      vssa_comp #(
        .D      (D),
        .T_W    (T_W),
        .KCNT_W (KCNT_W),
        .VS_W   (VS_W)
      ) u_comp (
        .clk_i    (clk_i),
        .rst_ni   (rst_ni),
        .clear_i  (set_clear),
        .put_i    (key),
        .pruned_i (h_kplanes == {PLANE_W{1'b0}}),
        .k_i      (h_data),
        .v_i      (h_vdata),
        .close_i  (key_last),
        .busy_o   (comp_busy),
        .count_o  (zcount),
        .kstep_i  (s3_sweep),
        .kbar_o   (kbar),
        .vstep_i  (vstep),
        .vsum_o   (vsum)
      );
    end else begin : g_no_comp
      assign comp_busy = 1'b0;
      assign zcount    = {KCNT_W{1'b0}};
      assign kbar      = 8'd0;
      assign vsum      = {VS_W{1'b0}};
    end
  endgenerate
  wire [KCNT_W-1:0] zc  = sm_comp ? zcount : {KCNT_W{1'b0}};
  wire              zon = pv_comp && zcount != {KCNT_W{1'b0}};

  // ---- query buffer, column operands and array
  localparam [FILL_W-1:0] ALL = ROWS[FILL_W-1:0];
  wire [COLS*8-1:0]     q3;
  wire [COLS*8-1:0]     e2;
  reg  [COLS*8-1:0]     e3_q;
  wire [COLS*9-1:0]     a3;
  wire                  shift;
  wire [COLS*ACC_W-1:0] head_score;
  wire [KEY_W-1:0]      head_idx;
  wire [PLANE_W-1:0]    head_planes;
  wire                  head_valid, rest_valid;
  wire [ROWS-1:0]       lane_busy, lane_stall;

  vssa_qbuf #(
    .COLS  (COLS),
    .D     (D),
    .COL_W (COL_W),
    .IDX_W (IDX_W)
  ) u_qbuf (
    .clk_i      (clk_i),
    .rst_ni     (rst_ni),
    .wr_i       (q_wr),
    .wr_first_i (q_first),
    .wr_col_i   (q_col),
    .wr_data_i  (h_data),
    .wr_idx_i   (h_idx),
    .load_i     (start),
    .step_i     (s2_step),
    .q_o        (q3),
    .idx_o      (qidx)
  );

  // The array runs one sequencer's operations at a time (vssa_phase): P.V
  // while its sequencer is busy. Column operands are chosen per operation,
  // in its stage 3, so the two phases may follow back to back.
  wire pv   = !pv_idle;
  reg  pv2_q, pv3_q;
  always @(posedge clk_i) begin
    e3_q  <= e2;
    pv2_q <= pv;
    pv3_q <= pv2_q;
  end

  genvar c;
  generate
    for (c = 0; c < COLS; c = c + 1) begin : g_operand
      assign a3[c*9 +: 9] = pv3_q ? {1'b0, e3_q[c*8 +: 8]} : {q3[c*8+7], q3[c*8 +: 8]};
    end
  endgenerate

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
    .IDX_W      (KEY_W),
    .LANE_W     (LANE_W),
    .FILL_W     (FILL_W),
    .VDEPTH     (VDEPTH),
    .VADDR_W    (VADDR_W),
    .STAGE_B    (STAGE_B),
    .LANE_LAT   (LANE_LAT),
    .LANE_GRP   (LANE_GRP)
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
    .vw_we_i          (vw_we),
    .vw_addr_i        (vw_addr),
    .vw_data_i        (vw_data),
    .s1_step_i        (pv ? pv_step : qk_step),
    .s1_pv_i          (pv),
    .s1_first_i       (pv ? pv_first : qk_first),
    .s1_capture_i     (pv ? pv_capture : qk_capture),
    .s1_plane_i       (pv ? pv_plane : qk_plane),
    .s1_lo_i          (pv ? pv_rows : qk_lo),
    .s1_hi_i          (pv ? ALL : qk_hi),
    .s1_slot_a_i      (s1_slot_a),
    .s1_slot_b_i      (s1_slot_b),
    .s1_addr_a_i      (s1_addr_a),
    .s1_addr_b_i      (s1_addr_b),
    .s1_vaddr_i       (pv_vaddr),
    .q_i              (a3),
    .shift_i          (shift),
    .head_score_o     (head_score),
    .head_idx_o       (head_idx),
    .head_planes_o    (head_planes),
    .head_valid_o     (head_valid),
    .rest_valid_o     (rest_valid),
    .busy_o           (lane_busy),
    .stall_o          (lane_stall)
  );

  // ---- drain: Q.K^T rows to the score stage, P.V rows to the output stage
  wire cs_capture = qk_capc || pv_capc;
  wire                  dr_valid, dr_ready, dr_last, dr_empty;
  wire                  dr_pv;       // the drained rows are P.V rows
  wire [IDX_W-1:0]      dr_qbase;
  wire [KEY_W-1:0]      dr_key;
  wire [PLANE_W-1:0]    dr_planes;
  wire [COLS*ACC_W-1:0] dr_sums;
  wire             sc_ready;

  vssa_drain #(
    .COLS    (COLS),
    .ACC_W   (ACC_W),
    .IDX_W   (IDX_W + 1),
    .KEY_W   (KEY_W),
    .PLANE_W (PLANE_W)
  ) u_drain (
    .clk_i           (clk_i),
    .rst_ni          (rst_ni),
    .capture_i       (cs_capture),
    .capture_last_i  (pv_capc ? pv_lastc : qk_lastc),
    .capture_empty_i (!pv_capc && cs_empty),
    .capture_qbase_i ({pv_capc, cs_qbase}),   // the capture's tag: {P.V, query base}
    .head_score_i    (head_score),
    .head_idx_i      (head_idx),
    .head_planes_i   (head_planes),
    .head_valid_i    (head_valid),
    .rest_valid_i    (rest_valid),
    .shift_o         (shift),
    .free_o          (drain_free),
    .valid_o         (dr_valid),
    .ready_i         (dr_ready),
    .data_o          ({dr_last, dr_empty, dr_pv, dr_qbase, dr_key, dr_planes, dr_sums})
  );
  assign dr_ready = dr_pv || sc_ready;

  // ---- score stage
  wire                sc_valid;
  wire [IDX_W-1:0]    sc_key, s_raddr;
  wire [COLS*S_W-1:0] sc_scores, s_max, s_rdata, s_z;
  wire                s_any;
  wire                out_skid_ready;

  vssa_score #(
    .COLS    (COLS),
    .ACC_W   (ACC_W),
    .S_W     (S_W),
    .QS_W    (QS_W),
    .DIGIT   (DIGIT),
    .PLANE_W (PLANE_W),
    .IDX_W   (IDX_W),
    .MAX_SEQ (MAX_SEQ),
    .MID     (MID),
    .COMP    (COMP)
  ) u_score (
    .clk_i        (clk_i),
    .rst_ni       (rst_ni),
    .start_i      (start),
    .bank_i       (qk_bank),
    .trace_i      (qk_trace),
    .sweep_i      (s3_sweep),
    .q_i          (q3),
    .kbar_i       (kbar),
    .valid_i      (dr_valid && !dr_pv),
    .ready_o      (sc_ready),
    .last_i       (dr_last),
    .empty_i      (dr_empty),
    .key_i        (dr_key),
    .planes_i     (dr_planes),
    .sums_i       (dr_sums),
    .out_valid_o  (sc_valid),
    .out_ready_i  (out_skid_ready),
    .out_key_o    (sc_key),
    .out_scores_o (sc_scores),
    .done_o       (qk_done),
    .max_o        (s_max),
    .any_o        (s_any),
    .sz_o         (s_z),
    .rbank_i      (sm_bank),
    .raddr_i      (s_raddr),
    .rdata_o      (s_rdata)
  );

  // ---- softmax stage
  wire                 sm_imp_valid;
  wire [IDX_W-1:0]     sm_imp_idx;
  wire [COLS*16-1:0]   sm_imp_p;
  wire                 pr_valid;
  wire [IDX_W-1:0]     pr_key;
  wire [COLS*16-1:0]   pr_probs;
  wire [COLS*K_W-1:0]  row_k;
  wire [COLS*24-1:0]   row_g;
  wire [COLS*C_W-1:0]  row_c;
  wire [COLS*8-1:0]    row_ez;

  vssa_softmax #(
    .COLS    (COLS),
    .S_W     (S_W),
    .DIGIT   (DIGIT),
    .PLANE_W (PLANE_W),
    .IDX_W   (IDX_W),
    .KCNT_W  (KCNT_W),
    .QCNT_W  (QCNT_W),
    .MAX_SEQ (MAX_SEQ),
    .ESUM_W  (ESUM_W),
    .C_W     (C_W),
    .K_W     (K_W),
    .MID     (MID),
    .COMP    (COMP),
    .SM_SHARE (SM_SHARE),
    .EXP_MUL_LAT (EXP_MUL_LAT),
    .EXP_LAT     (EXP_LAT),
    .SM_LAT      (SM_LAT),
    .G_MUL_LAT   (G_MUL_LAT),
    .RECIP_LAT   (RECIP_LAT),
    .EXP_LUT (EXP_LUT)
  ) u_softmax (
    .clk_i         (clk_i),
    .rst_ni        (rst_ni),
    .start_i       (sm_start),
    .trace_i       (sm_trace),
    .es_i          (sm_es),
    .os_i          (sm_os),
    .nq_i          (sm_nq),
    .bank_i        (sm_bank),
    .pv_bank_i     (pv_bank),
    .pv_nq_i       (pv_nq),
    .klist_raddr_o (klist_raddr),
    .klist_rdata_i (klist_rdata),
    .klist_count_i (klist_count),
    .s_raddr_o     (s_raddr),
    .s_rdata_i     (s_rdata),
    .max_i         (s_max),
    .any_i         (s_any),
    .zc_i          (zc),
    .sz_i          (s_z),
    .ez_o          (row_ez),
    .pv_raddr_i    (pv_eaddr),
    .pv_label_i    (pv_label),
    .e_o           (e2),
    .imp_i         (PREC_HW != 0 && pv_imp),
    .imp_valid_o   (sm_imp_valid),
    .imp_idx_o     (sm_imp_idx),
    .imp_p_o       (sm_imp_p),
    .out_valid_o   (pr_valid),
    .out_ready_i   (out_skid_ready),
    .out_key_o     (pr_key),
    .out_probs_o   (pr_probs),
    .done_o        (sm_done),
    .k_o           (row_k),
    .g_o           (row_g),
    .c_o           (row_c)
  );

  // ---- output stage
  wire             o_valid, o_last;
  wire [IDX_W-1:0] o_idx;
  wire [D*8-1:0]   o_data;

  vssa_outq #(
    .COLS   (COLS),
    .D      (D),
    .ACC_W  (ACC_W),
    .PV_W   (PV_W),
    .C_W    (C_W),
    .K_W    (K_W),
    .IDX_W  (IDX_W),
    .T_W    (T_W),
    .QCNT_W (QCNT_W),
    .VS_W   (VS_W),
    .COMP   (COMP),
    .RQ_MUL_LAT (RQ_MUL_LAT),
    .SM_SHARE   (SM_SHARE),
    .RQ_LAT     (RQ_LAT),
    .OUT_LAT    (OUT_LAT)
  ) u_outq (
    .clk_i       (clk_i),
    .rst_ni      (rst_ni),
    .start_i     (pv_start),
    .none_i      (pv_none),
    .nq_i        (pv_nq),
    .qidx_i      (pv_qidx),
    .c_i         (row_c),
    .g_i         (row_g),
    .k_i         (row_k),
    .zon_i       (zon),
    .ez_i        (row_ez),
    .vsum_i      (vsum),
    .vstep_o     (vstep),
    .valid_i     (dr_valid && dr_pv),
    .sums_i      (dr_sums),
    .out_valid_o (o_valid),
    .out_ready_i (out_skid_ready),
    .out_last_o  (o_last),
    .out_idx_o   (o_idx),
    .out_data_o  (o_data),
    .done_o      (out_done)
  );

  // ---- commands: clear the importance counters, rank them into classes,
  // or send every token back to the top class. A command runs alone (the
  // controller takes it once everything before it is done); without
  // PREC_HW every command is taken and does nothing.
  wire             imp_busy, imp_idle, rank_busy, rank_done, cmd_clear, cmd_rank;
  wire             tk_valid;
  wire [IDX_W-1:0] tk_idx;
  wire [TAG_W-1:0] tk_cls;
  wire [IMP_W-1:0] tk_imp;

  vssa_cmd #(
    .PREC_HW (PREC_HW)
  ) u_cmd (
    .clk_i       (clk_i),
    .rst_ni      (rst_ni),
    .take_i      (cmd_take),
    .op_i        (h_data[1:0]),
    .imp_busy_i  (imp_busy),
    .rank_done_i (rank_done),
    .clear_o     (cmd_clear),
    .rank_o      (cmd_rank),
    .top_o       (to_top),
    .done_o      (cmd_done),
    .idle_o      (cmd_idle)
  );
  assign ranked = rank_done;

  generate
    if (PREC_HW != 0) begin : g_rank
      wire [IDX_W-1:0] imp_raddr;
      wire [IMP_W-1:0] imp_rdata;

      vssa_imp #(
        .COLS    (COLS),
        .IMP_W   (IMP_W),
        .MAX_SEQ (MAX_SEQ),
        .IDX_W   (IDX_W),
        .QCNT_W  (QCNT_W),
        .IMP_RD_LAT (IMP_RD_LAT)
      ) u_imp (
        .clk_i     (clk_i),
        .rst_ni    (rst_ni),
        .clear_i   (cmd_clear),
        .add_i     (sm_imp_valid),
        .add_idx_i (sm_imp_idx),
        .add_p_i   (sm_imp_p),
        .nq_i      (pv_nq),
        .raddr_i   (imp_raddr),
        .rdata_o   (imp_rdata),
        .busy_o    (imp_busy),
        .idle_o    (imp_idle)
      );

      vssa_rank #(
        .IMP_W (IMP_W),
        .IDX_W (IDX_W),
        .CNT_W (KCNT_W),
        .NCUT  (NCUT),
        .CLS_W (TAG_W),
        .IMP_RD_LAT   (IMP_RD_LAT),
        .RANK_CUT_LAT (RANK_CUT_LAT)
      ) u_rank (
        .clk_i       (clk_i),
        .rst_ni      (rst_ni),
        .start_i     (cmd_rank),
        .n_i         (kcount),
        .ratio_i     (ratio_i[NCUT*10-1:0]),
        .trace_i     (trace_i),
        .imp_raddr_o (imp_raddr),
        .imp_rdata_i (imp_rdata),
        .cls_we_o    (cls_we),
        .cls_waddr_o (cls_waddr),
        .cls_wdata_o (cls_wdata),
        .out_valid_o (tk_valid),
        .out_ready_i (out_skid_ready),
        .out_idx_o   (tk_idx),
        .out_cls_o   (tk_cls),
        .out_imp_o   (tk_imp),
        .busy_o      (rank_busy),
        .done_o      (rank_done)
      );
    end else begin : g_no_rank
      assign imp_busy  = 1'b0;
      assign imp_idle  = 1'b1;
      assign rank_busy = 1'b0;
      assign rank_done = 1'b0;
      assign cls_we    = 1'b0;
      assign cls_waddr = {IDX_W{1'b0}};
      assign cls_wdata = {TAG_W{1'b0}};
      assign tk_valid  = 1'b0;
      assign tk_idx    = {IDX_W{1'b0}};
      assign tk_cls    = {TAG_W{1'b0}};
      assign tk_imp    = {IMP_W{1'b0}};
      wire unused_hw = ^{sm_imp_valid, sm_imp_idx, sm_imp_p, ratio_i, to_top, cmd_done,
                         kcount, cmd_clear, cmd_rank};
    end
  endgenerate

  // ---- output stream: one source at a time, through the output register
  vssa_outarb #(
    .COLS    (COLS),
    .S_W     (S_W),
    .D       (D),
    .IDX_W   (IDX_W),
    .TAG_W   (TAG_W),
    .IMP_W   (IMP_W),
    .PREC_HW (PREC_HW),
    .OUT_DW  (OUT_DW)
  ) u_outarb (
    .clk_i       (clk_i),
    .rst_ni      (rst_ni),
    .qbase_i     (blk_qbase),
    .sc_valid_i  (sc_valid),
    .sc_key_i    (sc_key),
    .sc_data_i   (sc_scores),
    .pr_valid_i  (pr_valid),
    .pr_key_i    (pr_key),
    .pr_data_i   (pr_probs),
    .o_valid_i   (o_valid),
    .o_last_i    (o_last),
    .o_idx_i     (o_idx),
    .o_data_i    (o_data),
    .tk_valid_i  (tk_valid),
    .tk_idx_i    (tk_idx),
    .tk_cls_i    (tk_cls),
    .tk_imp_i    (tk_imp),
    .ready_o     (out_skid_ready),
    .out_valid_o (out_valid_o),
    .out_ready_i (out_ready_i),
    .out_last_o  (out_last_o),
    .out_kind_o  (out_kind_o),
    .out_qbase_o (out_qbase_o),
    .out_idx_o   (out_idx_o),
    .out_data_o  (out_data_o)
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
    .tile_i   (cs_capture),
    .wait_i   (seq_wait || pv_wait),
    .busy_i   (lane_busy),
    .stall_i  (lane_stall),
    .cycles_o (perf_cycles_o),
    .busy_o   (perf_busy_o),
    .stall_o  (perf_stall_o),
    .idle_o   (perf_idle_o),
    .tiles_o  (perf_tiles_o),
    .wait_o   (perf_wait_o)
  );

  // Bits that are constant by construction, or read only in another phase.
  wire unused = (^dr_qbase) ^ rank_busy ^ imp_idle;
  wire unused_comp = ^{comp_i, kbar, vsum, vstep};

  assign busy_o = busy;
endmodule
