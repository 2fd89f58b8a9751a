// SPDX-License-Identifier: MIT
// tb_lane.v - self-checking testbench for vssa_lane (gen/rtl/lane.v): one
// lane driven the way the array drives it, against a reference model kept
// in the testbench.
//
// Stimulus, one cycle at a time:
//  - keys arrive as the loader sends them: a key with planes raises kv_ld_i
//    (ld_base_i = slot * D, the D bytes in ld_data_i) only while ld_free_o is
//    high, usually with meta_we_i (its planes and index), now and then
//    without (the slot keeps its metadata); a key without planes writes only
//    the metadata. Keys come in bursts (back to back, each at the first free
//    cycle) and sparsely, to random slots of SLOTS;
//  - value bytes (vw_*) are written at random addresses, often a few "hot"
//    ones that P.V operations also read;
//  - tiles at stage 1 (s1_*), one operation a cycle: Q.K^T tiles of 1..
//    MAX_PLANES planes over all D elements (plane-major, first at plane 0
//    element 0, capture at the last plane's last element; addr = slot*D + t),
//    and P.V tiles of 1..2D value tokens at random value addresses, each run
//    on its own 1..MAX_PLANES planes. lo and hi (lo <= hi, over the whole
//    FILL_W range) put this lane on slot a, on slot b or on neither. Tiles
//    run back to back with no gap or after a random gap, densely or with
//    bubbles (step low, every other stage-1 input junk) between operations;
//  - q_i, the column operands, three cycles after the operation's stage 1
//    (stage 4, beside the digit register); junk in bubbles;
//  - shift_i with random chain_*_i in random cycles without a capture.
// A bank word is never read in the cycle it is written (by contract the
// read is X), so a tile runs only on slots with no key write in flight and
// a key goes only to a slot the running Q.K^T tile does not read; a value
// byte is not rewritten while a P.V token is being read.
//
// The reference model keeps the key bank as the bytes of each slot's last
// key, the metadata and the value bank, and per operation (from the inputs
// actually applied at stage 1) decides whether the lane is live (LANE < lo:
// slot a, LANE >= hi: slot b), whether it has a token (P.V: always; Q.K^T:
// the slot's planes != 0) and whether the plane is one of the token's
// (P.V: always; Q.K^T: plane < planes), and adds q[c] * digit * 2^(DIGIT *
// (MAX_PLANES-1-plane)) to each column's sum, digit being the plane's
// DIGIT bits of the two's-complement byte (plane 0 signed, the rest
// unsigned). At every capture the model's sums are also compared with the
// plain dot product of the column operands and the bytes truncated to
// min(tile planes, key planes) (P.V: each token's planes), so the model
// itself is checked. Checked against the lane, every cycle:
//  - busy_o and stall_o (the operation four cycles after its stage 1);
//  - the held row: row_score_o (every column, modulo 2^ACC_W) after each
//    capture and each shift, row_valid_o, and row_idx_o/row_planes_o of a
//    live Q.K^T capture (the slot's metadata at the operation's stage 1)
//    and of a shift;
//  - ld_free_o high exactly when at most one word of the staged key is
//    still to be written, ld_idle_o exactly when none is (a key of D bytes
//    is written D/STAGE_B words, one a cycle, after kv_ld_i);
//  - every output changes only at a clock edge.
// Coverage: each role (a, b, off) in both phases, keys without planes,
// keys with fewer planes than the tile (stall cycles) and with more (the
// tile truncates them), P.V tokens of mixed planes, back-to-back tiles and
// bubbles inside tiles, a key staged while the previous one writes its last
// word, keys without metadata, value bytes read the cycle after their
// write, shifts, valid and invalid captures: the testbench fails if one
// never happened (the plane cases only when MAX_PLANES > 1).
// Prints one final line: PASS tb_lane: ... or FAIL tb_lane: ...
`timescale 1ns/1ps
module tb_lane;
  parameter integer LANE       = 0;
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
  parameter integer FILL_W     = 3;
  parameter integer VDEPTH     = 256;
  parameter integer VADDR_W    = 8;
  parameter integer STAGE_B    = 4;
  parameter integer TILES      = 600;
  localparam TB_NAME = "tb_lane";
  `include "tb_common.vh"

  localparam integer MAXP  = MAX_PLANES;
  localparam integer WORDS = D / STAGE_B;          // bank words of one key
  localparam integer NTOK  = 2 * D;                // most value tokens of a P.V tile
  localparam integer SW    = COLS * ACC_W;
  localparam integer LMAX  = (1 << FILL_W) - 1;    // lo and hi range over 0..LMAX
  localparam integer HOT   = VDEPTH < 8 ? VDEPTH : 8;
  localparam integer INIT = 0, RUN = 1, FLUSH = 2; // phases of the run

  // ---- the lane
  reg                meta_we, kv_ld, vw_we;
  reg  [SLOT_W-1:0]  ld_slot;
  reg  [KADDR_W-1:0] ld_base;
  reg  [PLANE_W-1:0] ld_planes;
  reg  [IDX_W-1:0]   ld_idx;
  reg  [D*8-1:0]     ld_data;
  reg  [VADDR_W-1:0] vw_addr;
  reg  [7:0]         vw_data;
  reg                s1_step, s1_pv, s1_first, s1_cap;
  reg  [PLANE_W-1:0] s1_plane;
  reg  [FILL_W-1:0]  s1_lo, s1_hi;
  reg  [SLOT_W-1:0]  s1_sa, s1_sb;
  reg  [KADDR_W-1:0] s1_aa, s1_ab;
  reg  [VADDR_W-1:0] s1_va;
  reg  [COLS*9-1:0]  q;
  reg                shift, ch_valid;
  reg  [SW-1:0]      ch_score;
  reg  [IDX_W-1:0]   ch_idx;
  reg  [PLANE_W-1:0] ch_planes;
  wire               ld_free, ld_idle, row_valid, busy, stall;
  wire [SW-1:0]      row_score;
  wire [IDX_W-1:0]   row_idx;
  wire [PLANE_W-1:0] row_planes;

  vssa_lane #(
    .LANE(LANE), .COLS(COLS), .D(D), .DIGIT(DIGIT), .MAX_PLANES(MAX_PLANES), .ACC_W(ACC_W),
    .SLOTS(SLOTS), .SLOT_W(SLOT_W), .KADDR_W(KADDR_W), .T_W(T_W), .PLANE_W(PLANE_W),
    .IDX_W(IDX_W), .FILL_W(FILL_W), .VDEPTH(VDEPTH), .VADDR_W(VADDR_W), .STAGE_B(STAGE_B)
  ) dut (
    .clk_i(clk), .rst_ni(rst_n),
    .meta_we_i(meta_we), .kv_ld_i(kv_ld), .ld_slot_i(ld_slot), .ld_base_i(ld_base),
    .ld_planes_i(ld_planes), .ld_idx_i(ld_idx), .ld_data_i(ld_data),
    .ld_free_o(ld_free), .ld_idle_o(ld_idle),
    .vw_we_i(vw_we), .vw_addr_i(vw_addr), .vw_data_i(vw_data),
    .s1_step_i(s1_step), .s1_pv_i(s1_pv), .s1_first_i(s1_first), .s1_capture_i(s1_cap),
    .s1_plane_i(s1_plane), .s1_lo_i(s1_lo), .s1_hi_i(s1_hi),
    .s1_slot_a_i(s1_sa), .s1_slot_b_i(s1_sb), .s1_addr_a_i(s1_aa), .s1_addr_b_i(s1_ab),
    .s1_vaddr_i(s1_va), .q_i(q),
    .shift_i(shift), .chain_score_i(ch_score), .chain_idx_i(ch_idx),
    .chain_planes_i(ch_planes), .chain_valid_i(ch_valid),
    .row_score_o(row_score), .row_idx_o(row_idx), .row_planes_o(row_planes),
    .row_valid_o(row_valid), .busy_o(busy), .stall_o(stall)
  );

  // ---- reference model: the banks and the metadata as last written
  reg [7:0]         kb      [0:SLOTS*D-1];   // byte t of slot s at s*D + t
  reg [PLANE_W-1:0] mplanes [0:SLOTS-1];
  reg [IDX_W-1:0]   midx    [0:SLOTS-1];
  reg [7:0]         vb      [0:VDEPTH-1];
  integer           busy_to [0:SLOTS-1];     // last cycle a key write touches the slot
  integer           left;                    // words of the staged key still to write
  reg signed [63:0] acc [0:COLS-1];          // each PE's running sum, exact

  // The operations in stages 1..5 (index = stage), as the model saw them at
  // stage 1: q_i is due at stage 4, busy_o/stall_o and the capture at 5.
  reg               p_step  [1:5];
  reg               p_cap   [1:5];
  reg               p_busy  [1:5];
  reg               p_stall [1:5];
  reg               p_valid [1:5];
  reg               p_known [1:5];           // row_idx/row_planes are checked
  reg [IDX_W-1:0]   p_idx   [1:5];
  reg [PLANE_W-1:0] p_planes[1:5];
  reg [SW-1:0]      p_score [1:5];           // the sums after the operation
  reg [COLS*9-1:0]  p_q     [1:5];
  integer           p_tile  [1:5];           // tile number, -1 in a bubble

  // The held row expected on the outputs.
  reg [SW-1:0]      h_score;
  reg [IDX_W-1:0]   h_idx;
  reg [PLANE_W-1:0] h_planes;
  reg               h_valid, h_known;

  // ---- the tile being issued
  reg               in_tile, t_pv, t_dense, t_first_op, b2b;
  integer           t_num, t_lo, t_hi, t_sa, t_sb, t_planes, t_pl, t_t, t_j, t_ntok, t_role;
  integer           lrate;                   // a key arrives one cycle in lrate
  reg [COLS*9-1:0]  tq     [0:D-1];          // Q.K^T: the query element of each t
  integer           tok_va [0:NTOK-1];       // P.V: each token's value address,
  integer           tok_lp [0:NTOK-1];       // its planes,
  reg [COLS*9-1:0]  tok_q  [0:NTOK-1];       // its column operands
  reg [7:0]         tok_b  [0:NTOK-1];       // and the byte its plane 0 read
  reg               guard;                   // a Q.K^T tile reads t_sa/t_sb this cycle
  reg               prot;                    // a P.V token reads tok_va[t_j] this cycle
  integer           prot_va;

  // ---- the key waiting for the lane (the loader's head)
  reg               k_pend, k_meta;
  integer           k_planes, k_slot;
  reg [IDX_W-1:0]   k_idx;
  reg [D*8-1:0]     k_data;

  integer phase, now, init_s, init_v, flush_n, s, c, i;
  integer last_w_addr, last_w_cyc, checks, caps, shifts, keys, widest;
  // coverage
  integer cv_qk [0:2];      // Q.K^T tiles with the lane on slot a, slot b, off
  integer cv_pv [0:2];      // P.V tiles likewise
  integer cv_zero, cv_short, cv_trunc, cv_mixed, cv_b2b, cv_bub, cv_overlap, cv_nometa;
  integer cv_metaonly, cv_raw, cv_shift, cv_valid, cv_invalid, cv_busy, cv_stall, cv_wrap;

  // ---- helpers
  function [SW-1:0] rand_sw(input dummy);
    integer k;
    begin
      rand_sw = {SW{1'b0}};
      for (k = 0; k < SW; k = k + 32) rand_sw = (rand_sw << 32) | $unsigned($random(seed));
    end
  endfunction

  `include "tb_lane_model.vh"

  // A random slot with no key write in flight, -1 if none.
  function integer quiet_slot(input dummy);
    integer k, n, pick;
    begin
      n = 0;
      for (k = 0; k < SLOTS; k = k + 1) if (busy_to[k] < now) n = n + 1;
      quiet_slot = -1;
      if (n > 0) begin
        pick = tb_rand(n);
        for (k = 0; k < SLOTS; k = k + 1)
          if (busy_to[k] < now) begin
            if (pick == 0) quiet_slot = k;
            pick = pick - 1;
          end
      end
    end
  endfunction

  // ---- a new tile: kind, the lane's role, slots, planes and operands
  task start_tile;
    integer sa, sb, j;
    begin
      sa = quiet_slot(0);
      sb = quiet_slot(0);
      if (sa >= 0 && sb >= 0) begin
        t_pv = tb_one_in(3);
        t_sa = sa; t_sb = sb;
        // 0, 1: slot a (LANE < lo); 2, 3: slot b (LANE >= hi); 4: neither
        t_role = tb_rand(5);
        t_role = t_role < 2 ? 0 : t_role < 4 ? 1 : 2;
        if (t_role == 0) begin
          t_lo = LANE + 1 + tb_rand(LMAX - LANE);
          t_hi = t_lo + tb_rand(LMAX - t_lo + 1);
        end else if (t_role == 1) begin
          t_hi = tb_rand(LANE + 1);
          t_lo = tb_rand(t_hi + 1);
        end else begin
          t_lo = tb_rand(LANE + 1);
          t_hi = LANE + 1 + tb_rand(LMAX - LANE);
        end
        t_planes = 1 + tb_rand(MAXP);
        t_dense  = tb_one_in(2);
        lrate    = tb_one_in(3) ? 1 : 12;
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

  // ---- stage 1: the model of the operation the inputs now carry
  task model_op;
    reg          isa, live, has, inpl, mul;
    reg [7:0]    b;
    integer      sl, ad, np, dv, wt;
    reg [SW-1:0] sc;
    begin
      isa  = LANE < s1_lo;
      live = isa || LANE >= s1_hi;
      sl   = isa ? s1_sa : s1_sb;
      ad   = isa ? s1_aa : s1_ab;
      p_step[1] = s1_step; p_cap[1] = s1_cap;
      p_busy[1] = 1'b0; p_stall[1] = 1'b0; p_valid[1] = 1'b0; p_known[1] = 1'b0;
      p_idx[1] = {IDX_W{1'b0}}; p_planes[1] = {PLANE_W{1'b0}};
      if (s1_step) begin
        // P.V reads the value bank and runs every plane; Q.K^T needs a key
        // with planes, and a plane below their count
        if (s1_pv) begin
          b = vb[s1_va]; has = live; inpl = 1'b1;
        end else begin
          b = kb[ad]; np = mplanes[sl]; has = live && np != 0; inpl = s1_plane < np;
          p_known[1] = live; p_idx[1] = midx[sl]; p_planes[1] = mplanes[sl];
        end
        mul = has && inpl;
        p_busy[1] = mul; p_stall[1] = has && !inpl; p_valid[1] = has;
        dv = mul ? digit_of(b, s1_plane) : 0;
        wt = 1 << (DIGIT * (MAXP - 1 - s1_plane));
        for (c = 0; c < COLS; c = c + 1) begin
          if (s1_first) acc[c] = 0;
          acc[c] = acc[c] + sgn9(p_q[1][c*9 +: 9]) * dv * wt;
          sc[c*ACC_W +: ACC_W] = acc[c][ACC_W-1:0];
        end
        p_score[1] = sc;
      end
    end
  endtask

  // At a tile's capture: the model's sums must be the dot product of the
  // column operands with the truncated bytes (an independent check of the
  // model and of the tile stimulus).
  task check_model;
    reg     isa, live, mixed;
    integer sl, np, j, k;
    reg signed [63:0] dot;
    begin
      isa  = LANE < t_lo;
      live = isa || LANE >= t_hi;
      sl   = isa ? t_sa : t_sb;
      np   = mplanes[sl] < t_planes ? mplanes[sl] : t_planes;
      for (k = 0; k < COLS; k = k + 1) begin
        dot = 0;
        if (live && !t_pv)
          for (j = 0; j < D; j = j + 1)
            dot = dot + sgn9(tq[j][k*9 +: 9]) * trunc_of(kb[sl*D + j], np);
        if (live && t_pv)
          for (j = 0; j < t_ntok; j = j + 1)
            dot = dot + sgn9(tok_q[j][k*9 +: 9]) * trunc_of(tok_b[j], tok_lp[j]);
        if (dot !== acc[k]) begin
          $display("    tile %0d column %0d: model sum %0d, dot product %0d", t_num, k, acc[k], dot);
          tb_fatal("the reference model disagrees with itself");
        end
        if (width_of(dot) > widest) widest = width_of(dot);
        if (width_of(dot) > ACC_W) cv_wrap = cv_wrap + 1;
      end
      // coverage of the tile's case
      if (t_pv) cv_pv[t_role] = cv_pv[t_role] + 1;
      else cv_qk[t_role] = cv_qk[t_role] + 1;
      if (live && !t_pv) begin
        if (mplanes[sl] == 0) cv_zero = cv_zero + 1;
        else if (mplanes[sl] < t_planes) cv_short = cv_short + 1;
        else if (mplanes[sl] > t_planes) cv_trunc = cv_trunc + 1;
      end
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
    begin
      if (phase == RUN && !in_tile && t_num < TILES && (b2b || tb_one_in(3))) start_tile;
      b2b   = 1'b0;
      op    = in_tile && (t_dense || t_first_op || !tb_bubble(4));
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
          // P.V runs on the value bank: slots and key addresses are junk
          s1_first = t_j == 0 && t_pl == 0;
          last     = t_j == t_ntok - 1 && t_pl == tok_lp[t_j] - 1;
          s1_plane = t_pl;
          s1_sa = $random(seed); s1_sb = $random(seed);
          s1_aa = $random(seed); s1_ab = $random(seed);
          s1_va = tok_va[t_j];
          p_q[1] = tok_q[t_j];
          if (t_pl == 0) tok_b[t_j] = vb[tok_va[t_j]];
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
    integer sl;
    begin
      meta_we = 1'b0; kv_ld = 1'b0;
      ld_slot = $random(seed); ld_base = $random(seed); ld_planes = $random(seed);
      ld_idx = $random(seed); ld_data = rand_key(0);
      if (!k_pend && phase == INIT && init_s < SLOTS) begin
        // every slot gets a key (or, without planes, its metadata) first
        k_pend = 1'b1; k_meta = 1'b1; k_slot = init_s; init_s = init_s + 1;
        k_planes = tb_rand(MAXP + 1); k_idx = $random(seed); k_data = rand_key(0);
      end else if (!k_pend && phase == RUN && tb_one_in(lrate)) begin
        k_pend = 1'b1; k_meta = !tb_one_in(8); k_slot = -1;
        k_planes = tb_rand(MAXP + 1); k_idx = $random(seed); k_data = rand_key(0);
      end
      // a key with planes waits for ld_free_o; one without needs only its
      // metadata written (a key without planes and metadata is nothing)
      if (k_pend && (k_planes == 0 || left <= 1)) begin
        sl = k_slot;
        if (sl < 0) begin
          sl = tb_rand(SLOTS);
          if (guard && (sl == t_sa || sl == t_sb)) sl = -1;
        end
        if (sl >= 0) begin
          k_pend  = 1'b0;
          ld_slot = sl; ld_base = sl * D; ld_planes = k_planes; ld_idx = k_idx;
          ld_data = k_data;
          meta_we = k_meta || k_planes == 0;
          kv_ld   = k_planes != 0;
          if (busy_to[sl] < now) busy_to[sl] = now;
          if (kv_ld) begin
            busy_to[sl] = now + WORDS;
            keys = keys + 1;
            if (left == 1) cv_overlap = cv_overlap + 1;
            if (!meta_we) cv_nometa = cv_nometa + 1;
          end else begin
            cv_metaonly = cv_metaonly + 1;
          end
        end
      end
    end
  endtask

  // ---- value bank writes
  task gen_value;
    begin
      vw_we = 1'b0; vw_addr = $random(seed); vw_data = $random(seed);
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
    begin
      checks = checks + 1;
      if (p_tile[5] >= 0) $sformat(tb_where, "tile %0d at stage 5", p_tile[5]);
      else tb_where = 0;
      if (busy !== p_busy[5] || stall !== p_stall[5]) begin
        tb_err("busy_o/stall_o wrong");
        if (tb_show) $display("    busy_o %b stall_o %b, expected %b %b", busy, stall,
                              p_busy[5], p_stall[5]);
      end
      if (busy) cv_busy = cv_busy + 1;
      if (stall) cv_stall = cv_stall + 1;
      if (ld_free !== (left <= 1) || ld_idle !== (left == 0)) begin
        tb_err("ld_free_o/ld_idle_o wrong");
        if (tb_show) $display("    ld_free_o %b ld_idle_o %b with %0d words to write", ld_free,
                              ld_idle, left);
      end
      if (row_score !== h_score) begin
        tb_err("row_score_o wrong");
        if (tb_show)
          for (k = 0; k < COLS; k = k + 1)
            if (row_score[k*ACC_W +: ACC_W] !== h_score[k*ACC_W +: ACC_W])
              $display("    column %0d: %0d, expected %0d", k,
                       $signed(row_score[k*ACC_W +: ACC_W]), $signed(h_score[k*ACC_W +: ACC_W]));
      end
      if (row_valid !== h_valid) tb_err("row_valid_o wrong");
      if (h_known && (row_idx !== h_idx || row_planes !== h_planes)) begin
        tb_err("row_idx_o/row_planes_o wrong");
        if (tb_show) $display("    idx %0d planes %0d, expected %0d %0d", row_idx, row_planes,
                              h_idx, h_planes);
      end
    end
  endtask

  // ---- the clock edge, in the model
  task model_edge;
    integer k;
    begin
      if (p_step[5] && p_cap[5]) begin
        h_score = p_score[5]; h_idx = p_idx[5]; h_planes = p_planes[5];
        h_valid = p_valid[5]; h_known = p_known[5];
        caps = caps + 1;
        if (p_valid[5]) cv_valid = cv_valid + 1;
        else cv_invalid = cv_invalid + 1;
      end else if (shift) begin
        h_score = ch_score; h_idx = ch_idx; h_planes = ch_planes; h_valid = ch_valid;
        h_known = 1'b1;
        cv_shift = cv_shift + 1;
      end
      if (kv_ld) begin
        left = WORDS;
        for (k = 0; k < D; k = k + 1) kb[ld_slot * D + k] = ld_data[k*8 +: 8];
      end else if (left > 0) begin
        left = left - 1;
      end
      if (meta_we) begin mplanes[ld_slot] = ld_planes; midx[ld_slot] = ld_idx; end
      if (vw_we) begin
        vb[vw_addr] = vw_data; last_w_addr = vw_addr; last_w_cyc = now;
      end
    end
  endtask

  // Registered outputs change only at an edge of clk.
  always @(busy or stall or ld_free or ld_idle or row_score or row_idx or row_planes or
           row_valid)
    if (rst_n && tb_off_edge(0)) tb_err("an output changed between clock edges");

  initial tb_watchdog(1000 * TILES + 20 * (VDEPTH + SLOTS * WORDS) + 1000);

  initial begin
    tb_seed(13);
    if (LANE >= LMAX || MAXP * DIGIT != 8 || SLOTS < 3) begin
      $sformat(tb_fail_text, "parameters: need LANE < 2^FILL_W - 1, MAX_PLANES * DIGIT = 8, SLOTS >= 3 (LANE=%0d FILL_W=%0d)",
               LANE, FILL_W);
      tb_fatal(tb_fail_text);
    end
    for (s = 1; s <= 5; s = s + 1) begin
      p_step[s] = 1'b0; p_cap[s] = 1'b0; p_busy[s] = 1'b0; p_stall[s] = 1'b0;
      p_valid[s] = 1'b0; p_known[s] = 1'b0; p_tile[s] = -1; p_q[s] = 0;
    end
    for (s = 0; s < SLOTS; s = s + 1) busy_to[s] = -1;
    for (c = 0; c < COLS; c = c + 1) acc[c] = 0;
    for (s = 0; s < 3; s = s + 1) begin cv_qk[s] = 0; cv_pv[s] = 0; end
    cv_zero = 0; cv_short = 0; cv_trunc = 0; cv_mixed = 0; cv_b2b = 0; cv_bub = 0;
    cv_overlap = 0; cv_nometa = 0; cv_metaonly = 0; cv_raw = 0; cv_shift = 0; cv_valid = 0;
    cv_invalid = 0; cv_busy = 0; cv_stall = 0; cv_wrap = 0;
    h_score = 0; h_idx = 0; h_planes = 0; h_valid = 1'b0; h_known = 1'b1;   // reset values
    left = 0; in_tile = 1'b0; b2b = 1'b0; t_num = 0; lrate = 12; k_pend = 1'b0;
    phase = INIT; now = 0; init_s = 0; init_v = 0; flush_n = 0;
    last_w_addr = -1; last_w_cyc = -10; checks = 0; caps = 0; keys = 0; widest = 0;
    guard = 1'b0; prot = 1'b0; prot_va = -1;
    meta_we = 1'b0; kv_ld = 1'b0; vw_we = 1'b0; s1_step = 1'b0; shift = 1'b0;
    ld_slot = 0; ld_base = 0; ld_planes = 0; ld_idx = 0; ld_data = 0; vw_addr = 0;
    vw_data = 0; s1_pv = 0; s1_first = 0; s1_cap = 0; s1_plane = 0; s1_lo = 0; s1_hi = 0;
    s1_sa = 0; s1_sb = 0; s1_aa = 0; s1_ab = 0; s1_va = 0; q = 0;
    ch_score = 0; ch_idx = 0; ch_planes = 0; ch_valid = 0;
    tb_reset(2);
    while (phase != FLUSH || flush_n < 8) begin
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
      q = p_q[4];     // stage 4: the operands meet the digit register
      shift = !(p_step[5] && p_cap[5]) && tb_one_in(3);
      ch_score = rand_sw(0); ch_idx = $random(seed); ch_planes = $random(seed);
      ch_valid = $random(seed);
      #1;
      check;
      @(posedge clk);
      model_edge;
      now = now + 1;
      if (phase == INIT && init_s == SLOTS && !k_pend && init_v == VDEPTH) phase = RUN;
      if (phase == RUN && t_num == TILES && !in_tile) phase = FLUSH;
      if (phase == FLUSH) flush_n = flush_n + 1;
      #1;
    end
    tb_where = 0;
    // coverage: every case the stimulus aims at happened
    if (errors == 0 &&
        (cv_qk[0] == 0 || cv_qk[1] == 0 || cv_qk[2] == 0 || cv_pv[0] == 0 || cv_pv[1] == 0 ||
         cv_pv[2] == 0 || cv_zero == 0 || cv_b2b == 0 || cv_bub == 0 || cv_overlap == 0 ||
         cv_nometa == 0 || cv_metaonly == 0 || cv_raw == 0 || cv_shift == 0 || cv_valid == 0 ||
         cv_invalid == 0 || cv_busy == 0 ||
         (MAXP > 1 && (cv_short == 0 || cv_trunc == 0 || cv_mixed == 0 || cv_stall == 0)))) begin
      tb_err("coverage: a case never happened");
      $display("    Q.K^T tiles a/b/off %0d/%0d/%0d, P.V %0d/%0d/%0d; keys without planes %0d, fewer planes %0d, more %0d; mixed P.V %0d",
               cv_qk[0], cv_qk[1], cv_qk[2], cv_pv[0], cv_pv[1], cv_pv[2], cv_zero, cv_short,
               cv_trunc, cv_mixed);
      $display("    back to back %0d, bubbles %0d, overlapped keys %0d, keys without metadata %0d, metadata only %0d, fresh value reads %0d",
               cv_b2b, cv_bub, cv_overlap, cv_nometa, cv_metaonly, cv_raw);
      $display("    shifts %0d, valid/invalid captures %0d/%0d, busy %0d, stall %0d",
               cv_shift, cv_valid, cv_invalid, cv_busy, cv_stall);
    end
    $sformat(tb_pass_text, "%0d tiles (Q.K^T a/b/off %0d/%0d/%0d, P.V %0d/%0d/%0d), %0d keys, %0d captures, %0d shifts, %0d cycles checked, widest sum %0d bits (%0d wrapped); LANE=%0d COLS=%0d D=%0d DIGIT=%0d STAGE_B=%0d ACC_W=%0d",
             t_num, cv_qk[0], cv_qk[1], cv_qk[2], cv_pv[0], cv_pv[1], cv_pv[2], keys, caps,
             cv_shift, checks, widest, cv_wrap, LANE, COLS, D, DIGIT, STAGE_B, ACC_W);
    $sformat(tb_fail_text, "%0d cycles checked (LANE=%0d COLS=%0d D=%0d DIGIT=%0d STAGE_B=%0d)",
             checks, LANE, COLS, D, DIGIT, STAGE_B);
    tb_finish(tb_pass_text, tb_fail_text);
  end
endmodule
