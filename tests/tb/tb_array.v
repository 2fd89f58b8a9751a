// SPDX-License-Identifier: MIT
// tb_array.v - self-checking testbench for vssa_array (gen/rtl/array.v):
// ROWS lanes behind one load port, one value-write port and the shared
// column operands, with their held rows chained towards lane 0, against a
// reference model of every lane kept in the testbench (the model of
// tb_lane.v, one per lane).
//
// Stimulus, one cycle at a time:
//  - keys as the loader sends them: each to a random lane (ld_lane_i) and
//    slot; a key with planes raises kv_ld_i only while its lane's ld_free_o
//    bit is high (so several lanes write their banks at once), usually with
//    meta_we_i, now and then without; a key without planes writes only the
//    metadata. Bursts (every key at the first cycle its lane is free) and
//    sparse arrivals;
//  - value writes (vw_*): one address, a different random byte for each
//    lane, often at a few "hot" addresses the P.V operations also read;
//  - tiles at stage 1 (s1_*), one operation a cycle, as in tb_lane.v:
//    Q.K^T tiles of 1..MAX_PLANES planes over all D elements, P.V tiles of
//    1..2D value tokens with 1..MAX_PLANES planes each; lo <= hi over the
//    whole FILL_W range, so that lanes below lo run slot a, lanes at or
//    above hi slot b, and the lanes between neither; back to back or after
//    a gap, dense or with bubbles (junk, step low); half the tiles hold
//    their capture (bubbles) until no valid row is left in the chain or on
//    its way, as the sequencer waits for the drain;
//  - q_i two cycles after the operation's stage 1 (stage 3: the array
//    registers it once per group of LANE_GRP lanes);
//  - shift_i in random cycles without a capture.
// A bank word is never read in the cycle it is written (the read is X by
// contract): a tile runs only on slots no lane is writing, a key goes only
// to a slot the running Q.K^T tile does not read, and a value address is not
// rewritten while a P.V token is read from it.
//
// The model keeps each lane's key bank, metadata and value bank as last
// written (a key reaches only the lane ld_lane_i names; a value write every
// lane, each its own byte), and per operation and lane adds q[c] * digit *
// 2^(DIGIT*(MAX_PLANES-1-plane)) when the lane is live, has a token (P.V:
// always; Q.K^T: its slot's planes != 0) and the plane is one of the
// token's (P.V: always). Each capture's sums are also compared with the
// plain dot products of the column operands and the truncated bytes. The
// drain chain is a list of ROWS rows {sums, index, planes, valid}: a
// capture loads every lane's row at once, a shift moves each row one lane
// towards lane 0 and an empty row (all zero) into the last lane. Checked
// every cycle: busy_o and stall_o of every lane, ld_free_o of every lane
// (high exactly when at most one word of its staged key is left),
// ld_idle_o (no lane has a word left), the head row (head_score_o of every
// column, head_valid_o; head_idx_o/head_planes_o when it is a live Q.K^T
// lane's row or an empty row), rest_valid_o (a valid row behind the head),
// and that every output changes only at a clock edge.
// Coverage: every lane's captured row reaches the head, every lane role in
// both phases, tiles splitting the lanes between slots a and b, keys
// without planes, keys with fewer or more planes than the tile, mixed P.V
// planes, a key staged while another lane writes, a key staged while its lane
// writes the previous one's last word, keys without metadata, fresh value
// reads, bubbles, back-to-back tiles, valid and invalid rows at the head,
// an empty row reaching the head: the testbench fails if one never happened
// (the plane cases only when MAX_PLANES > 1, the lane cases only when
// ROWS > 1).
// Prints one final line: PASS tb_array: ... or FAIL tb_array: ...
`timescale 1ns/1ps
module tb_array;
  parameter integer ROWS       = 4;
  parameter integer COLS       = 4;
  parameter integer D          = 16;
  parameter integer DIGIT      = 4;
  parameter integer MAX_PLANES = 2;
  parameter integer ACC_W      = 22;
  parameter integer SLOTS      = 17;
  parameter integer SLOT_W     = 5;
  parameter integer KADDR_W    = 9;
  parameter integer T_W        = 4;
  parameter integer PLANE_W    = 2;
  parameter integer IDX_W      = 6;
  parameter integer LANE_W     = 2;
  parameter integer FILL_W     = 3;
  parameter integer VDEPTH     = 256;
  parameter integer VADDR_W    = 8;
  parameter integer STAGE_B    = 4;
  parameter integer LANE_GRP   = 4;
  parameter integer TILES      = 400;
  localparam TB_NAME = "tb_array";
  `include "tb_common.vh"

  localparam integer MAXP  = MAX_PLANES;
  localparam integer WORDS = D / STAGE_B;          // bank words of one key
  localparam integer NTOK  = 2 * D;                // most value tokens of a P.V tile
  localparam integer SW    = COLS * ACC_W;         // one lane's row of sums
  localparam integer LMAX  = (1 << FILL_W) - 1;    // lo and hi range over 0..LMAX
  localparam integer HOT   = VDEPTH < 8 ? VDEPTH : 8;
  localparam integer INIT = 0, RUN = 1, FLUSH = 2; // phases of the run
  localparam integer FLUSH_N = 2 * ROWS + 8;       // cycles to drain the chain at the end

  // ---- the array
  reg                  meta_we, kv_ld, vw_we;
  reg  [LANE_W-1:0]    ld_lane;
  reg  [SLOT_W-1:0]    ld_slot;
  reg  [KADDR_W-1:0]   ld_base;
  reg  [PLANE_W-1:0]   ld_planes;
  reg  [IDX_W-1:0]     ld_idx;
  reg  [D*8-1:0]       ld_data;
  reg  [VADDR_W-1:0]   vw_addr;
  reg  [ROWS*8-1:0]    vw_data;
  reg                  s1_step, s1_pv, s1_first, s1_cap;
  reg  [PLANE_W-1:0]   s1_plane;
  reg  [FILL_W-1:0]    s1_lo, s1_hi;
  reg  [SLOT_W-1:0]    s1_sa, s1_sb;
  reg  [KADDR_W-1:0]   s1_aa, s1_ab;
  reg  [VADDR_W-1:0]   s1_va;
  reg  [COLS*9-1:0]    q;
  reg                  shift;
  wire [ROWS-1:0]      ld_free, busy, stall;
  wire                 ld_idle, head_valid, rest_valid;
  wire [SW-1:0]        head_score;
  wire [IDX_W-1:0]     head_idx;
  wire [PLANE_W-1:0]   head_planes;

  vssa_array #(
    .ROWS(ROWS), .COLS(COLS), .D(D), .DIGIT(DIGIT), .MAX_PLANES(MAX_PLANES), .ACC_W(ACC_W),
    .SLOTS(SLOTS), .SLOT_W(SLOT_W), .KADDR_W(KADDR_W), .T_W(T_W), .PLANE_W(PLANE_W),
    .IDX_W(IDX_W), .LANE_W(LANE_W), .FILL_W(FILL_W), .VDEPTH(VDEPTH), .VADDR_W(VADDR_W),
    .STAGE_B(STAGE_B), .LANE_GRP(LANE_GRP)
  ) dut (
    .clk_i(clk), .rst_ni(rst_n),
    .meta_we_i(meta_we), .kv_ld_i(kv_ld), .ld_lane_i(ld_lane), .ld_slot_i(ld_slot),
    .ld_base_i(ld_base), .ld_planes_i(ld_planes), .ld_idx_i(ld_idx), .ld_data_i(ld_data),
    .ld_free_o(ld_free), .ld_idle_o(ld_idle),
    .vw_we_i(vw_we), .vw_addr_i(vw_addr), .vw_data_i(vw_data),
    .s1_step_i(s1_step), .s1_pv_i(s1_pv), .s1_first_i(s1_first), .s1_capture_i(s1_cap),
    .s1_plane_i(s1_plane), .s1_lo_i(s1_lo), .s1_hi_i(s1_hi),
    .s1_slot_a_i(s1_sa), .s1_slot_b_i(s1_sb), .s1_addr_a_i(s1_aa), .s1_addr_b_i(s1_ab),
    .s1_vaddr_i(s1_va), .q_i(q), .shift_i(shift),
    .head_score_o(head_score), .head_idx_o(head_idx), .head_planes_o(head_planes),
    .head_valid_o(head_valid), .rest_valid_o(rest_valid), .busy_o(busy), .stall_o(stall)
  );

  // ---- reference model: every lane's banks and metadata as last written
  // (lane r's slot s at r*SLOTS + s, its byte t at (r*SLOTS + s)*D + t; lane
  // r's value address v at r*VDEPTH + v)
  reg [7:0]         kb      [0:ROWS*SLOTS*D-1];
  reg [PLANE_W-1:0] mplanes [0:ROWS*SLOTS-1];
  reg [IDX_W-1:0]   midx    [0:ROWS*SLOTS-1];
  reg [7:0]         vb      [0:ROWS*VDEPTH-1];
  integer           busy_to [0:ROWS*SLOTS-1];  // last cycle a key write touches it
  integer           left    [0:ROWS-1];        // words of each lane's staged key to write
  reg signed [63:0] acc     [0:ROWS*COLS-1];   // each PE's running sum, exact

  // The operations in stages 1..5 (index = stage), as the model saw them at
  // stage 1 (one bit or field per lane): q_i is due at stage 3,
  // busy_o/stall_o and the capture at 5.
  reg                    p_step  [1:5];
  reg                    p_cap   [1:5];
  reg [ROWS-1:0]         p_busy  [1:5];
  reg [ROWS-1:0]         p_stall [1:5];
  reg [ROWS-1:0]         p_valid [1:5];
  reg [ROWS-1:0]         p_known [1:5];      // the row's index and planes are checked
  reg [ROWS*IDX_W-1:0]   p_idx   [1:5];
  reg [ROWS*PLANE_W-1:0] p_planes[1:5];
  reg [ROWS*SW-1:0]      p_score [1:5];      // the sums after the operation
  reg [COLS*9-1:0]       p_q     [1:5];
  integer                p_tile  [1:5];      // tile number, -1 in a bubble

  // The drain chain: row r is lane r's held row; from = the lane that
  // captured it (-1: an empty row shifted in, or the reset's).
  reg [SW-1:0]      c_score  [0:ROWS-1];
  reg [IDX_W-1:0]   c_idx    [0:ROWS-1];
  reg [PLANE_W-1:0] c_planes [0:ROWS-1];
  reg               c_valid  [0:ROWS-1];
  reg               c_known  [0:ROWS-1];
  integer           c_from   [0:ROWS-1];

  // ---- the tile being issued
  reg               in_tile, t_pv, t_dense, t_wait, t_first_op, b2b;
  integer           t_num, t_lo, t_hi, t_sa, t_sb, t_planes, t_pl, t_t, t_j, t_ntok;
  integer           lrate;                   // a key arrives one cycle in lrate
  reg [COLS*9-1:0]  tq     [0:D-1];          // Q.K^T: the query element of each t
  integer           tok_va [0:NTOK-1];       // P.V: each token's value address,
  integer           tok_lp [0:NTOK-1];       // its planes,
  reg [COLS*9-1:0]  tok_q  [0:NTOK-1];       // its column operands
  reg [ROWS*8-1:0]  tok_b  [0:NTOK-1];       // and the bytes its plane 0 read
  reg               guard;                   // a Q.K^T tile reads t_sa/t_sb this cycle
  reg               prot;                    // a P.V token reads tok_va[t_j] this cycle
  integer           prot_va;

  // ---- the key waiting for its lane (the loader's head)
  reg               k_pend, k_meta;
  integer           k_planes, k_slot, k_lane;
  reg [IDX_W-1:0]   k_idx;
  reg [D*8-1:0]     k_data;

  integer phase, now, init_n, init_v, flush_n, s, r, c;
  integer last_w_addr, last_w_cyc, checks, caps, keys, widest;
  reg     from_seen;
  // coverage
  integer cv_qk [0:2];      // lane-tiles of Q.K^T with the lane on slot a, slot b, off
  integer cv_pv [0:2];      // P.V likewise
  integer cv_head [0:ROWS-1]; // captured rows of lane r that reached the head, valid
  integer cv_split, cv_zero, cv_short, cv_trunc, cv_mixed, cv_b2b, cv_bub, cv_overlap;
  integer cv_two, cv_nometa, cv_metaonly, cv_raw, cv_shift, cv_hvalid, cv_hinvalid, cv_empty;
  integer cv_busy, cv_stall, cv_wait;

  // ---- helpers (and tb_lane_model.vh)
  `include "tb_lane_model.vh"

  function [ROWS*8-1:0] rand_bytes(input dummy);
    integer k;
    begin
      rand_bytes = {(ROWS * 8){1'b0}};
      for (k = 0; k < ROWS * 8; k = k + 32)
        rand_bytes = (rand_bytes << 32) | $unsigned($random(seed));
    end
  endfunction

  // Whether no lane has a key write in flight to slot sl.
  function quiet(input integer sl);
    integer k;
    begin
      quiet = 1'b1;
      for (k = 0; k < ROWS; k = k + 1) if (busy_to[k*SLOTS + sl] >= now) quiet = 1'b0;
    end
  endfunction

  // A random slot no lane is writing, -1 if none.
  function integer quiet_slot(input dummy);
    integer k, n, pick;
    begin
      n = 0;
      for (k = 0; k < SLOTS; k = k + 1) if (quiet(k)) n = n + 1;
      quiet_slot = -1;
      if (n > 0) begin
        pick = tb_rand(n);
        for (k = 0; k < SLOTS; k = k + 1)
          if (quiet(k)) begin
            if (pick == 0) quiet_slot = k;
            pick = pick - 1;
          end
      end
    end
  endfunction

  // ---- a new tile: kind, lo/hi, slots, planes and operands
  task start_tile;
    integer sa, sb, j, k;
    begin
      sa = quiet_slot(0);
      sb = quiet_slot(0);
      if (sa >= 0 && sb >= 0) begin
        t_pv = tb_one_in(3);
        t_sa = sa; t_sb = sb;
        // lo and hi mostly within 0..ROWS, now and then up to LMAX
        k = tb_one_in(4) ? LMAX : ROWS;
        t_lo = tb_rand(k + 1);
        t_hi = tb_one_in(4) ? t_lo : t_lo + tb_rand(k - t_lo + 1);
        t_planes = 1 + tb_rand(MAXP);
        t_dense  = tb_one_in(2);
        t_wait   = tb_one_in(2);
        lrate    = tb_one_in(3) ? 1 : 8;
        if (!t_pv) begin
          for (j = 0; j < D; j = j + 1) tq[j] = rand_row(1'b0);
        end else begin
          t_ntok = 1 + tb_rand(NTOK);
          for (j = 0; j < t_ntok; j = j + 1) begin
            tok_va[j] = tb_one_in(2) ? tb_rand(HOT) : tb_rand(VDEPTH);
            tok_lp[j] = 1 + tb_rand(MAXP);
            tok_q[j]  = rand_row(1'b1);
          end
        end
        t_pl = 0; t_t = 0; t_j = 0;
        in_tile = 1'b1; t_first_op = 1'b1;
        if (b2b) cv_b2b = cv_b2b + 1;
      end
    end
  endtask

  // ---- stage 1: the model of the operation the inputs now carry, per lane
  task model_op;
    reg          isa, live, has, inpl, mul;
    reg [7:0]    b;
    integer      sl, ad, np, dv, wt, k;
    begin
      p_step[1] = s1_step; p_cap[1] = s1_cap;
      p_busy[1] = 0; p_stall[1] = 0; p_valid[1] = 0; p_known[1] = 0;
      p_idx[1] = 0; p_planes[1] = 0;
      if (s1_step)
        for (r = 0; r < ROWS; r = r + 1) begin
          isa  = r < s1_lo;
          live = isa || r >= s1_hi;
          sl   = r * SLOTS + (isa ? s1_sa : s1_sb);
          ad   = r * SLOTS * D + (isa ? s1_aa : s1_ab);   // the lane's byte address
          // P.V reads the lane's value bank and runs every plane; Q.K^T
          // needs a key with planes, and a plane below their count
          if (s1_pv) begin
            b = vb[r*VDEPTH + s1_va]; has = live; inpl = 1'b1;
          end else begin
            b = kb[ad]; np = mplanes[sl]; has = live && np != 0; inpl = s1_plane < np;
            p_known[1][r] = live;
            p_idx[1][r*IDX_W +: IDX_W] = midx[sl];
            p_planes[1][r*PLANE_W +: PLANE_W] = mplanes[sl];
          end
          mul = has && inpl;
          p_busy[1][r] = mul; p_stall[1][r] = has && !inpl; p_valid[1][r] = has;
          dv = mul ? digit_of(b, s1_plane) : 0;
          wt = 1 << (DIGIT * (MAXP - 1 - s1_plane));
          for (c = 0; c < COLS; c = c + 1) begin
            k = r * COLS + c;
            if (s1_first) acc[k] = 0;
            acc[k] = acc[k] + sgn9(p_q[1][c*9 +: 9]) * dv * wt;
            p_score[1][r*SW + c*ACC_W +: ACC_W] = acc[k][ACC_W-1:0];
          end
        end
    end
  endtask

  // At a tile's capture: every lane's sums must be the dot product of the
  // column operands with its truncated bytes.
  task check_model;
    reg     isa, live, mixed, sa_live, sb_live;
    integer sl, np, j, k;
    reg signed [63:0] dot;
    reg [7:0] b;
    begin
      sa_live = 1'b0; sb_live = 1'b0;
      for (r = 0; r < ROWS; r = r + 1) begin
        isa  = r < t_lo;
        live = isa || r >= t_hi;
        sl   = r * SLOTS + (isa ? t_sa : t_sb);
        np   = mplanes[sl] < t_planes ? mplanes[sl] : t_planes;
        for (k = 0; k < COLS; k = k + 1) begin
          dot = 0;
          if (live && !t_pv)
            for (j = 0; j < D; j = j + 1)
              dot = dot + sgn9(tq[j][k*9 +: 9]) * trunc_of(kb[sl*D + j], np);
          if (live && t_pv)
            for (j = 0; j < t_ntok; j = j + 1) begin
              b = tok_b[j][r*8 +: 8];
              dot = dot + sgn9(tok_q[j][k*9 +: 9]) * trunc_of(b, tok_lp[j]);
            end
          if (dot !== acc[r*COLS + k]) begin
            $display("    tile %0d lane %0d column %0d: model sum %0d, dot product %0d", t_num,
                     r, k, acc[r*COLS + k], dot);
            tb_fatal("the reference model disagrees with itself");
          end
          if (width_of(dot) > widest) widest = width_of(dot);
        end
        // coverage of the lane's case
        j = !live ? 2 : isa ? 0 : 1;
        if (t_pv) cv_pv[j] = cv_pv[j] + 1;
        else cv_qk[j] = cv_qk[j] + 1;
        if (live && isa) sa_live = 1'b1;
        if (live && !isa) sb_live = 1'b1;
        if (live && !t_pv) begin
          if (mplanes[sl] == 0) cv_zero = cv_zero + 1;
          else if (mplanes[sl] < t_planes) cv_short = cv_short + 1;
          else if (mplanes[sl] > t_planes) cv_trunc = cv_trunc + 1;
        end
      end
      if (!t_pv && sa_live && sb_live) cv_split = cv_split + 1;
      mixed = 1'b0;
      if (t_pv)
        for (j = 1; j < t_ntok; j = j + 1)
          if (tok_lp[j] != tok_lp[0]) mixed = 1'b1;
      if (mixed) cv_mixed = cv_mixed + 1;
    end
  endtask

  // ---- this cycle's stage-1 operation: the tile's next one, or a bubble
  task gen_op;
    reg op, last;
    integer k;
    begin
      if (phase == RUN && !in_tile && t_num < TILES && (b2b || tb_one_in(3))) start_tile;
      b2b   = 1'b0;
      op    = in_tile && (t_dense || t_first_op || !tb_bubble(4));
      // as the sequencer, a tile that waits for the drain holds its capture
      // until no valid row is left in the chain and none is on its way
      if (op && t_wait && (t_pv ? t_j == t_ntok - 1 && t_pl == tok_lp[t_j] - 1
                                : t_pl == t_planes - 1 && t_t == D - 1)) begin
        for (k = 0; k < ROWS; k = k + 1) if (c_valid[k]) op = 1'b0;
        for (k = 2; k <= 5; k = k + 1) if (p_step[k] && p_cap[k]) op = 1'b0;
        if (!op) cv_wait = cv_wait + 1;
      end
      guard = in_tile && !t_pv;
      prot  = in_tile && t_pv;
      prot_va = prot ? tok_va[t_j] : -1;
      last  = 1'b0;
      if (in_tile && !op) cv_bub = cv_bub + 1;
      if (op) begin
        t_first_op = 1'b0;
        s1_step = 1'b1; s1_pv = t_pv;
        s1_lo = t_lo; s1_hi = t_hi;
        if (!t_pv) begin
          s1_first = t_pl == 0 && t_t == 0;
          last     = t_pl == t_planes - 1 && t_t == D - 1;
          s1_plane = t_pl;
          s1_sa = t_sa; s1_sb = t_sb;
          s1_aa = t_sa * D + t_t; s1_ab = t_sb * D + t_t;
          s1_va = $random(seed);
          p_q[1] = tq[t_t];
          if (t_t == D - 1) begin t_t = 0; t_pl = t_pl + 1; end
          else t_t = t_t + 1;
        end else begin
          // P.V runs on the value banks: slots and key addresses are junk
          s1_first = t_j == 0 && t_pl == 0;
          last     = t_j == t_ntok - 1 && t_pl == tok_lp[t_j] - 1;
          s1_plane = t_pl;
          s1_sa = $random(seed); s1_sb = $random(seed);
          s1_aa = $random(seed); s1_ab = $random(seed);
          s1_va = tok_va[t_j];
          p_q[1] = tok_q[t_j];
          if (t_pl == 0)
            for (k = 0; k < ROWS; k = k + 1) tok_b[t_j][k*8 +: 8] = vb[k*VDEPTH + tok_va[t_j]];
          if (tok_va[t_j] == last_w_addr && last_w_cyc == now - 1) cv_raw = cv_raw + 1;
          if (t_pl == tok_lp[t_j] - 1) begin t_pl = 0; t_j = t_j + 1; end
          else t_pl = t_pl + 1;
        end
        s1_cap = last;
        p_tile[1] = t_num;
      end else begin
        // a bubble: step low, the rest junk
        s1_step = 1'b0; s1_pv = $random(seed); s1_first = $random(seed);
        s1_cap = $random(seed); s1_plane = $random(seed);
        s1_lo = $random(seed); s1_hi = $random(seed);
        s1_sa = $random(seed); s1_sb = $random(seed);
        s1_aa = $random(seed); s1_ab = $random(seed); s1_va = $random(seed);
        p_q[1] = rand_cols(0);
        p_tile[1] = -1;
      end
      model_op;
      if (last) begin
        check_model;
        in_tile = 1'b0;
        t_num = t_num + 1;
        b2b = tb_one_in(2);
      end
    end
  endtask

  // ---- key and metadata writes (the loader's side)
  task gen_load;
    integer sl, writing, k;
    begin
      meta_we = 1'b0; kv_ld = 1'b0;
      ld_lane = $random(seed); ld_slot = $random(seed); ld_base = $random(seed);
      ld_planes = $random(seed); ld_idx = $random(seed); ld_data = rand_key(0);
      if (!k_pend && phase == INIT && init_n < ROWS * SLOTS) begin
        // every slot of every lane gets a key (or its metadata) first,
        // consecutive keys to different lanes
        k_pend = 1'b1; k_meta = 1'b1;
        k_slot = init_n / ROWS; k_lane = init_n % ROWS; init_n = init_n + 1;
        k_planes = tb_rand(MAXP + 1); k_idx = $random(seed); k_data = rand_key(0);
      end else if (!k_pend && phase == RUN && tb_one_in(lrate)) begin
        k_pend = 1'b1; k_meta = !tb_one_in(8); k_slot = -1; k_lane = tb_rand(ROWS);
        k_planes = tb_rand(MAXP + 1); k_idx = $random(seed); k_data = rand_key(0);
      end
      // a key with planes waits for its lane's ld_free_o; one without needs
      // only its metadata written
      if (k_pend && (k_planes == 0 || left[k_lane] <= 1)) begin
        sl = k_slot;
        if (sl < 0) begin
          sl = tb_rand(SLOTS);
          if (guard && (sl == t_sa || sl == t_sb)) sl = -1;
        end
        if (sl >= 0) begin
          k_pend  = 1'b0;
          ld_lane = k_lane; ld_slot = sl; ld_base = sl * D; ld_planes = k_planes;
          ld_idx  = k_idx; ld_data = k_data;
          meta_we = k_meta || k_planes == 0;
          kv_ld   = k_planes != 0;
          k = k_lane * SLOTS + sl;
          if (busy_to[k] < now) busy_to[k] = now;
          if (kv_ld) begin
            busy_to[k] = now + WORDS;
            keys = keys + 1;
            if (left[k_lane] == 1) cv_overlap = cv_overlap + 1;
            if (!meta_we) cv_nometa = cv_nometa + 1;
            writing = 0;
            for (k = 0; k < ROWS; k = k + 1) if (k != k_lane && left[k] > 0) writing = 1;
            if (writing) cv_two = cv_two + 1;
          end else begin
            cv_metaonly = cv_metaonly + 1;
          end
        end
      end
    end
  endtask

  // ---- value bank writes: one address, a byte for each lane
  task gen_value;
    begin
      vw_we = 1'b0; vw_addr = $random(seed); vw_data = rand_bytes(0);
      if (phase == INIT && init_v < VDEPTH) begin
        vw_we = 1'b1; vw_addr = init_v; init_v = init_v + 1;
      end else if (phase == RUN && tb_one_in(3)) begin
        vw_addr = tb_one_in(2) ? tb_rand(HOT) : tb_rand(VDEPTH);
        vw_we   = !(prot && vw_addr == prot_va);
      end
    end
  endtask

  // ---- checks of the outputs in this cycle (before the edge)
  task check;
    integer k;
    reg     rest, idle;
    begin
      checks = checks + 1;
      if (p_tile[5] >= 0) $sformat(tb_where, "tile %0d at stage 5", p_tile[5]);
      else tb_where = 0;
      if (busy !== p_busy[5] || stall !== p_stall[5]) begin
        tb_err("busy_o/stall_o wrong");
        if (tb_show) $display("    busy_o %b stall_o %b, expected %b %b", busy, stall,
                              p_busy[5], p_stall[5]);
      end
      if (|busy) cv_busy = cv_busy + 1;
      if (|stall) cv_stall = cv_stall + 1;
      idle = 1'b1;
      for (k = 0; k < ROWS; k = k + 1) begin
        if (ld_free[k] !== (left[k] <= 1)) begin
          tb_err("ld_free_o wrong");
          if (tb_show) $display("    lane %0d: ld_free_o %b with %0d words to write", k,
                                ld_free[k], left[k]);
        end
        if (left[k] != 0) idle = 1'b0;
      end
      if (ld_idle !== idle) tb_err("ld_idle_o wrong");
      if (head_score !== c_score[0]) begin
        tb_err("head_score_o wrong");
        if (tb_show)
          for (k = 0; k < COLS; k = k + 1)
            if (head_score[k*ACC_W +: ACC_W] !== c_score[0][k*ACC_W +: ACC_W])
              $display("    column %0d: %0d, expected %0d (the row of lane %0d)", k,
                       $signed(head_score[k*ACC_W +: ACC_W]),
                       $signed(c_score[0][k*ACC_W +: ACC_W]), c_from[0]);
      end
      if (head_valid !== c_valid[0]) tb_err("head_valid_o wrong");
      if (c_known[0] && (head_idx !== c_idx[0] || head_planes !== c_planes[0])) begin
        tb_err("head_idx_o/head_planes_o wrong");
        if (tb_show) $display("    idx %0d planes %0d, expected %0d %0d", head_idx,
                              head_planes, c_idx[0], c_planes[0]);
      end
      rest = 1'b0;
      for (k = 1; k < ROWS; k = k + 1) if (c_valid[k]) rest = 1'b1;
      if (rest_valid !== rest) tb_err("rest_valid_o wrong");
      if (c_valid[0] && c_from[0] >= 0) begin
        cv_head[c_from[0]] = cv_head[c_from[0]] + 1;
        c_from[0] = -2;   // counted
      end
    end
  endtask

  // ---- the clock edge, in the model
  task model_edge;
    integer k;
    begin
      if (p_step[5] && p_cap[5]) begin
        // a capture loads every lane's row
        for (k = 0; k < ROWS; k = k + 1) begin
          c_score[k]  = p_score[5][k*SW +: SW];
          c_idx[k]    = p_idx[5][k*IDX_W +: IDX_W];
          c_planes[k] = p_planes[5][k*PLANE_W +: PLANE_W];
          c_valid[k]  = p_valid[5][k];
          c_known[k]  = p_known[5][k];
          c_from[k]   = k;
        end
        caps = caps + 1;
      end else if (shift) begin
        // one lane towards the head; an empty row enters the last lane
        if (c_valid[0]) cv_hvalid = cv_hvalid + 1;
        else if (c_from[0] == -1) cv_empty = cv_empty + 1;
        else cv_hinvalid = cv_hinvalid + 1;
        for (k = 0; k < ROWS - 1; k = k + 1) begin
          c_score[k] = c_score[k+1]; c_idx[k] = c_idx[k+1]; c_planes[k] = c_planes[k+1];
          c_valid[k] = c_valid[k+1]; c_known[k] = c_known[k+1]; c_from[k] = c_from[k+1];
        end
        c_score[ROWS-1] = 0; c_idx[ROWS-1] = 0; c_planes[ROWS-1] = 0;
        c_valid[ROWS-1] = 1'b0; c_known[ROWS-1] = 1'b1; c_from[ROWS-1] = -1;
        cv_shift = cv_shift + 1;
      end
      for (k = 0; k < ROWS; k = k + 1) begin
        if (kv_ld && ld_lane == k) left[k] = WORDS;
        else if (left[k] > 0) left[k] = left[k] - 1;
      end
      if (kv_ld)
        for (k = 0; k < D; k = k + 1) kb[(ld_lane*SLOTS + ld_slot)*D + k] = ld_data[k*8 +: 8];
      if (meta_we) begin
        mplanes[ld_lane*SLOTS + ld_slot] = ld_planes;
        midx[ld_lane*SLOTS + ld_slot]    = ld_idx;
      end
      if (vw_we) begin
        for (k = 0; k < ROWS; k = k + 1) vb[k*VDEPTH + vw_addr] = vw_data[k*8 +: 8];
        last_w_addr = vw_addr; last_w_cyc = now;
      end
    end
  endtask

  // Registered outputs change only at an edge of clk.
  always @(busy or stall or ld_free or ld_idle or head_score or head_idx or head_planes or
           head_valid or rest_valid)
    if (rst_n && tb_off_edge(0)) tb_err("an output changed between clock edges");

  initial tb_watchdog(1000 * TILES + 20 * (VDEPTH + ROWS * SLOTS * WORDS) + 1000);

  initial begin
    tb_seed(17);
    if (LMAX < ROWS || (1 << LANE_W) < ROWS || MAXP * DIGIT != 8 || SLOTS < 3) begin
      $sformat(tb_fail_text, "parameters: need 2^FILL_W > ROWS, 2^LANE_W >= ROWS, MAX_PLANES * DIGIT = 8, SLOTS >= 3 (ROWS=%0d FILL_W=%0d)",
               ROWS, FILL_W);
      tb_fatal(tb_fail_text);
    end
    for (s = 1; s <= 5; s = s + 1) begin
      p_step[s] = 1'b0; p_cap[s] = 1'b0; p_busy[s] = 0; p_stall[s] = 0; p_valid[s] = 0;
      p_known[s] = 0; p_tile[s] = -1; p_q[s] = 0;
    end
    for (s = 0; s < ROWS * SLOTS; s = s + 1) busy_to[s] = -1;
    for (s = 0; s < ROWS * COLS; s = s + 1) acc[s] = 0;
    for (r = 0; r < ROWS; r = r + 1) begin
      left[r] = 0; cv_head[r] = 0;
      // the reset's rows: all zero
      c_score[r] = 0; c_idx[r] = 0; c_planes[r] = 0; c_valid[r] = 1'b0; c_known[r] = 1'b1;
      c_from[r] = -1;
    end
    for (s = 0; s < 3; s = s + 1) begin cv_qk[s] = 0; cv_pv[s] = 0; end
    cv_split = 0; cv_zero = 0; cv_short = 0; cv_trunc = 0; cv_mixed = 0; cv_b2b = 0;
    cv_bub = 0; cv_overlap = 0; cv_two = 0; cv_nometa = 0; cv_metaonly = 0; cv_raw = 0;
    cv_shift = 0; cv_hvalid = 0; cv_hinvalid = 0; cv_empty = 0; cv_busy = 0; cv_stall = 0;
    cv_wait = 0; in_tile = 1'b0; b2b = 1'b0; t_num = 0; lrate = 8; k_pend = 1'b0;
    phase = INIT; now = 0; init_n = 0; init_v = 0; flush_n = 0;
    last_w_addr = -1; last_w_cyc = -10; checks = 0; caps = 0; keys = 0; widest = 0;
    guard = 1'b0; prot = 1'b0; prot_va = -1;
    meta_we = 1'b0; kv_ld = 1'b0; vw_we = 1'b0; s1_step = 1'b0; shift = 1'b0;
    ld_lane = 0; ld_slot = 0; ld_base = 0; ld_planes = 0; ld_idx = 0; ld_data = 0;
    vw_addr = 0; vw_data = 0; s1_pv = 0; s1_first = 0; s1_cap = 0; s1_plane = 0;
    s1_lo = 0; s1_hi = 0; s1_sa = 0; s1_sb = 0; s1_aa = 0; s1_ab = 0; s1_va = 0; q = 0;
    tb_reset(2);
    while (phase != FLUSH || flush_n < FLUSH_N) begin
      // inputs change one step after the edge; the pipeline moves on
      for (s = 5; s > 1; s = s - 1) begin
        p_step[s] = p_step[s-1]; p_cap[s] = p_cap[s-1]; p_busy[s] = p_busy[s-1];
        p_stall[s] = p_stall[s-1]; p_valid[s] = p_valid[s-1]; p_known[s] = p_known[s-1];
        p_idx[s] = p_idx[s-1]; p_planes[s] = p_planes[s-1]; p_score[s] = p_score[s-1];
        p_q[s] = p_q[s-1]; p_tile[s] = p_tile[s-1];
      end
      gen_op;
      gen_load;
      gen_value;
      q = p_q[3];     // stage 3: the array registers the operands for stage 4
      // the drain: shifts more often than captures come, so that every
      // lane's row reaches the head (and at the end, to empty the chain)
      shift = !(p_step[5] && p_cap[5]) && (phase == FLUSH || !tb_one_in(3));
      #1;
      check;
      @(posedge clk);
      model_edge;
      now = now + 1;
      if (phase == INIT && init_n == ROWS * SLOTS && !k_pend && init_v == VDEPTH) phase = RUN;
      if (phase == RUN && t_num == TILES && !in_tile) phase = FLUSH;
      if (phase == FLUSH) flush_n = flush_n + 1;
      #1;
    end
    tb_where = 0;
    // coverage: every case the stimulus aims at happened
    from_seen = 1'b1;
    for (r = 0; r < ROWS; r = r + 1) if (cv_head[r] == 0) from_seen = 1'b0;
    if (errors == 0 &&
        (!from_seen || cv_qk[0] == 0 || cv_qk[1] == 0 || cv_qk[2] == 0 || cv_pv[0] == 0 ||
         cv_pv[1] == 0 || cv_pv[2] == 0 || cv_zero == 0 || cv_b2b == 0 || cv_bub == 0 ||
         cv_overlap == 0 || cv_nometa == 0 || cv_metaonly == 0 || cv_raw == 0 ||
         cv_hvalid == 0 || cv_hinvalid == 0 || cv_empty == 0 || cv_busy == 0 ||
         (ROWS > 1 && (cv_split == 0 || cv_two == 0)) ||
         (MAXP > 1 && (cv_short == 0 || cv_trunc == 0 || cv_mixed == 0 || cv_stall == 0)))) begin
      tb_err("coverage: a case never happened");
      $write("    valid rows at the head by lane:");
      for (r = 0; r < ROWS; r = r + 1) $write(" %0d", cv_head[r]);
      $display("");
      $display("    lane-tiles Q.K^T a/b/off %0d/%0d/%0d, P.V %0d/%0d/%0d; split tiles %0d; keys without planes %0d, fewer planes %0d, more %0d; mixed P.V %0d",
               cv_qk[0], cv_qk[1], cv_qk[2], cv_pv[0], cv_pv[1], cv_pv[2], cv_split, cv_zero,
               cv_short, cv_trunc, cv_mixed);
      $display("    back to back %0d, bubbles %0d, overlapped keys %0d, staged beside another lane's write %0d, keys without metadata %0d, metadata only %0d, fresh value reads %0d",
               cv_b2b, cv_bub, cv_overlap, cv_two, cv_nometa, cv_metaonly, cv_raw);
      $display("    head rows shifted out valid/invalid/empty %0d/%0d/%0d, busy %0d, stall %0d",
               cv_hvalid, cv_hinvalid, cv_empty, cv_busy, cv_stall);
    end
    $sformat(tb_pass_text, "%0d tiles (lane-tiles Q.K^T a/b/off %0d/%0d/%0d, P.V %0d/%0d/%0d), %0d keys, %0d captures, %0d valid rows to the head, %0d shifts, %0d cycles checked, widest sum %0d bits; ROWS=%0d COLS=%0d D=%0d DIGIT=%0d STAGE_B=%0d LANE_GRP=%0d",
             t_num, cv_qk[0], cv_qk[1], cv_qk[2], cv_pv[0], cv_pv[1], cv_pv[2], keys, caps,
             cv_hvalid, cv_shift, checks, widest, ROWS, COLS, D, DIGIT, STAGE_B, LANE_GRP);
    $sformat(tb_fail_text, "%0d cycles checked (ROWS=%0d COLS=%0d D=%0d DIGIT=%0d STAGE_B=%0d)",
             checks, ROWS, COLS, D, DIGIT, STAGE_B);
    tb_finish(tb_pass_text, tb_fail_text);
  end
endmodule
