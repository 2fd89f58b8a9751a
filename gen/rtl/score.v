// SPDX-License-Identifier: MIT
// Score stage: takes the Q.K^T rows of a block from the drain, adds the
// midpoint term of section 7 (Qsum_c * 2^(7-p) for a key of 0 < p < 8 bits,
// under --round mid), writes each column's scores into its score RAM at the
// key's arrival slot and keeps each column's running maximum; the key's
// index only labels its trace beat. With trace_i high it
// also offers every corrected row as an output beat; the rows then wait for
// the output stream. Qsum_c, the sum of column c's query elements, is taken
// from the operands of the block's first plane sweep. Under COMP the same
// operands give each column the virtual key's score S_z = sum_t q_t * kbar_t
// (section 15; kbar_i is element t of the sweep): a multiply, then the add a
// cycle later.
// Pipeline: A (row and midpoint term registered), B (the add), then the RAM
// write and the maximum, one cycle after a row enters B.
module vssa_score #(
  parameter integer COLS       = 4,
  parameter integer ACC_W      = 22,
  parameter integer S_W        = 20,
  parameter integer QS_W       = 13,
  parameter integer DIGIT      = 4,
  parameter integer PLANE_W    = 2,
  parameter integer IDX_W      = 6,
  parameter integer MAX_SEQ    = 64,
  parameter integer MID        = 1,
  parameter integer COMP       = 0
) (
  input  wire                  clk_i,
  input  wire                  rst_ni,
  input  wire                  start_i,     // a block starts: clear Qsum and the maxima
  input  wire                  bank_i,      // the block's score bank (held from start_i)
  input  wire                  trace_i,
  // stage-3 query elements of the first plane sweep
  input  wire                  sweep_i,
  input  wire [COLS*8-1:0]     q_i,
  input  wire [7:0]            kbar_i,
  // rows from the drain: {last, empty, qbase, key, planes, sums}
  input  wire                  valid_i,
  output wire                  ready_o,
  input  wire                  last_i,
  input  wire                  empty_i,
  input  wire [2*IDX_W-1:0]    key_i,       // {index, slot}
  input  wire [PLANE_W-1:0]    planes_i,
  input  wire [COLS*ACC_W-1:0] sums_i,
  // trace beats
  output wire                  out_valid_o,
  input  wire                  out_ready_i,
  output wire [IDX_W-1:0]      out_key_o,
  output wire [COLS*S_W-1:0]   out_scores_o,
  // to the softmax
  output wire                  done_o,      // the block's last row is written and
                                            // its trace beat taken
  output wire [COLS*S_W-1:0]   max_o,
  output wire                  any_o,       // the block wrote a score row
  output wire [COLS*S_W-1:0]   sz_o,        // S_z of every column (COMP)
  input  wire                  rbank_i,     // the bank the softmax reads
  input  wire [IDX_W-1:0]      raddr_i,
  output wire [COLS*S_W-1:0]   rdata_o
);
  // Parameter checks, at elaboration: an inconsistent instance stops the
  // simulation at time 0, and Yosys refuses it.
  initial begin
    if (!(COLS >= 1 && S_W >= 16 && ACC_W >= S_W && QS_W >= 9 && ACC_W >= QS_W &&
          (DIGIT == 1 || DIGIT == 2 || DIGIT == 4 || DIGIT == 8) && PLANE_W >= 1 &&
          MAX_SEQ >= 1 && (1 << IDX_W) >= MAX_SEQ && (MID == 0 || MID == 1) &&
          (COMP == 0 || COMP == 1))) begin
      $display("ERROR: %m: parameters: need S_W >= 16, ACC_W >= S_W, 9 <= QS_W <= ACC_W, DIGIT 1, 2, 4 or 8, 2^IDX_W >= MAX_SEQ, MID and COMP 0 or 1");
      $finish;
    end
  end

  reg                a_valid_q, a_last_q, a_empty_q;
  reg [2*IDX_W-1:0]  a_key_q;
  reg                b_valid_q, b_last_q, b_empty_q, b_new_q;
  reg [2*IDX_W-1:0]  b_key_q;

  wire b_out = b_valid_q && !b_empty_q && trace_i;
  wire en    = !(b_out && !out_ready_i);

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      a_valid_q <= 1'b0;
      b_valid_q <= 1'b0;
      b_new_q   <= 1'b0;
    end else begin
      if (en) begin
        a_valid_q <= valid_i;
        b_valid_q <= a_valid_q;
      end
      b_new_q <= en && a_valid_q;
    end
  end

  always @(posedge clk_i) begin
    if (en) begin
      a_last_q  <= last_i;
      a_empty_q <= empty_i;
      a_key_q   <= key_i;
      b_last_q  <= a_last_q;
      b_empty_q <= a_empty_q;
      b_key_q   <= a_key_q;
    end
  end

  localparam [31:0] DIGIT_U = DIGIT;
  // The score RAMs are distributed RAM up to 128 words a bank pair (64 keys).
  localparam integer SRAM_LUT = (1 << IDX_W) + MAX_SEQ <= 128 ? 1 : 0;

  reg any_q, sweep1_q;
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      any_q    <= 1'b0;
      sweep1_q <= 1'b0;
    end else begin
      sweep1_q <= sweep_i;
      if (start_i) begin
        any_q <= 1'b0;
      end else if (b_new_q && !b_empty_q) begin
        any_q <= 1'b1;
      end
    end
  end

  genvar c;
  generate
    for (c = 0; c < COLS; c = c + 1) begin : g_col
      reg signed [QS_W-1:0] qsum_q;
      reg [ACC_W-1:0]       a_sum_q, a_mid_q;
      reg [S_W-1:0]         b_s_q, max_q;
      wire signed [7:0]     q = $signed(q_i[c*8 +: 8]);
      wire [ACC_W-1:0]      qsum_ext = {{(ACC_W - QS_W){qsum_q[QS_W-1]}}, qsum_q};
      // 7 - p for a key of p = planes * DIGIT bits; no term at 8 bits.
      wire [31:0]           bits = {{(32 - PLANE_W){1'b0}}, planes_i} * DIGIT_U;
      wire [ACC_W-1:0]      mid  = MID != 0 && bits < 32'd8 ? qsum_ext << (32'd7 - bits)
                                                            : {ACC_W{1'b0}};
      wire [ACC_W-1:0]      s    = a_sum_q + a_mid_q;

      always @(posedge clk_i or negedge rst_ni) begin
        if (!rst_ni) begin
          qsum_q <= {QS_W{1'b0}};
        end else if (start_i) begin
          qsum_q <= {QS_W{1'b0}};
        end else if (sweep_i) begin
          qsum_q <= qsum_q + $signed({{(QS_W - 8){q[7]}}, q});
        end
      end

      always @(posedge clk_i) begin
        if (en) begin
          a_sum_q <= sums_i[c*ACC_W +: ACC_W];
          a_mid_q <= mid;
          b_s_q   <= s[S_W-1:0];
        end
      end

      // The maximum restarts with the block's first row.
      reg first_q;
      always @(posedge clk_i or negedge rst_ni) begin
        if (!rst_ni) begin
          first_q <= 1'b1;
          max_q   <= {S_W{1'b0}};
        end else if (start_i) begin
          first_q <= 1'b1;
        end else if (b_new_q && !b_empty_q) begin
          first_q <= 1'b0;
          if (first_q || $signed(b_s_q) > $signed(max_q)) begin
            max_q <= b_s_q;
          end
        end
      end

      // Two banks, {bank, slot}: a block's softmax reads one while the next
      // block's Q.K^T writes the other. The softmax selects a member's score
      // from the read data in the same cycle, so a small RAM (SRAM_LUT) is
      // LUT RAM with its read register in the fabric.
      vssa_ram #(
        .WIDTH  (S_W),
        .DEPTH  ((1 << IDX_W) + MAX_SEQ),
        .ADDR_W (IDX_W + 1),
        .LUTRAM (SRAM_LUT)
      ) u_scores (
        .clk_i   (clk_i),
        .we_i    (b_new_q && !b_empty_q),
        .waddr_i ({bank_i, b_key_q[IDX_W-1:0]}),
        .wdata_i (b_s_q),
        .raddr_i ({rbank_i, raddr_i}),
        .rdata_o (rdata_o[c*S_W +: S_W])
      );

      if (COMP != 0) begin : g_comp
        reg signed [15:0] zp_q;
        reg [S_W-1:0]     sz_q;
        wire [S_W-1:0]    zp_ext = {{(S_W - 15){zp_q[15]}}, zp_q[14:0]};   // S_W >= 16
        always @(posedge clk_i) begin
          if (sweep_i) begin
            zp_q <= q * $signed(kbar_i);
          end
        end
        always @(posedge clk_i or negedge rst_ni) begin
          if (!rst_ni) begin
            sz_q <= {S_W{1'b0}};
          end else if (start_i) begin
            sz_q <= {S_W{1'b0}};
          end else if (sweep1_q) begin
            sz_q <= sz_q + zp_ext;
          end
        end
        assign sz_o[c*S_W +: S_W] = sz_q;
      end else begin : g_no_comp
        assign sz_o[c*S_W +: S_W] = {S_W{1'b0}};
      end

      // Above S_W bits the corrected sum only repeats its sign.
      if (ACC_W > S_W) begin : g_unused
        wire unused = ^s[ACC_W-1:S_W];
      end

      assign out_scores_o[c*S_W +: S_W] = b_s_q;
      assign max_o[c*S_W +: S_W]        = max_q;
    end
  endgenerate

  reg done_q;
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      done_q <= 1'b0;
    end else begin
      done_q <= b_valid_q && b_last_q && en;
    end
  end

  assign ready_o     = en;
  assign out_valid_o = b_out;
  assign out_key_o   = b_key_q[2*IDX_W-1:IDX_W];
  assign done_o      = done_q;
  assign any_o       = any_q;

  // Without COMP the virtual key's element is not used.
  wire unused_kbar = ^{kbar_i, sweep1_q};
endmodule
