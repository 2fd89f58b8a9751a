// Softmax stage of one block (golden/vssa.h sections 8 and 9), after every
// score of the block is in the score RAMs:
//  1. exponent pass: one key of the key list a cycle. Each column reads its
//     score, forms x = M - S and its exponential (vssa_exp), writes e into
//     its e RAM at the key's arrival slot and adds e to E, and, under --round mid,
//     e * 2^(7-p) to the midpoint sum C for a value of 0 < p < 8 bits;
//  2. one reciprocal per column (vssa_recip): k, r and the gain G;
//  3. with trace_i: a probability pass, P = (e * r) >> (k - 1) for every key
//     of the list, one key at a time, each offered as an output beat
//     (columns without a query read 0).
// done_o pulses when all of it is over; k, G and C then hold until the next
// start. The e RAMs' read port serves P.V (pv_raddr_i) outside the
// probability pass. A read with imp_i high (a token's first read in P.V)
// also yields the token's probabilities for the importance counters, from
// the probability multipliers: imp_valid_o three cycles later, with the
// token's index (pv_label_i) and P of every column (0 for columns without a query).
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
  // latencies (golden/arch.c): list read to exponential, SM_LAT =
  // EXP_LAT + 2; the exponent unit's and the reciprocal's
  parameter integer EXP_MUL_LAT = 3,
  parameter integer EXP_LAT  = 5,
  parameter integer SM_LAT   = 7,
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
          (MID == 0 || MID == 1) && (COMP == 0 || COMP == 1) && SM_LAT == EXP_LAT + 2)) begin
      $display("ERROR: %m: parameters: need 2^QCNT_W > COLS, S_W >= 16, 2^IDX_W >= MAX_SEQ, 2^KCNT_W > MAX_SEQ, 2^ESUM_W > 255*MAX_SEQ, C_W >= ESUM_W + 6, 2^K_W > ESUM_W, SM_LAT = EXP_LAT + 2");
      $finish;
    end
  end

  localparam [2:0] IDLE = 3'd0, EXPS = 3'd1, RECIP = 3'd2, PROB = 3'd3, DONE = 3'd4;
  localparam [2:0] P_READ = 3'd0, P_IDX = 3'd1, P_E = 3'd2, P_MUL = 3'd3, P_OUT = 3'd4;
  // A key issued in cycle n: list entry in n+1, score in n+2, x in n+3,
  // exponential in n+3+EXP_LAT, i.e. LAT = SM_LAT cycles after the list
  // entry.
  localparam integer LAT = SM_LAT;

  reg  [2:0]        state_q, pst_q;
  reg  [KCNT_W-1:0] i_q;
  reg  [LAT:1]      vpipe_q;          // vpipe_q[s]: a list entry was read s cycles ago
  // A list entry's arrival slot and value planes, one stage per cycle after
  // its read: stage s (bits [s*TAG_W +: TAG_W]) holds it s+1 cycles later.
  localparam integer TAG_W = IDX_W + PLANE_W;
  reg  [LAT*TAG_W-1:0] tags_q;
  reg               busy_exp_q;
  reg               pout_q;
  reg  [IDX_W-1:0]  pkey_q;

  wire [IDX_W-1:0]   l_idx   = klist_rdata_i[IDX_W-1:0];            // slot
  wire [IDX_W-1:0]   l_label = klist_rdata_i[2*IDX_W-1:IDX_W];      // index
  wire [PLANE_W-1:0] l_vp    = klist_rdata_i[PLANE_W+2*IDX_W-1:2*IDX_W];
  wire               more  = i_q != klist_count_i;
  wire               issue = state_q == EXPS && more;
  wire [COLS-1:0]    e_valid, r_done;
  wire               all_done = &r_done;

  // The virtual key in the exponent pipeline: zi_q its x subtract, zf_q[1]
  // x, zf_q[ZE] its exponential, zf_q[ZE+1] the add of c * e_z.
  wire               zon = COMP != 0 && zc_i != {KCNT_W{1'b0}};
  // A pass may begin in the cycle the previous one is done (vssa_phase
  // moves the next block in as this one moves on to P.V).
  wire               begin_pass = (state_q == IDLE || state_q == DONE) && start_i;
  localparam integer ZE = EXP_LAT + 1;
  reg                zi_q;
  reg  [ZE+1:1]      zf_q;
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      zi_q <= 1'b0;
      zf_q <= {(ZE + 1){1'b0}};
    end else begin
      zi_q <= begin_pass && zon;
      zf_q <= {zf_q[ZE:1], zi_q};
    end
  end
  wire               in_flight = busy_exp_q || |vpipe_q || zi_q || |zf_q;
  wire               exp_end   = state_q == EXPS && !more && !in_flight;

  // ---- pass control
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q <= IDLE;
      pst_q   <= P_READ;
      i_q     <= {KCNT_W{1'b0}};
      pout_q  <= 1'b0;
    end else begin
      case (state_q)
        IDLE: if (start_i) begin
          state_q <= EXPS;
          i_q     <= {KCNT_W{1'b0}};
        end
        EXPS: begin
          if (more) begin
            i_q <= i_q + 1'b1;
          end else if (exp_end) begin
            state_q <= RECIP;
          end
        end
        RECIP: if (all_done) begin
          state_q <= trace_i ? PROB : DONE;
          i_q     <= {KCNT_W{1'b0}};
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
          i_q     <= {KCNT_W{1'b0}};
        end
      endcase
    end
  end

  // The first issue's results leave the pipeline LAT cycles later.
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      busy_exp_q <= 1'b0;
      vpipe_q    <= {LAT{1'b0}};
    end else begin
      busy_exp_q <= issue;
      vpipe_q    <= {vpipe_q[LAT-1:1], busy_exp_q};
    end
  end

  always @(posedge clk_i) begin
    tags_q <= {tags_q[(LAT-1)*TAG_W-1:0], l_vp, l_idx};
  end

  always @(posedge clk_i) begin
    if (state_q == PROB && pst_q == P_IDX) begin
      pkey_q <= l_label;
    end
  end

  // Importance taps: a token read in P.V, its product, its probabilities.
  reg [3:1]       imp_q;
  reg [IDX_W-1:0] imp_idx1_q, imp_idx2_q, imp_idx3_q;
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      imp_q <= 3'b000;
    end else begin
      imp_q <= {imp_q[2:1], imp_i && state_q != PROB};
    end
  end
  always @(posedge clk_i) begin
    imp_idx1_q <= pv_label_i;
    imp_idx2_q <= imp_idx1_q;
    imp_idx3_q <= imp_idx2_q;
  end
  wire mul_e = (state_q == PROB && pst_q == P_E) || imp_q[1];
  wire mul_p = (state_q == PROB && pst_q == P_MUL) || imp_q[2];

  wire [IDX_W-1:0] e_raddr = state_q == PROB ? l_idx : pv_raddr_i;
  wire             e_rbank = state_q == PROB ? bank_i : pv_bank_i;
  // The probability pass (trace_i: its block runs alone) masks by its own
  // block's query count, the importance taps by the P.V block's.
  wire [QCNT_W-1:0] p_nq   = state_q == PROB ? nq_i : pv_nq_i;

  // The oldest slot is the key whose exponential leaves the unit.
  wire [TAG_W-1:0]   w_tag = tags_q[(LAT-1)*TAG_W +: TAG_W];
  wire [IDX_W-1:0]   w_idx = w_tag[IDX_W-1:0];
  wire [PLANE_W-1:0] w_vp  = w_tag[TAG_W-1:IDX_W];
  localparam [31:0]  DIGIT_U = DIGIT;
  wire [31:0]        vbits = {{(32 - PLANE_W){1'b0}}, w_vp} * DIGIT_U;
  wire               w_mid = MID != 0 && vbits != 32'd0 && vbits < 32'd8;

  genvar c;
  generate
    for (c = 0; c < COLS; c = c + 1) begin : g_col
      localparam [QCNT_W-1:0] C = c;
      reg  [S_W-1:0]    x_q;
      reg               xv_q;
      wire [7:0]        e, e_rd;
      reg  [ESUM_W-1:0] esum_q;
      reg  [C_W-1:0]    csum_q;
      wire [K_W-1:0]    k;
      wire [16:0]       r;
      wire              r_ready;
      reg  [24:0]       pm_q;
      reg  [15:0]       p_q;

      // ---- M, taken at start (the score stage starts the next block's
      // maxima meanwhile): under COMP the larger of the maximum and S_z,
      // which is kept too
      reg  [S_W-1:0] m_q;
      wire [S_W-1:0] m = m_q;
      wire [S_W-1:0] sz;
      if (COMP != 0) begin : g_m
        reg [S_W-1:0] sz_q;
        wire          zbig = !any_i || $signed(sz_i[c*S_W +: S_W]) > $signed(max_i[c*S_W +: S_W]);
        always @(posedge clk_i) begin
          if (begin_pass) begin
            m_q  <= zon && zbig ? sz_i[c*S_W +: S_W] : max_i[c*S_W +: S_W];
            sz_q <= sz_i[c*S_W +: S_W];
          end
        end
        assign sz = sz_q;
      end else begin : g_max
        always @(posedge clk_i) begin
          if (begin_pass) begin
            m_q <= max_i[c*S_W +: S_W];
          end
        end
        assign sz = {S_W{1'b0}};
        wire unused_sz = ^sz_i[c*S_W +: S_W];
      end

      // ---- x = M - S, registered (the one wide subtract)
      always @(posedge clk_i or negedge rst_ni) begin
        if (!rst_ni) begin
          x_q  <= {S_W{1'b0}};
          xv_q <= 1'b0;
        end else begin
          x_q  <= m - (zi_q ? sz : s_rdata_i[c*S_W +: S_W]);
          xv_q <= vpipe_q[1] || zi_q;
        end
      end

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
        .es_i    (es_i),
        .valid_o (e_valid[c]),
        .e_o     (e)
      );

      // ---- e_z and c * e_z (ESUM_W holds it: c <= MAX_SEQ)
      reg [7:0]        ez_q;
      reg [ESUM_W-1:0] zprod_q;
      always @(posedge clk_i or negedge rst_ni) begin
        if (!rst_ni) begin
          ez_q    <= 8'd0;
          zprod_q <= {ESUM_W{1'b0}};
        end else if (begin_pass) begin
          ez_q    <= 8'd0;
        end else if (zf_q[ZE]) begin
          ez_q    <= e;
          zprod_q <= {{(ESUM_W - 8){1'b0}}, e} * {{(ESUM_W - KCNT_W){1'b0}}, zc_i};
        end
      end

      wire           e_key = e_valid[c] && !zf_q[ZE];
      wire [C_W-1:0] e_ext = {{(C_W - 8){1'b0}}, e};
      always @(posedge clk_i or negedge rst_ni) begin
        if (!rst_ni) begin
          esum_q <= {ESUM_W{1'b0}};
          csum_q <= {C_W{1'b0}};
        end else if (begin_pass) begin
          esum_q <= {ESUM_W{1'b0}};
          csum_q <= {C_W{1'b0}};
        end else if (zf_q[ZE+1]) begin
          esum_q <= esum_q + zprod_q;
        end else if (e_key) begin
          esum_q <= esum_q + {{(ESUM_W - 8){1'b0}}, e};
          if (w_mid) begin
            csum_q <= csum_q + (e_ext << (32'd7 - vbits));
          end
        end
      end

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

      vssa_recip #(
        .SUM_W     (ESUM_W),
        .K_W       (K_W),
        .G_MUL_LAT (G_MUL_LAT),
        .RECIP_LAT (RECIP_LAT)
      ) u_recip (
        .clk_i   (clk_i),
        .rst_ni  (rst_ni),
        .start_i (exp_end),
        .esum_i  (esum_q),
        .os_i    (os_i),
        .ready_o (r_ready),
        .done_o  (r_done[c]),
        .k_o     (k),
        .r_o     (r),
        .g_o     (g_o[c*24 +: 24])
      );

      // ---- r and k of each bank's block: the importance taps of a block in
      // P.V use its own while the next block's reciprocal is computed
      reg  [16:0]    rb_q [0:1];
      reg  [K_W-1:0] kb_q [0:1];
      always @(posedge clk_i) begin
        if (r_done[c]) begin
          rb_q[bank_i] <= r;
          kb_q[bank_i] <= k;
        end
      end
      wire [16:0]    r_use = rb_q[e_rbank];
      wire [K_W-1:0] k_use = kb_q[e_rbank];

      // ---- probability: multiply, then shift by k - 1 (k >= 8 when used)
      wire [K_W-1:0] ksh   = k_use == {K_W{1'b0}} ? {K_W{1'b0}} : k_use - 1'b1;
      wire [24:0]    pshr  = pm_q >> ksh;
      always @(posedge clk_i) begin
        if (mul_e) begin
          pm_q <= {17'd0, e_rd} * {8'd0, r_use};
        end
        if (mul_p) begin
          p_q <= C < p_nq ? pshr[15:0] : 16'd0;
        end
      end

      // r_ready is implied by the pass order; P never exceeds 16 bits.
      wire unused = r_ready ^ (|pshr[24:16]);

      assign e_o[c*8 +: 8]          = e_rd;
      assign ez_o[c*8 +: 8]         = ez_q;
      assign k_o[c*K_W +: K_W]      = k;
      assign c_o[c*C_W +: C_W]      = csum_q;
      assign out_probs_o[c*16 +: 16] = p_q;
    end
  endgenerate

  assign klist_raddr_o = i_q[IDX_W-1:0];
  assign s_raddr_o     = l_idx;
  assign out_valid_o   = pout_q;
  assign out_key_o     = pkey_q;
  assign done_o        = state_q == DONE;
  assign imp_valid_o   = imp_q[3];
  assign imp_idx_o     = imp_idx3_q;
  assign imp_p_o       = out_probs_o;

  // Without COMP the row flag only selects M, which is then the maximum.
  wire unused_any = any_i;
endmodule
