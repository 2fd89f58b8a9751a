// Ranking of the importance counters into classes (golden/vssa.h sections 5
// and 14): for each cut c, its cut point from the per-mille ratios, then the
// threshold T_c and take count by a radix-16 search, one pass over the n
// counters per digit, most significant first; then one class pass in index
// order writes every token's class. No comparator grows with n: each pass
// keeps a 16-bin histogram per cut.
//
// Cycles from start_i to done_o, for n tokens without back-pressure:
// NCUT * (X_W + 2) for the cut points, DIGITS * (n + 20) for the passes and
// n + 3 for the class pass, X_W = CNT_W + 10; with n = 0 a pass takes 18
// and the class pass 2 (golden/plan.c, rank_cycles). With trace_i the
// class pass offers each token as a beat (index, class, counter) and waits
// while out_ready_i is low. n_i, ratio_i and trace_i are taken at start_i.
// A cumulative ratio above 1000 counts as 1000.
module vssa_rank #(
  parameter integer IMP_W = 32,
  parameter integer IDX_W = 6,     // token index width
  parameter integer CNT_W = 7,     // holds 0 .. MAX_SEQ
  parameter integer NCUT  = 2,     // classes - 1
  parameter integer CLS_W = 2      // holds 0 .. NCUT
) (
  input  wire              clk_i,
  input  wire              rst_ni,
  input  wire              start_i,
  input  wire [CNT_W-1:0]  n_i,          // rank tokens 0 .. n-1
  input  wire [NCUT*10-1:0] ratio_i,     // class c's per mille at [10c +: 10]
  input  wire              trace_i,
  // counter read port (data one cycle after the address)
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
          (1 << CLS_W) > NCUT)) begin
      $display("ERROR: %m: parameters: need 16 <= IMP_W <= 64, CNT_W >= IDX_W, NCUT >= 1, 2^CLS_W > NCUT");
      $finish;
    end
  end

  localparam integer DIGITS = (IMP_W + 3) / 4;
  localparam integer DIG_W  = 4 * DIGITS;
  localparam integer X_W    = CNT_W + 10;    // n * 1000 + 500 < 2^X_W
  localparam integer P_W    = DIGITS > 1 ? $clog2(DIGITS) : 1;
  localparam integer CI_W   = NCUT > 1 ? $clog2(NCUT) : 1;
  localparam integer  DIV_STEPS = X_W + 1;
  localparam integer  TOP_P     = DIGITS - 1;
  localparam integer  LAST_C    = NCUT - 1;
  localparam [X_W:0]   DIV_END  = DIV_STEPS[X_W:0];   // the step that stores the cut
  localparam [31:0]    CNT_U    = CNT_W;
  localparam [31:0]    DIG_U    = DIG_W;
  localparam [P_W-1:0] TOP_PASS = TOP_P[P_W-1:0];
  localparam [CI_W-1:0] LAST_CUT = LAST_C[CI_W-1:0];

  localparam [2:0] IDLE = 3'd0, CUT = 3'd1, CLR = 3'd2, SCAN = 3'd3, PICK = 3'd4,
                   CLS = 3'd5, DONE = 3'd6;

  reg  [2:0]        state_q;
  reg  [CNT_W-1:0]  n_q, j_q;
  reg               trace_q;
  reg  [NCUT*10-1:0] ratio_q;
  reg  [CI_W-1:0]   ci_q;            // cut being computed
  reg  [X_W:0]      div_q;           // step counter of the division
  reg  [X_W-1:0]    x_q, q_q;
  reg  [10:0]       rem_q;
  reg  [10:0]       sum_q;           // cumulative per mille, clamped at 1000
  reg  [P_W-1:0]    pass_q;
  reg  [3:0]        bin_q;
  reg               sv1_q;           // a read of the scan is in the RAM
  reg               sv2_q;           // ... its data in rd_q
  reg  [DIG_W-1:0]  rd_q;
  reg               cv_q;            // the class pass presents a token

  wire [DIG_W-1:0]  rdata = {{(DIG_W - IMP_W){1'b0}}, imp_rdata_i};
  wire              scan_more = j_q != n_q;
  wire              accept = state_q == CLS && cv_q && (!trace_q || out_ready_i);
  wire              cls_end = state_q == CLS && !cv_q && j_q == n_q;

  // ---- cut points: x = n * S + 500, then q = x / 1000 bit by bit
  wire [9:0]  r_c   = ratio_q[{{(32 - CI_W){1'b0}}, ci_q} * 32'd10 +: 10];
  wire [11:0] s_add = {1'b0, sum_q} + {2'b0, r_c};
  wire [10:0] s_new = s_add > 12'd1000 ? 11'd1000 : s_add[10:0];
  wire [11:0] rem_sh = {rem_q, x_q[X_W-1]};
  wire        rem_ge = rem_sh >= 12'd1000;

  // ---- per-cut search state
  // Cut c's fields at [c*DIG_W +: DIG_W] and [c*CNT_W +: CNT_W].
  reg  [NCUT*DIG_W-1:0] t_q;          // T_c, built a digit a pass
  reg  [NCUT*CNT_W-1:0] k_q;          // rank still to find; then the take count
  reg  [NCUT*CNT_W-1:0] cut_q;
  reg  [NCUT*CNT_W-1:0] tk_q;         // ties at T_c met so far in the class pass
  reg  [NCUT-1:0]  picked_q;

  // Bits above the digit of this pass, and the digit itself, of the data.
  wire [DIG_W-1:0] hi_mask = ~(({{(DIG_W - 1){1'b0}}, 1'b1} << (4 * (pass_q + 1))) - 1'b1);
  wire [3:0]       digit   = rd_q[4 * pass_q +: 4];

  integer c;
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q <= IDLE;
      n_q     <= {CNT_W{1'b0}};
      j_q     <= {CNT_W{1'b0}};
      trace_q <= 1'b0;
      ratio_q <= {(NCUT * 10){1'b0}};
      ci_q    <= {CI_W{1'b0}};
      div_q   <= {(X_W + 1){1'b0}};
      x_q     <= {X_W{1'b0}};
      q_q     <= {X_W{1'b0}};
      rem_q   <= 11'd0;
      sum_q   <= 11'd0;
      pass_q  <= {P_W{1'b0}};
      bin_q   <= 4'd0;
      cv_q    <= 1'b0;
    end else begin
      case (state_q)
        IDLE: if (start_i) begin
          state_q <= CUT;
          n_q     <= n_i;
          trace_q <= trace_i;
          ratio_q <= ratio_i;
          ci_q    <= {CI_W{1'b0}};
          div_q   <= {(X_W + 1){1'b0}};
          sum_q   <= 11'd0;
        end
        CUT: begin
          if (div_q == {(X_W + 1){1'b0}}) begin
            // one multiply: x = n * S + 500
            x_q   <= {{(X_W - CNT_W){1'b0}}, n_q} * {{(X_W - 11){1'b0}}, s_new} +
                     {{(X_W - 9){1'b0}}, 9'd500};
            sum_q <= s_new;
            rem_q <= 11'd0;
            q_q   <= {X_W{1'b0}};
            div_q <= div_q + 1'b1;
          end else if (div_q != DIV_END) begin
            rem_q <= rem_ge ? rem_sh[10:0] - 11'd1000 : rem_sh[10:0];
            q_q   <= {q_q[X_W-2:0], rem_ge};
            x_q   <= {x_q[X_W-2:0], 1'b0};
            div_q <= div_q + 1'b1;
          end else begin
            div_q <= {(X_W + 1){1'b0}};
            if (ci_q == LAST_CUT) begin
              state_q <= CLR;
              pass_q  <= TOP_PASS;
            end else begin
              ci_q <= ci_q + 1'b1;
            end
          end
        end
        CLR: begin
          state_q <= SCAN;
          j_q     <= {CNT_W{1'b0}};
        end
        SCAN: begin
          if (scan_more) begin
            j_q <= j_q + 1'b1;
          end else if (!sv1_q && !sv2_q) begin
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
              cv_q    <= 1'b0;
            end else begin
              state_q <= CLR;
              pass_q  <= pass_q - 1'b1;
            end
          end
        end
        CLS: begin
          // a token is presented the cycle after its read
          if (!cv_q || accept) begin
            cv_q <= j_q != n_q;
            if (j_q != n_q) begin
              j_q <= j_q + 1'b1;
            end
          end
          if (cls_end) begin
            state_q <= DONE;
          end
        end
        default: state_q <= IDLE;   // DONE: one cycle
      endcase
    end
  end

  // The histogram of each cut counts the scanned counters whose higher
  // digits equal T_c's so far.
  reg  [NCUT*16*CNT_W-1:0] hist_q;    // bin b of cut c at [(16c+b)*CNT_W +: CNT_W]
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      sv1_q <= 1'b0;
      sv2_q <= 1'b0;
      rd_q  <= {DIG_W{1'b0}};
    end else begin
      sv1_q <= state_q == SCAN && scan_more;
      sv2_q <= sv1_q;
      rd_q  <= rdata;
    end
  end

  integer h;
  always @(posedge clk_i) begin
    for (h = 0; h < NCUT * 16; h = h + 1) begin
      if (state_q == CLR) begin
        hist_q[h*CNT_W +: CNT_W] <= {CNT_W{1'b0}};
      end else if (sv2_q && h[3:0] == digit &&
                   ((rd_q ^ t_q[(h / 16)*DIG_W +: DIG_W]) & hi_mask) == {DIG_W{1'b0}}) begin
        hist_q[h*CNT_W +: CNT_W] <= hist_q[h*CNT_W +: CNT_W] + 1'b1;
      end
    end
  end

  // The bin the pick looks at, for every cut.
  reg [NCUT*CNT_W-1:0] bin_cnt;
  integer g;
  always @* begin
    for (g = 0; g < NCUT; g = g + 1) begin
      bin_cnt[g*CNT_W +: CNT_W] =
          hist_q[($unsigned(g) * 32'd16 + {28'd0, bin_q}) * CNT_U +: CNT_W];
    end
  end

  // Cut points, the search's digits and the class pass's tie counters.
  wire [CNT_W-1:0] q_cut = q_q[X_W-1:CNT_W] != {(X_W - CNT_W){1'b0}} || q_q[CNT_W-1:0] > n_q
                           ? n_q : q_q[CNT_W-1:0];
  always @(posedge clk_i) begin
    for (c = 0; c < NCUT; c = c + 1) begin
      if (state_q == CUT && div_q == DIV_END && {{(32 - CI_W){1'b0}}, ci_q} == $unsigned(c)) begin
        cut_q[c*CNT_W +: CNT_W] <= q_cut;
        k_q[c*CNT_W +: CNT_W]   <= q_cut;
        t_q[c*DIG_W +: DIG_W]   <= {DIG_W{1'b0}};
      end
      if (state_q == CLR) begin
        picked_q[c] <= 1'b0;
      end
      if (state_q == PICK && !picked_q[c]) begin
        if (bin_cnt[c*CNT_W +: CNT_W] >= k_q[c*CNT_W +: CNT_W] || bin_q == 4'd0) begin
          picked_q[c]                       <= 1'b1;
          t_q[$unsigned(c) * DIG_U + {{(30 - P_W){1'b0}}, pass_q, 2'b00} +: 4] <= bin_q;
        end else begin
          k_q[c*CNT_W +: CNT_W] <= k_q[c*CNT_W +: CNT_W] - bin_cnt[c*CNT_W +: CNT_W];
        end
      end
      if (state_q == PICK && pass_q == 0 && bin_q == 4'd0) begin
        tk_q[c*CNT_W +: CNT_W] <= {CNT_W{1'b0}};
      end
      if (accept && rdata == t_q[c*DIG_W +: DIG_W]) begin
        tk_q[c*CNT_W +: CNT_W] <= tk_q[c*CNT_W +: CNT_W] + 1'b1;
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
          (rdata > t_q[b*DIG_W +: DIG_W] ||
           (rdata == t_q[b*DIG_W +: DIG_W] && tk_q[b*CNT_W +: CNT_W] < k_q[b*CNT_W +: CNT_W]))) begin
        cls = b[CLS_W-1:0];
      end
    end
  end

  // The address holds while a presented token waits, so its data stays.
  wire [CNT_W-1:0] raddr = state_q == CLS ? (accept || !cv_q ? j_q : j_q - 1'b1) : j_q;

  reg [IDX_W-1:0] pidx_q;
  always @(posedge clk_i) begin
    if (state_q == CLS && (!cv_q || accept)) begin
      pidx_q <= j_q[IDX_W-1:0];
    end
  end

  // j reaches n, one past the last index, only when no token is read.
  generate
    if (CNT_W > IDX_W) begin : g_hi
      wire unused_hi = ^raddr[CNT_W-1:IDX_W];
    end
  endgenerate
  wire unused = ^{x_q[X_W-1], rem_sh[11]};

  assign imp_raddr_o = raddr[IDX_W-1:0];
  assign cls_we_o    = accept;
  assign cls_waddr_o = pidx_q;
  assign cls_wdata_o = cls;
  assign out_valid_o = state_q == CLS && cv_q && trace_q;
  assign out_idx_o   = pidx_q;
  assign out_cls_o   = cls;
  assign out_imp_o   = rdata[IMP_W-1:0];
  assign busy_o      = state_q != IDLE;
  assign done_o      = state_q == DONE;
endmodule
