// SPDX-License-Identifier: MIT
// Softmax stage of one block (golden/vssa.h sections 8 and 9), after every
// score of the block is in the score RAMs. The columns share their
// nonlinear units: each exponent unit (vssa_exp) and each reciprocal
// (vssa_recip) serves SM_SHARE consecutive columns, its members, in turn
// (golden/arch.c derives SM_SHARE so that the pass still hides behind the
// array's next block):
//  1. exponent pass: SM_SHARE slots a key, one slot a cycle, for the keys of
//     the key list and then, under COMP with the virtual key on, for it.
//     In the slot of member j every unit reads member j's score, forms
//     x = M - S and its exponential, writes e into the member's e RAM at
//     the key's arrival slot and adds e to its E, and, under --round mid,
//     e * 2^(7-p) to its midpoint sum C for a value of 0 < p < 8 bits; the
//     virtual key adds c * e_z to E one cycle after its e_z;
//  2. reciprocals: each unit computes k, r and the gain G of its members
//     one after another, SM_SHARE * RECIP_LAT cycles;
//  3. with trace_i: a probability pass, P = (e * r) >> (k - 1) for every key
//     of the list, one key at a time, each offered as an output beat
//     (columns without a query read 0).
// done_o pulses when all of it is over; k, G and C then hold until the next
// block's reciprocals. The e RAMs' read port serves P.V (pv_raddr_i)
// outside the probability pass. A read with imp_i high (a token's first
// read in P.V) also yields the token's probabilities for the importance
// counters, from the probability multipliers: imp_valid_o three cycles
// later, with the token's index (pv_label_i) and P of every column (0 for
// columns without a query).
module vssa_softmax #(
  parameter integer COLS     = 4,
  parameter integer S_W      = 20,
  parameter integer DIGIT    = 4,
  parameter integer PLANE_W  = 2,
  parameter integer IDX_W    = 6,
  parameter integer KCNT_W   = 7,
  parameter integer QCNT_W   = 3,
  parameter integer MAX_SEQ  = 64,
  parameter integer ESUM_W   = 14,
  parameter integer C_W      = 20,
  parameter integer K_W      = 4,
  parameter integer MID      = 1,
  parameter integer COMP     = 0,
  parameter integer SM_SHARE = 4,    // columns an exponent unit and reciprocal serve
  // latencies (golden/arch.c): list read to exponential, SM_LAT =
  // EXP_LAT + 3; the exponent unit's and the reciprocal's
  parameter integer EXP_MUL_LAT = 3,
  parameter integer EXP_LAT  = 5,
  parameter integer SM_LAT   = 8,
  parameter integer G_MUL_LAT = 2,
  parameter integer RECIP_LAT = 22,
  parameter [255:0] EXP_LUT  = 256'h8285888b8e9194989b9ea2a5a9adb0b4b8bcc0c5c9cdd2d6dbe0e5eaeff4faff
) (
  input  wire                     clk_i,
  input  wire                     rst_ni,
  input  wire                     start_i,
  input  wire                     trace_i,
  input  wire [31:0]              es_i,
  input  wire [23:0]              os_i,
  input  wire [QCNT_W-1:0]        nq_i,       // queries in the block
  input  wire                     bank_i,     // the block's e bank (held from start_i)
  // the block in P.V, whose e values pv_raddr_i reads: its e bank and
  // query count (importance taps)
  input  wire                     pv_bank_i,
  input  wire [QCNT_W-1:0]        pv_nq_i,
  // key list
  output wire [IDX_W-1:0]         klist_raddr_o,
  input  wire [PLANE_W+2*IDX_W-1:0] klist_rdata_i,   // {value planes, index, slot}
  input  wire [KCNT_W-1:0]        klist_count_i,
  // score RAMs and maxima
  output wire [IDX_W-1:0]         s_raddr_o,
  input  wire [COLS*S_W-1:0]      s_rdata_i,
  input  wire [COLS*S_W-1:0]      max_i,
  input  wire                     any_i,      // the block has a score row
  // the virtual key (COMP): its weight c (0: none) and scores
  input  wire [KCNT_W-1:0]        zc_i,
  input  wire [COLS*S_W-1:0]      sz_i,
  output wire [COLS*8-1:0]        ez_o,
  // e RAM read port for P.V (data one cycle after the address)
  input  wire [IDX_W-1:0]         pv_raddr_i,
  input  wire [IDX_W-1:0]         pv_label_i,  // the index of the token read
  output wire [COLS*8-1:0]        e_o,
  input  wire                     imp_i,
  output wire                     imp_valid_o,
  output wire [IDX_W-1:0]         imp_idx_o,
  output wire [COLS*16-1:0]       imp_p_o,
  // probability beats
  output wire                     out_valid_o,
  input  wire                     out_ready_i,
  output wire [IDX_W-1:0]         out_key_o,
  output wire [COLS*16-1:0]       out_probs_o,
  // per row results
  output wire                     done_o,
  output wire [COLS*K_W-1:0]      k_o,
  output wire [COLS*24-1:0]       g_o,
  output wire [COLS*C_W-1:0]      c_o
);
  // Parameter checks, at elaboration: an inconsistent instance stops the
  // simulation at time 0, and Yosys refuses it.
  initial begin
    if (!(COLS >= 1 && (1 << QCNT_W) > COLS && S_W >= 16 &&
          (DIGIT == 1 || DIGIT == 2 || DIGIT == 4 || DIGIT == 8) && PLANE_W >= 1 &&
          MAX_SEQ >= 1 && (1 << IDX_W) >= MAX_SEQ && (1 << KCNT_W) > MAX_SEQ &&
          (1 << ESUM_W) > 255 * MAX_SEQ && C_W >= ESUM_W + 6 && (1 << K_W) > ESUM_W &&
          (MID == 0 || MID == 1) && (COMP == 0 || COMP == 1) && SM_SHARE >= 1 && SM_SHARE <= COLS &&
          SM_LAT == EXP_LAT + 3)) begin
      $display("ERROR: %m: parameters: need 2^QCNT_W > COLS, S_W >= 16, 2^IDX_W >= MAX_SEQ, 2^KCNT_W > MAX_SEQ, 2^ESUM_W > 255*MAX_SEQ, C_W >= ESUM_W + 6, 2^K_W > ESUM_W, 1 <= SM_SHARE <= COLS, SM_LAT = EXP_LAT + 3");
      $finish;
    end
  end

  localparam [2:0] IDLE = 3'd0, EXPS = 3'd1, RECIP = 3'd2, PROB = 3'd3, DONE = 3'd4;
  localparam [2:0] P_READ = 3'd0, P_IDX = 3'd1, P_E = 3'd2, P_MUL = 3'd3, P_OUT = 3'd4;
  localparam integer NU  = (COLS + SM_SHARE - 1) / SM_SHARE;   // exponent units, reciprocals
  localparam integer CP  = NU * SM_SHARE;                   // columns, padded to whole units
  localparam integer J_W = SM_SHARE > 1 ? $clog2(SM_SHARE) : 1;
  localparam integer   J_LAST_I = SM_SHARE - 1;
  localparam [J_W-1:0] J_LAST   = J_LAST_I[J_W-1:0];
  // A slot issued in cycle n: list entry in n+1, score in n+2, the member's
  // M and S selected in n+3, x in n+4, exponential in n+4+EXP_LAT, i.e.
  // LAT = SM_LAT cycles after the list entry.
  localparam integer LAT = SM_LAT;

  reg  [2:0]        state_q, pst_q;
  reg  [KCNT_W:0]   i_q;              // the slot's key; klist_count_i: the virtual key
  reg  [J_W-1:0]    j_q;              // the slot's member
  reg               zon_q;            // the virtual key takes part in this pass
  wire [LAT:1]      vpipe_q;          // vpipe_q[s]: a list entry was read s cycles ago
  // A slot's tag, {virtual, member, value planes, arrival slot}, one stage
  // per cycle after its list entry: stage s (bits [s*TAG_W +: TAG_W]) holds
  // it s+1 cycles later.
  localparam integer TAG_W = 1 + J_W + PLANE_W + IDX_W;
  wire [LAT*TAG_W-1:0] tags_q;
  reg               busy_exp_q;
  reg               iv_q;             // the slot issued last cycle: virtual, member
  reg  [J_W-1:0]    ij_q;
  reg               zadd_q;           // a unit adds c * e_z of member zaddj_q
  reg  [J_W-1:0]    zaddj_q;
  reg               pout_q;
  reg  [IDX_W-1:0]  pkey_q;

  wire [IDX_W-1:0]   l_idx   = klist_rdata_i[IDX_W-1:0];            // slot
  wire [IDX_W-1:0]   l_label = klist_rdata_i[2*IDX_W-1:IDX_W];      // index
  wire [PLANE_W-1:0] l_vp    = klist_rdata_i[PLANE_W+2*IDX_W-1:2*IDX_W];
  wire               zon      = COMP != 0 && zc_i != {KCNT_W{1'b0}};
  wire [KCNT_W:0]    n_keys   = {1'b0, klist_count_i};
  wire [KCNT_W:0]    n_slots  = n_keys + {{KCNT_W{1'b0}}, zon_q};
  wire               more     = i_q != n_keys;      // the probability pass
  // noexp_q: i_q == n_slots (the exponent pass has no slot left), kept a
  // cycle ahead so that the pass's end, which starts the reciprocals, is
  // decided from a register rather than from the key list's count (the
  // count holds still while a pass runs: a key set changes only when the
  // engine is idle).
  reg                noexp_q;
  wire               more_exp = !noexp_q;           // the exponent pass
  wire               issue    = state_q == EXPS && more_exp;
  wire [NU-1:0]      e_valid, r_fin;
  wire               all_done = &r_fin;
  // A pass may begin in the cycle the previous one is done (vssa_phase
  // moves the next block in as this one moves on to P.V).
  wire               begin_pass = (state_q == IDLE || state_q == DONE) && start_i;
  wire               in_flight  = busy_exp_q || |vpipe_q || zadd_q;
  wire               exp_end    = state_q == EXPS && !more_exp && !in_flight;

  // ---- pass control
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q <= IDLE;
      pst_q   <= P_READ;
      i_q     <= {(KCNT_W + 1){1'b0}};
      j_q     <= {J_W{1'b0}};
      zon_q   <= 1'b0;
      noexp_q <= 1'b1;
      pout_q  <= 1'b0;
    end else begin
      if (begin_pass) begin
        zon_q <= zon;
      end
      if (begin_pass) begin
        noexp_q <= n_keys == {(KCNT_W + 1){1'b0}} && !zon;
      end else if (issue && j_q == J_LAST) begin
        noexp_q <= i_q + 1'b1 == n_slots;
      end
      case (state_q)
        IDLE: if (start_i) begin
          state_q <= EXPS;
          i_q     <= {(KCNT_W + 1){1'b0}};
          j_q     <= {J_W{1'b0}};
        end
        EXPS: begin
          if (issue) begin
            j_q <= j_q == J_LAST ? {J_W{1'b0}} : j_q + 1'b1;
            if (j_q == J_LAST) begin
              i_q <= i_q + 1'b1;
            end
          end else if (exp_end) begin
            state_q <= RECIP;
          end
        end
        RECIP: if (all_done) begin
          state_q <= trace_i ? PROB : DONE;
          i_q     <= {(KCNT_W + 1){1'b0}};
          pst_q   <= P_READ;
        end
        PROB: begin
          case (pst_q)
            P_READ: pst_q <= more ? P_IDX : P_READ;
            P_IDX:  pst_q <= P_E;
            P_E:    pst_q <= P_MUL;
            P_MUL:  begin
              pst_q  <= P_OUT;
              pout_q <= 1'b1;
            end
            default: if (out_ready_i) begin
              pout_q <= 1'b0;
              pst_q  <= P_READ;
              i_q    <= i_q + 1'b1;
            end
          endcase
          if (pst_q == P_READ && !more) begin
            state_q <= DONE;
          end
        end
        default: begin   // DONE: one cycle, or straight into the next pass
          state_q <= start_i ? EXPS : IDLE;
          i_q     <= {(KCNT_W + 1){1'b0}};
          j_q     <= {J_W{1'b0}};
        end
      endcase
    end
  end

  // The first issue's results leave the pipeline LAT cycles after its list
  // entry; the virtual key's c * e_z joins E one cycle after its e_z.
  wire w_zkey;
  wire [J_W-1:0] w_j;
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      busy_exp_q <= 1'b0;
      zadd_q     <= 1'b0;
    end else begin
      busy_exp_q <= issue;
      zadd_q     <= w_zkey;
    end
  end
  vssa_delay #(
    .WIDTH (1),
    .DEPTH (LAT),
    .RESET (1)
  ) u_vpipe (
    .clk_i  (clk_i),
    .rst_ni (rst_ni),
    .d_i    (busy_exp_q),
    .taps_o (vpipe_q)
  );
  vssa_delay #(
    .WIDTH (TAG_W),
    .DEPTH (LAT),
    .RESET (0)
  ) u_tags (
    .clk_i  (clk_i),
    .rst_ni (rst_ni),
    .d_i    ({iv_q, ij_q, l_vp, l_idx}),
    .taps_o (tags_q)
  );
  // Only the first stage (the score read) and the last (the exponential)
  // use the tag.
  wire unused_tags = ^tags_q[(LAT-1)*TAG_W-1:TAG_W];

  always @(posedge clk_i) begin
    iv_q    <= i_q == n_keys;
    ij_q    <= j_q;
    zaddj_q <= w_j;
  end

  always @(posedge clk_i) begin
    if (state_q == PROB && pst_q == P_IDX) begin
      pkey_q <= l_label;
    end
  end

  // Importance taps: a token read in P.V, its product, its probabilities.
  wire [3:1]         imp_q;
  wire [3*IDX_W-1:0] imp_idx_q;      // the token, 1 .. 3 cycles ago
  vssa_delay #(
    .WIDTH (1),
    .DEPTH (3),
    .RESET (1)
  ) u_imp_v (
    .clk_i  (clk_i),
    .rst_ni (rst_ni),
    .d_i    (imp_i && state_q != PROB),
    .taps_o (imp_q)
  );
  vssa_delay #(
    .WIDTH (IDX_W),
    .DEPTH (3),
    .RESET (0)
  ) u_imp_idx (
    .clk_i  (clk_i),
    .rst_ni (rst_ni),
    .d_i    (pv_label_i),
    .taps_o (imp_idx_q)
  );
  wire unused_imp_idx = ^imp_idx_q[2*IDX_W-1:0];   // the add takes the third
  wire mul_e = (state_q == PROB && pst_q == P_E) || imp_q[1];
  wire mul_p = (state_q == PROB && pst_q == P_MUL) || imp_q[2];

  wire [IDX_W-1:0] e_raddr = state_q == PROB ? l_idx[IDX_W-1:0] : pv_raddr_i;
  wire             e_rbank = state_q == PROB ? bank_i : pv_bank_i;
  // The block's scales, taken when its pass begins (the phase controller
  // holds them from then on): registers, so that its settings mux does not
  // reach the exponent and gain multipliers in the same cycle.
  reg  [31:0]      es_q;
  reg  [23:0]      os_q;
  always @(posedge clk_i) begin
    if (begin_pass) begin
      es_q <= es_i;
      os_q <= os_i;
    end
  end

  // The bank of the e word now at the RAM's output, for its r and k: a
  // register, so that the phase logic behind pv_bank_i does not reach the
  // probability multipliers in the same cycle.
  reg              e_rbank_q;
  always @(posedge clk_i) begin
    e_rbank_q <= e_rbank;
  end
  // The probability pass (trace_i: its block runs alone) masks by its own
  // block's query count, the importance taps by the P.V block's.
  wire [QCNT_W-1:0] p_nq   = state_q == PROB ? nq_i : pv_nq_i;

  // The select stage sees the slot's tag at stage 0; the exponential leaves
  // the units with it at stage LAT-1.
  wire [TAG_W-1:0]   s_tag  = tags_q[0 +: TAG_W];
  wire               s_virt = s_tag[TAG_W-1];
  wire [J_W-1:0]     s_j    = s_tag[IDX_W+PLANE_W +: J_W];
  wire [TAG_W-1:0]   w_tag  = tags_q[(LAT-1)*TAG_W +: TAG_W];
  wire               w_virt = w_tag[TAG_W-1];
  wire [IDX_W-1:0]   w_idx  = w_tag[IDX_W-1:0];
  wire [PLANE_W-1:0] w_vp   = w_tag[IDX_W +: PLANE_W];
  assign             w_j    = w_tag[IDX_W+PLANE_W +: J_W];
  // Only COMP issues the virtual key's slot: without it no e_z, no c * e_z.
  assign             w_zkey = COMP != 0 && e_valid[0] && w_virt;
  localparam [31:0]  DIGIT_U = DIGIT;
  wire [31:0]        vbits = {{(32 - PLANE_W){1'b0}}, w_vp} * DIGIT_U;
  wire               w_mid = MID != 0 && vbits != 32'd0 && vbits < 32'd8;

  // Every column's M, S and S_z, padded with zeros to whole units; each
  // unit's e, c * e_z and reciprocal results.
  wire [CP*S_W-1:0]  m_pad, s_pad, sz_pad;
  wire [NU*8-1:0]     e_u;
  wire [NU*ESUM_W-1:0] zp_u;
  wire [CP*ESUM_W-1:0] esum_pad;
  wire [NU*K_W-1:0]   k_u;
  wire [NU*17-1:0]    r_u;
  wire [NU*24-1:0]    g_u;
  wire [NU-1:0]       r_done;
  wire [NU*J_W-1:0]   rj_u;

  genvar c, u;
  generate
    for (u = 0; u < NU; u = u + 1) begin : g_unit
      // ---- the slot's member: its M and S (S_z for the virtual key),
      // registered, then x = M - S, registered (the one wide subtract)
      reg  [S_W-1:0] ms_q, ss_q, x_q;
      reg            sv_q, xv_q;
      wire [SM_SHARE*S_W-1:0] m_grp  = m_pad[u*SM_SHARE*S_W +: SM_SHARE*S_W];
      wire [SM_SHARE*S_W-1:0] s_grp  = s_pad[u*SM_SHARE*S_W +: SM_SHARE*S_W];
      wire [SM_SHARE*S_W-1:0] sz_grp = sz_pad[u*SM_SHARE*S_W +: SM_SHARE*S_W];
      wire [S_W-1:0] m_sel, s_sel;
      vssa_sel #(.WIDTH (S_W), .N (SM_SHARE), .SEL_W (J_W)) u_msel (
        .d_i (m_grp), .sel_i (s_j), .q_o (m_sel));
      vssa_sel #(.WIDTH (S_W), .N (SM_SHARE), .SEL_W (J_W)) u_ssel (
        .d_i (s_virt ? sz_grp : s_grp), .sel_i (s_j), .q_o (s_sel));
      always @(posedge clk_i or negedge rst_ni) begin
        if (!rst_ni) begin
          ms_q <= {S_W{1'b0}};
          ss_q <= {S_W{1'b0}};
          x_q  <= {S_W{1'b0}};
          sv_q <= 1'b0;
          xv_q <= 1'b0;
        end else begin
          ms_q <= m_sel;
          ss_q <= s_sel;
          x_q  <= ms_q - ss_q;
          sv_q <= vpipe_q[1];
          xv_q <= sv_q;
        end
      end

      wire [7:0] e;
      vssa_exp #(
        .X_W         (S_W),
        .EXP_MUL_LAT (EXP_MUL_LAT),
        .EXP_LAT     (EXP_LAT),
        .LUT         (EXP_LUT)
      ) u_exp (
        .clk_i   (clk_i),
        .rst_ni  (rst_ni),
        .valid_i (xv_q),
        .x_i     (x_q),
        .es_i    (es_q),
        .valid_o (e_valid[u]),
        .e_o     (e)
      );
      assign e_u[u*8 +: 8] = e;

      // ---- c * e_z of the virtual key's member (ESUM_W holds it: c <= MAX_SEQ)
      if (COMP != 0) begin : g_zp
        reg [ESUM_W-1:0] zp_q;
        always @(posedge clk_i) begin
          if (w_zkey) begin
            zp_q <= {{(ESUM_W - 8){1'b0}}, e} * {{(ESUM_W - KCNT_W){1'b0}}, zc_i};
          end
        end
        assign zp_u[u*ESUM_W +: ESUM_W] = zp_q;
      end else begin : g_nozp
        assign zp_u[u*ESUM_W +: ESUM_W] = {ESUM_W{1'b0}};
      end

      // ---- the members' reciprocals, one after another: member 0 when
      // the exponent pass ends, each next one as the last is done
      reg  [J_W-1:0]    rj_q;
      wire              r_start = exp_end || (r_done[u] && rj_q != J_LAST);
      wire [J_W-1:0]    rj_d    = exp_end ? {J_W{1'b0}} : rj_q + 1'b1;
      wire [SM_SHARE*ESUM_W-1:0] esum_grp = esum_pad[u*SM_SHARE*ESUM_W +: SM_SHARE*ESUM_W];
      wire [ESUM_W-1:0]          esum_sel;
      vssa_sel #(.WIDTH (ESUM_W), .N (SM_SHARE), .SEL_W (J_W)) u_esel (
        .d_i (esum_grp), .sel_i (rj_d), .q_o (esum_sel));
      always @(posedge clk_i or negedge rst_ni) begin
        if (!rst_ni) begin
          rj_q <= {J_W{1'b0}};
        end else if (r_start) begin
          rj_q <= rj_d;
        end
      end
      wire r_ready;
      vssa_recip #(
        .SUM_W     (ESUM_W),
        .K_W       (K_W),
        .G_MUL_LAT (G_MUL_LAT),
        .RECIP_LAT (RECIP_LAT)
      ) u_recip (
        .clk_i   (clk_i),
        .rst_ni  (rst_ni),
        .start_i (r_start),
        .esum_i  (esum_sel),
        .os_i    (os_q),
        .ready_o (r_ready),
        .done_o  (r_done[u]),
        .k_o     (k_u[u*K_W +: K_W]),
        .r_o     (r_u[u*17 +: 17]),
        .g_o     (g_u[u*24 +: 24])
      );
      assign rj_u[u*J_W +: J_W] = rj_q;
      assign r_fin[u] = r_done[u] && rj_q == J_LAST;
      // r_ready is implied by the order: a start comes only when the unit
      // is idle.
      wire unused_r = r_ready;
    end

    // Columns past COLS in the last unit: zeros, never written back.
    for (c = COLS; c < CP; c = c + 1) begin : g_pad
      assign m_pad[c*S_W +: S_W]          = {S_W{1'b0}};
      assign s_pad[c*S_W +: S_W]          = {S_W{1'b0}};
      assign sz_pad[c*S_W +: S_W]         = {S_W{1'b0}};
      assign esum_pad[c*ESUM_W +: ESUM_W] = {ESUM_W{1'b0}};
    end

    for (c = 0; c < COLS; c = c + 1) begin : g_col
      localparam [QCNT_W-1:0] C  = c;
      localparam integer      U  = c / SM_SHARE;
      localparam integer      JM_I = c % SM_SHARE;
      localparam [J_W-1:0]    JM = JM_I[J_W-1:0];
      wire [7:0]        e = e_u[U*8 +: 8];
      wire [7:0]        e_rd;
      reg  [ESUM_W-1:0] esum_q;
      reg  [C_W-1:0]    csum_q;
      reg  [24:0]       pm_q;
      reg  [15:0]       p_q;
      reg  [K_W-1:0]    k_q;
      reg  [23:0]       g_q;

      // ---- M, taken at start (the score stage starts the next block's
      // maxima meanwhile): under COMP the larger of the maximum and S_z,
      // which is kept too
      reg  [S_W-1:0] m_q;
      if (COMP != 0) begin : g_m
        reg [S_W-1:0] sz_q;
        wire          zbig = !any_i || $signed(sz_i[c*S_W +: S_W]) > $signed(max_i[c*S_W +: S_W]);
        always @(posedge clk_i) begin
          if (begin_pass) begin
            m_q  <= zon && zbig ? sz_i[c*S_W +: S_W] : max_i[c*S_W +: S_W];
            sz_q <= sz_i[c*S_W +: S_W];
          end
        end
        assign sz_pad[c*S_W +: S_W] = sz_q;
      end else begin : g_max
        always @(posedge clk_i) begin
          if (begin_pass) begin
            m_q <= max_i[c*S_W +: S_W];
          end
        end
        assign sz_pad[c*S_W +: S_W] = {S_W{1'b0}};
        wire unused_sz = ^sz_i[c*S_W +: S_W];
      end
      assign m_pad[c*S_W +: S_W] = m_q;
      assign s_pad[c*S_W +: S_W] = s_rdata_i[c*S_W +: S_W];

      // ---- this column's slots: its e of a listed key, its e_z, and the
      // add of c * e_z a cycle later
      wire           mine  = w_j == JM;
      wire           e_key = e_valid[U] && !w_virt && mine;
      wire           z_key = e_valid[U] && w_virt && mine;
      wire           z_add = COMP != 0 && zadd_q && zaddj_q == JM;
      wire [C_W-1:0] e_ext = {{(C_W - 8){1'b0}}, e};
      if (COMP != 0) begin : g_ez
        reg [7:0] ez_q;
        always @(posedge clk_i or negedge rst_ni) begin
          if (!rst_ni) begin
            ez_q <= 8'd0;
          end else if (begin_pass) begin
            ez_q <= 8'd0;
          end else if (z_key) begin
            ez_q <= e;
          end
        end
        assign ez_o[c*8 +: 8] = ez_q;
      end else begin : g_noez
        assign ez_o[c*8 +: 8] = 8'd0;
        wire unused_z = z_key;
      end
      always @(posedge clk_i or negedge rst_ni) begin
        if (!rst_ni) begin
          esum_q <= {ESUM_W{1'b0}};
          csum_q <= {C_W{1'b0}};
        end else if (begin_pass) begin
          esum_q <= {ESUM_W{1'b0}};
          csum_q <= {C_W{1'b0}};
        end else if (z_add) begin
          esum_q <= esum_q + zp_u[U*ESUM_W +: ESUM_W];
        end else if (e_key) begin
          esum_q <= esum_q + {{(ESUM_W - 8){1'b0}}, e};
          if (w_mid) begin
            csum_q <= csum_q + (e_ext << (32'd7 - vbits));
          end
        end
      end
      assign esum_pad[c*ESUM_W +: ESUM_W] = esum_q;

      // Two banks, {bank, slot}: P.V of one block reads one while the next
      // block's softmax writes the other.
      vssa_ram #(
        .WIDTH  (8),
        .DEPTH  ((1 << IDX_W) + MAX_SEQ),
        .ADDR_W (IDX_W + 1)
      ) u_e (
        .clk_i   (clk_i),
        .we_i    (e_key),
        .waddr_i ({bank_i, w_idx}),
        .wdata_i (e),
        .raddr_i ({e_rbank, e_raddr}),
        .rdata_o (e_rd)
      );

      // ---- the row's k and G, and r and k of each bank's block: the
      // importance taps of a block in P.V use its own while the next
      // block's reciprocals are computed
      wire           r_mine = r_done[U] && rj_u[U*J_W +: J_W] == JM;
      reg  [16:0]    rb_q [0:1];
      reg  [K_W-1:0] kb_q [0:1];
      always @(posedge clk_i) begin
        if (r_mine) begin
          k_q          <= k_u[U*K_W +: K_W];
          g_q          <= g_u[U*24 +: 24];
          rb_q[bank_i] <= r_u[U*17 +: 17];
          kb_q[bank_i] <= k_u[U*K_W +: K_W];
        end
      end
      // r is read with the e word, into a register beside it, so that the
      // multiplier's operands both come from flip-flops (a DSP can take
      // them as its input registers). A bank's r is written at least a
      // cycle before its first read.
      reg  [16:0]    r_use_q;
      always @(posedge clk_i) begin
        r_use_q <= rb_q[e_rbank];
      end
      wire [K_W-1:0] k_use = kb_q[e_rbank_q];

      // ---- probability: multiply, then shift by k - 1 (k >= 8 when used)
      wire [K_W-1:0] ksh   = k_use == {K_W{1'b0}} ? {K_W{1'b0}} : k_use - 1'b1;
      wire [24:0]    pshr  = pm_q >> ksh;
      always @(posedge clk_i) begin
        if (mul_e) begin
          pm_q <= {17'd0, e_rd} * {8'd0, r_use_q};
        end
        if (mul_p) begin
          p_q <= C < p_nq ? pshr[15:0] : 16'd0;
        end
      end

      // P never exceeds 16 bits.
      wire unused = |pshr[24:16];

      assign e_o[c*8 +: 8]           = e_rd;
      assign k_o[c*K_W +: K_W]       = k_q;
      assign g_o[c*24 +: 24]         = g_q;
      assign c_o[c*C_W +: C_W]       = csum_q;
      assign out_probs_o[c*16 +: 16] = p_q;
    end
  endgenerate

  assign klist_raddr_o = i_q[IDX_W-1:0];
  assign s_raddr_o     = l_idx;
  assign out_valid_o   = pout_q;
  assign out_key_o     = pkey_q;
  assign done_o        = state_q == DONE;
  assign imp_valid_o   = imp_q[3];
  assign imp_idx_o     = imp_idx_q[2*IDX_W +: IDX_W];
  assign imp_p_o       = out_probs_o;

  // Without COMP the row flag only selects M, which is then the maximum.
  wire unused_any = any_i;
endmodule
