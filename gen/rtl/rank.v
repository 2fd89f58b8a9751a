// SPDX-License-Identifier: MIT
// Ranking of the importance counters into classes (golden/vssa.h sections 5
// and 14): for each cut c, its cut point from the per-mille ratios, then the
// threshold T_c and take count by a radix-16 search, one pass over the n
// counters per digit, most significant first; then one class pass in index
// order writes every token's class. No comparator grows with n: each pass
// keeps a 16-bin histogram per cut.
//
// Cycles from start_i to done_o, for n tokens without back-pressure:
// NCUT * (X_W + RANK_CUT_LAT) for the cut points, DIGITS * (n + RD + 19)
// for the passes and n + RD + 3 for the class pass, X_W = CNT_W + 10 and
// RD = IMP_RD_LAT; with n = 0 a pass takes 18 and the class pass 2
// (golden/plan.c, vssa_rank_cycles). The counters are read through a port
// whose data comes IMP_RD_LAT cycles after the address (2: gen/rtl/imp.v
// registers its RAM's output). With trace_i the class pass
// offers each token as a beat (index, class, counter) and waits while
// out_ready_i is low. n_i, ratio_i and trace_i are taken at start_i.
// A cumulative ratio above 1000 counts as 1000.
module vssa_rank #(
  parameter integer IMP_W = 32,
  parameter integer IDX_W = 6,     // token index width
  parameter integer CNT_W = 7,     // holds 0 .. MAX_SEQ
  parameter integer NCUT  = 2,     // classes - 1
  parameter integer CLS_W = 2,     // holds 0 .. NCUT
  // latencies (golden/arch.c): the counter port's read, address to data;
  // a cut point's steps besides its quotient bits
  parameter integer IMP_RD_LAT   = 2,
  parameter integer RANK_CUT_LAT = 5
) (
  input  wire              clk_i,
  input  wire              rst_ni,
  input  wire              start_i,
  input  wire [CNT_W-1:0]  n_i,          // rank tokens 0 .. n-1
  input  wire [NCUT*10-1:0] ratio_i,     // class c's per mille at [10c +: 10]
  input  wire              trace_i,
  // counter read port (data IMP_RD_LAT cycles after the address)
  output wire [IDX_W-1:0]  imp_raddr_o,
  input  wire [IMP_W-1:0]  imp_rdata_i,
  // class writes
  output wire              cls_we_o,
  output wire [IDX_W-1:0]  cls_waddr_o,
  output wire [CLS_W-1:0]  cls_wdata_o,
  // token beats (trace)
  output wire              out_valid_o,
  input  wire              out_ready_i,
  output wire [IDX_W-1:0]  out_idx_o,
  output wire [CLS_W-1:0]  out_cls_o,
  output wire [IMP_W-1:0]  out_imp_o,
  output wire              busy_o,
  output wire              done_o
);
  // Parameter checks, at elaboration: an inconsistent instance stops the
  // simulation at time 0, and Yosys refuses it.
  initial begin
    if (!(IMP_W >= 16 && IMP_W <= 64 && IDX_W >= 1 && CNT_W >= IDX_W && NCUT >= 1 &&
          (1 << CLS_W) > NCUT && IMP_RD_LAT >= 2 && RANK_CUT_LAT == 5)) begin
      $display("ERROR: %m: parameters: need 16 <= IMP_W <= 64, CNT_W >= IDX_W, NCUT >= 1, 2^CLS_W > NCUT, IMP_RD_LAT >= 2, RANK_CUT_LAT = 5");
      $finish;
    end
  end

  // Every path holds at most one multiply or one wide add (the cut point's
  // add, clamp, multiply and rounding add are four cycles apart; a scanned
  // counter is compared against T_c a cycle before its histogram bin counts
  // it; the pick reads its bin a cycle ahead; a class-pass token is compared
  // against every T_c before it is queued for presentation).
  localparam integer RD_LAT = IMP_RD_LAT;  // imp_raddr_o to imp_rdata_i
  localparam integer DEPTH  = RD_LAT + 2;  // class-pass tokens in flight: one a cycle
  localparam integer DIGITS = (IMP_W + 3) / 4;
  localparam integer DIG_W  = 4 * DIGITS;
  localparam integer X_W    = CNT_W + 10;    // n * 1000 + 500 < 2^X_W
  localparam integer P_W    = DIGITS > 1 ? $clog2(DIGITS) : 1;
  localparam integer CI_W   = NCUT > 1 ? $clog2(NCUT) : 1;
  localparam integer CS_W   = $clog2(X_W + RANK_CUT_LAT);
  localparam integer E_W    = IMP_W + 2 * NCUT;   // queued token: counter, gt, eq
  localparam integer PT_W   = $clog2(DEPTH);
  localparam integer FN_W   = $clog2(DEPTH + 1);
  localparam integer  TOP_P     = DIGITS - 1;
  localparam integer  LAST_C    = NCUT - 1;
  localparam integer  CS_E      = X_W + RANK_CUT_LAT - 1;
  localparam integer  LAST_PT   = DEPTH - 1;
  // Cut steps: 0 add, 1 clamp, 2 multiply, 3 add 500, 4 .. X_W + 3 one
  // quotient bit each, X_W + 4 store.
  localparam [CS_W-1:0] CS_ADD  = 0, CS_CLAMP = 1, CS_MUL = 2, CS_RND = 3;
  localparam [CS_W-1:0] CS_END  = CS_E[CS_W-1:0];
  localparam [P_W-1:0] TOP_PASS = TOP_P[P_W-1:0];
  localparam [CI_W-1:0] LAST_CUT = LAST_C[CI_W-1:0];
  localparam [PT_W-1:0] PT_LAST = LAST_PT[PT_W-1:0];
  localparam [FN_W-1:0] FN_FULL = DEPTH[FN_W-1:0];

  localparam [2:0] IDLE = 3'd0, CUT = 3'd1, CLR = 3'd2, SCAN = 3'd3, PICK = 3'd4,
                   CLS = 3'd5, DONE = 3'd6;

  reg  [2:0]        state_q;
  reg  [CNT_W-1:0]  n_q, j_q;
  reg               trace_q;
  reg  [NCUT*10-1:0] ratio_q;        // the next cut's per mille at [9:0]
  reg  [CI_W-1:0]   ci_q;            // cut being computed
  reg  [CS_W-1:0]   cs_q;            // its step
  reg  [11:0]       sadd_q;          // S + r, before the clamp
  reg  [X_W-1:0]    x_q, q_q;
  reg  [10:0]       rem_q;
  reg  [10:0]       sum_q;           // cumulative per mille, clamped at 1000
  reg  [P_W-1:0]    pass_q;
  reg  [3:0]        bin_q;
  reg  [DIG_W-1:0]  hi_mask_q;       // bits above the digit of this pass
  wire [RD_LAT:0]   sv_q;            // sv_q[i]: a scan read issued i + 1 cycles ago
  reg  [NCUT-1:0]   match_q;         // the compared counter's higher digits are T_c's
  reg  [3:0]        digit_q;         // ... and its digit of this pass
  wire [RD_LAT-1:0] cv_q;            // cv_q[i]: a class-pass read issued i + 1 cycles ago
  reg  [FN_W-1:0]   cnt_q;           // class-pass tokens read and not yet taken
  reg  [E_W-1:0]    f_q [0:DEPTH-1]; // ... the compared ones, queued in index order
  reg  [PT_W-1:0]   wp_q, rp_q;
  reg  [FN_W-1:0]   fn_q;
  reg  [IDX_W-1:0]  pidx_q;          // index of the presented token

  wire [DIG_W-1:0]  rdata = {{(DIG_W - IMP_W){1'b0}}, imp_rdata_i};
  // Digit d of the mask is set when d is above this pass's digit. Here and
  // below, digits are selected by constant offsets: a computed offset would
  // become an adder or a multiplier in front of the select.
  reg  [DIG_W-1:0]  hi_mask;
  integer d;
  always @* begin
    for (d = 0; d < DIGITS; d = d + 1) begin
      hi_mask[4*d +: 4] = $unsigned(d) > {{(32 - P_W){1'b0}}, pass_q} ? 4'hf : 4'h0;
    end
  end
  wire              scan_more = j_q != n_q;
  wire              iss_c = state_q == CLS && j_q != n_q && cnt_q != FN_FULL;
  wire [E_W-1:0]    head = f_q[rp_q];
  wire              fv = fn_q != {FN_W{1'b0}};
  wire              accept = state_q == CLS && fv && (!trace_q || out_ready_i);
  wire              cls_end = state_q == CLS && j_q == n_q && cnt_q == {FN_W{1'b0}};

  // ---- cut points: x = n * S + 500, then q = x / 1000 bit by bit
  wire [11:0] rem_sh = {rem_q, x_q[X_W-1]};
  wire [12:0] rem_d  = {1'b0, rem_sh} - 13'd1000;
  wire        rem_ge = !rem_d[12];

  // ---- per-cut search state
  // Cut c's fields at [c*DIG_W +: DIG_W] and [c*CNT_W +: CNT_W].
  reg  [NCUT*DIG_W-1:0] t_q;          // T_c, built a digit a pass
  reg  [NCUT*CNT_W-1:0] k_q;          // rank still to find; then ties still to take
  reg  [NCUT*CNT_W-1:0] cut_q;
  reg  [NCUT*CNT_W-1:0] bc_q;         // the bin the pick looks at, read a cycle ahead
  reg  [NCUT-1:0]  picked_q;

  // n * sum in a register of its own, from registers of its own, so the
  // multiplier (a DSP) has flip-flops on both sides and nothing else in its
  // path: nm_q follows n_q, which holds from the start; sum_q holds from the
  // clamp step; prod_q is read in the step after CS_MUL.
  reg  [CNT_W-1:0] nm_q;
  reg  [X_W-1:0]   prod_q;
  always @(posedge clk_i) begin
    nm_q   <= n_q;
    prod_q <= {{(X_W - CNT_W){1'b0}}, nm_q} * {{(X_W - 11){1'b0}}, sum_q};
  end

  integer c;
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q <= IDLE;
      n_q     <= {CNT_W{1'b0}};
      j_q     <= {CNT_W{1'b0}};
      trace_q <= 1'b0;
      ratio_q <= {(NCUT * 10){1'b0}};
      ci_q    <= {CI_W{1'b0}};
      cs_q    <= {CS_W{1'b0}};
      sadd_q  <= 12'd0;
      x_q     <= {X_W{1'b0}};
      q_q     <= {X_W{1'b0}};
      rem_q   <= 11'd0;
      sum_q   <= 11'd0;
      pass_q  <= {P_W{1'b0}};
      bin_q   <= 4'd0;
      hi_mask_q <= {DIG_W{1'b0}};
      pidx_q  <= {IDX_W{1'b0}};
    end else begin
      case (state_q)
        IDLE: if (start_i) begin
          state_q <= CUT;
          n_q     <= n_i;
          trace_q <= trace_i;
          ratio_q <= ratio_i;
          ci_q    <= {CI_W{1'b0}};
          cs_q    <= CS_ADD;
          sum_q   <= 11'd0;
        end
        CUT: begin
          cs_q <= cs_q + 1'b1;
          if (cs_q == CS_ADD) begin
            sadd_q <= {1'b0, sum_q} + {2'b0, ratio_q[9:0]};
          end else if (cs_q == CS_CLAMP) begin
            sum_q  <= sadd_q > 12'd1000 ? 11'd1000 : sadd_q[10:0];
          end else if (cs_q == CS_MUL) begin
            // prod_q takes n * sum in this step
          end else if (cs_q == CS_RND) begin
            x_q    <= prod_q + {{(X_W - 9){1'b0}}, 9'd500};
            rem_q  <= 11'd0;
            q_q    <= {X_W{1'b0}};
          end else if (cs_q != CS_END) begin
            rem_q  <= rem_ge ? rem_d[10:0] : rem_sh[10:0];
            q_q    <= {q_q[X_W-2:0], rem_ge};
            x_q    <= {x_q[X_W-2:0], 1'b0};
          end else begin
            cs_q    <= CS_ADD;
            ratio_q <= ratio_q >> 10;
            if (ci_q == LAST_CUT) begin
              state_q <= CLR;
              pass_q  <= TOP_PASS;
            end else begin
              ci_q <= ci_q + 1'b1;
            end
          end
        end
        CLR: begin
          state_q   <= SCAN;
          j_q       <= {CNT_W{1'b0}};
          hi_mask_q <= hi_mask;
        end
        SCAN: begin
          if (scan_more) begin
            j_q <= j_q + 1'b1;
          end else if (sv_q == {(RD_LAT + 1){1'b0}}) begin
            state_q <= PICK;
            bin_q   <= 4'd15;
          end
        end
        PICK: begin
          bin_q <= bin_q - 1'b1;
          if (bin_q == 4'd0) begin
            if (pass_q == 0) begin
              state_q <= CLS;
              j_q     <= {CNT_W{1'b0}};
              pidx_q  <= {IDX_W{1'b0}};
            end else begin
              state_q <= CLR;
              pass_q  <= pass_q - 1'b1;
            end
          end
        end
        CLS: begin
          if (iss_c) begin
            j_q <= j_q + 1'b1;
          end
          if (accept) begin
            pidx_q <= pidx_q + 1'b1;
          end
          if (cls_end) begin
            state_q <= DONE;
          end
        end
        default: state_q <= IDLE;   // DONE: one cycle
      endcase
    end
  end

  // ---- scan: compare each counter's higher digits with T_c's and take its
  // digit, then count it in its bin of every cut it matches.
  vssa_delay #(.WIDTH(1), .DEPTH(RD_LAT + 1), .RESET(1)) u_scan_line (
    .clk_i(clk_i), .rst_ni(rst_ni), .d_i(state_q == SCAN && scan_more), .taps_o(sv_q)
  );
  always @(posedge clk_i) begin
    for (c = 0; c < NCUT; c = c + 1) begin
      match_q[c] <= ((rdata ^ t_q[c*DIG_W +: DIG_W]) & hi_mask_q) == {DIG_W{1'b0}};
    end
    digit_q <= rdata[{pass_q, 2'b00} +: 4];
  end

  reg  [NCUT*16*CNT_W-1:0] hist_q;    // bin b of cut c at [(16c+b)*CNT_W +: CNT_W]
  integer h;
  always @(posedge clk_i) begin
    for (h = 0; h < NCUT * 16; h = h + 1) begin
      if (state_q == CLR) begin
        hist_q[h*CNT_W +: CNT_W] <= {CNT_W{1'b0}};
      end else if (sv_q[RD_LAT] && h[3:0] == digit_q && match_q[h / 16]) begin
        hist_q[h*CNT_W +: CNT_W] <= hist_q[h*CNT_W +: CNT_W] + 1'b1;
      end
    end
  end

  // The bin the pick looks at next, for every cut: bin 15 in the scan's
  // last cycle (every count is in), then the one below the current bin
  // (bin_rd_q, a register so that no decrement precedes the select).
  reg  [3:0] bin_rd_q;
  integer g, bb;
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      bin_rd_q <= 4'd15;
    end else if (state_q == PICK && bin_q != 4'd0) begin
      bin_rd_q <= bin_rd_q - 1'b1;
    end else if (state_q == SCAN && !scan_more && sv_q == {(RD_LAT + 1){1'b0}}) begin
      bin_rd_q <= 4'd14;
    end else begin
      bin_rd_q <= 4'd15;
    end
  end
  wire [3:0] bin_rd = bin_rd_q;
  always @(posedge clk_i) begin
    for (g = 0; g < NCUT; g = g + 1) begin
      for (bb = 0; bb < 16; bb = bb + 1) begin
        if ({28'd0, bin_rd} == $unsigned(bb)) begin
          bc_q[g*CNT_W +: CNT_W] <= hist_q[(16 * g + bb) * CNT_W +: CNT_W];
        end
      end
    end
  end

  // ---- class pass: reads issued while fewer than DEPTH tokens are in
  // flight; each compared against every T_c as it arrives, queued, and
  // presented from the head of the queue.
  vssa_delay #(.WIDTH(1), .DEPTH(RD_LAT), .RESET(1)) u_class_line (
    .clk_i(clk_i), .rst_ni(rst_ni), .d_i(iss_c), .taps_o(cv_q)
  );
  wire              push = cv_q[RD_LAT-1];
  reg  [E_W-1:0]    entry;
  integer e;
  always @* begin
    entry[IMP_W-1:0] = imp_rdata_i;
    for (e = 0; e < NCUT; e = e + 1) begin
      entry[IMP_W + e]        = rdata > t_q[e*DIG_W +: DIG_W];
      entry[IMP_W + NCUT + e] = rdata == t_q[e*DIG_W +: DIG_W];
    end
  end
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      cnt_q <= {FN_W{1'b0}};
      wp_q  <= {PT_W{1'b0}};
      rp_q  <= {PT_W{1'b0}};
      fn_q  <= {FN_W{1'b0}};
    end else begin
      cnt_q <= cnt_q + {{(FN_W - 1){1'b0}}, iss_c} - {{(FN_W - 1){1'b0}}, accept};
      fn_q  <= fn_q + {{(FN_W - 1){1'b0}}, push} - {{(FN_W - 1){1'b0}}, accept};
      if (push) begin
        wp_q <= wp_q == PT_LAST ? {PT_W{1'b0}} : wp_q + 1'b1;
      end
      if (accept) begin
        rp_q <= rp_q == PT_LAST ? {PT_W{1'b0}} : rp_q + 1'b1;
      end
    end
  end
  always @(posedge clk_i) begin
    if (push) begin
      f_q[wp_q] <= entry;
    end
  end

  // Cut points, the search's digits, and in the class pass the ties each
  // cut may still take.
  integer dd;
  wire [CNT_W-1:0] q_cut = q_q[X_W-1:CNT_W] != {(X_W - CNT_W){1'b0}} || q_q[CNT_W-1:0] > n_q
                           ? n_q : q_q[CNT_W-1:0];
  always @(posedge clk_i) begin
    for (c = 0; c < NCUT; c = c + 1) begin
      if (state_q == CUT && cs_q == CS_END && {{(32 - CI_W){1'b0}}, ci_q} == $unsigned(c)) begin
        cut_q[c*CNT_W +: CNT_W] <= q_cut;
        k_q[c*CNT_W +: CNT_W]   <= q_cut;
        t_q[c*DIG_W +: DIG_W]   <= {DIG_W{1'b0}};
      end
      if (state_q == CLR) begin
        picked_q[c] <= 1'b0;
      end
      if (state_q == PICK && !picked_q[c]) begin
        if (bc_q[c*CNT_W +: CNT_W] >= k_q[c*CNT_W +: CNT_W] || bin_q == 4'd0) begin
          picked_q[c]                       <= 1'b1;
          for (dd = 0; dd < DIGITS; dd = dd + 1) begin
            if ({{(32 - P_W){1'b0}}, pass_q} == $unsigned(dd)) begin
              t_q[c*DIG_W + 4*dd +: 4] <= bin_q;
            end
          end
        end else begin
          k_q[c*CNT_W +: CNT_W] <= k_q[c*CNT_W +: CNT_W] - bc_q[c*CNT_W +: CNT_W];
        end
      end
      if (accept && head[IMP_W + NCUT + c] && k_q[c*CNT_W +: CNT_W] != {CNT_W{1'b0}}) begin
        k_q[c*CNT_W +: CNT_W] <= k_q[c*CNT_W +: CNT_W] - 1'b1;
      end
    end
  end

  // ---- the class of the presented token: the first cut that holds it
  reg [CLS_W-1:0] cls;
  integer b;
  always @* begin
    cls = NCUT[CLS_W-1:0];
    for (b = NCUT - 1; b >= 0; b = b - 1) begin
      if (cut_q[b*CNT_W +: CNT_W] != {CNT_W{1'b0}} &&
          (head[IMP_W + b] ||
           (head[IMP_W + NCUT + b] && k_q[b*CNT_W +: CNT_W] != {CNT_W{1'b0}}))) begin
        cls = b[CLS_W-1:0];
      end
    end
  end

  // j reaches n, one past the last index, only when no token is read.
  generate
    if (CNT_W > IDX_W) begin : g_hi
      wire unused_hi = ^j_q[CNT_W-1:IDX_W];
    end
  endgenerate
  wire unused = ^{x_q[X_W-1], rem_sh[11], rem_d[11]};

  assign imp_raddr_o = j_q[IDX_W-1:0];
  assign cls_we_o    = accept;
  assign cls_waddr_o = pidx_q;
  assign cls_wdata_o = cls;
  assign out_valid_o = state_q == CLS && fv && trace_q;
  assign out_idx_o   = pidx_q;
  assign out_cls_o   = cls;
  assign out_imp_o   = head[IMP_W-1:0];
  assign busy_o      = state_q != IDLE;
  assign done_o      = state_q == DONE;
endmodule
