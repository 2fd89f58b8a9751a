// SPDX-License-Identifier: MIT
// Importance counters (golden/vssa.h section 13): one IMP_W-bit counter per
// token index in a RAM. An add brings one token's probabilities, one per
// column; the columns below nq_i are summed by a pipelined adder tree (one
// level a cycle) and the sum is added to the token's counter, saturating at
// 2^IMP_W - 1: read, register the RAM's output, then add and write, two
// cycles after the read; the two writes a read may miss are forwarded, so
// adds to the same counter may come in consecutive cycles. clear_i zeroes
// every counter, one a cycle (MAX_SEQ cycles; busy_o meanwhile, and no add
// or read may come). The read port serves the ranker while no add is in
// flight (idle_o): its data is at rdata_o two cycles after the address, from
// the registered RAM output (IMP_RD_LAT, which gen/rtl/rank.v takes too).
// A token index of MAX_SEQ or more has no counter: its add is ignored.
module vssa_imp #(
  parameter integer COLS    = 4,
  parameter integer IMP_W   = 32,
  parameter integer MAX_SEQ = 64,
  parameter integer IDX_W   = 6,
  parameter integer QCNT_W  = 3,
  parameter integer IMP_RD_LAT = 2   // read latency (golden/arch.c): RAM, output register
) (
  input  wire              clk_i,
  input  wire              rst_ni,
  input  wire              clear_i,
  input  wire              add_i,
  input  wire [IDX_W-1:0]  add_idx_i,
  input  wire [COLS*16-1:0] add_p_i,      // column c's P at [16c +: 16]
  input  wire [QCNT_W-1:0] nq_i,          // columns holding a query
  input  wire [IDX_W-1:0]  raddr_i,
  output wire [IMP_W-1:0]  rdata_o,
  output wire              busy_o,        // clearing
  output wire              idle_o         // no add in flight
);
  // Parameter checks, at elaboration: an inconsistent instance stops the
  // simulation at time 0, and Yosys refuses it.
  initial begin
    if (!(COLS >= 1 && (1 << QCNT_W) > COLS && IMP_W >= 16 && IMP_W <= 64 && MAX_SEQ >= 1 &&
          (1 << IDX_W) >= MAX_SEQ && IMP_RD_LAT == 2)) begin
      $display("ERROR: %m: parameters: need 2^QCNT_W > COLS, 16 <= IMP_W <= 64, 2^IDX_W >= MAX_SEQ, IMP_RD_LAT = 2");
      $finish;
    end
  end

  localparam integer LEVELS = COLS > 1 ? $clog2(COLS) : 0;
  localparam integer SUM_W  = 16 + LEVELS;
  localparam integer NODES  = 1 << LEVELS;
  localparam integer LAST   = MAX_SEQ - 1;
  localparam [IDX_W-1:0] LAST_IDX = LAST[IDX_W-1:0];
  localparam [IMP_W-1:0] TOP      = {IMP_W{1'b1}};
  localparam [IDX_W:0]   NSEQ     = MAX_SEQ[IDX_W:0];
  wire                   add      = add_i && {1'b0, add_idx_i} < NSEQ;

  // ---- adder tree: a complete binary tree of registers, stored as a heap
  // (node i's children are 2i+1 and 2i+2; the leaves are NODES-1 ..
  // 2*NODES-2), so the root holds the sum of the leaves LEVELS cycles later.
  reg [(2*NODES-1)*SUM_W-1:0] tree_q;
  wire [LEVELS:0]             v_q;     // v_q[s]: the add s+1 cycles old
  wire [(LEVELS+1)*IDX_W-1:0] idx_q;

  genvar i;
  generate
    for (i = 0; i < 2 * NODES - 1; i = i + 1) begin : g_node
      if (i >= NODES - 1) begin : g_leaf
        localparam integer    COL = i - (NODES - 1);
        localparam [QCNT_W:0] C   = COL[QCNT_W:0];
        always @(posedge clk_i) begin
          tree_q[i*SUM_W +: SUM_W] <= COL < COLS && C < {1'b0, nq_i} ?
              {{LEVELS{1'b0}}, add_p_i[(COL < COLS ? COL : 0) * 16 +: 16]} : {SUM_W{1'b0}};
        end
      end else begin : g_sum
        always @(posedge clk_i) begin
          tree_q[i*SUM_W +: SUM_W] <= tree_q[(2*i+1)*SUM_W +: SUM_W] +
                                      tree_q[(2*i+2)*SUM_W +: SUM_W];
        end
      end
    end
  endgenerate

  // The add and its index beside the tree, one stage a level plus the
  // leaves' register.
  vssa_delay #(.WIDTH(1), .DEPTH(LEVELS + 1), .RESET(1)) u_v_line (
    .clk_i(clk_i), .rst_ni(rst_ni), .d_i(add), .taps_o(v_q)
  );
  vssa_delay #(.WIDTH(IDX_W), .DEPTH(LEVELS + 1), .RESET(0)) u_idx_line (
    .clk_i(clk_i), .rst_ni(rst_ni), .d_i(add_idx_i), .taps_o(idx_q)
  );

  // ---- read, register the RAM's output, then add and write. An add whose
  // counter is read in cycle t adds in t + 2; the two writes it may miss
  // (those made at the ends of t and t + 1: the RAM returns the old word
  // when it reads the word being written) are forwarded, the newer first.
  // The hits are decided a cycle early, from registered indices, so the add
  // path is register, three-way select, add, saturate, register.
  wire             rd_v   = v_q[LEVELS];
  wire [IDX_W-1:0] rd_idx = idx_q[LEVELS*IDX_W +: IDX_W];
  generate
    if (LEVELS > 0) begin : g_unused_taps
      wire unused_taps = ^idx_q[LEVELS*IDX_W-1:0];   // only the last stage is read
    end
  endgenerate
  reg              s1_q;                 // the add whose counter the RAM reads
  reg [IDX_W-1:0]  s1_idx_q;
  reg [SUM_W-1:0]  s1_sum_q;
  reg              wb_q;                 // the add whose counter is in rd_q
  reg [IDX_W-1:0]  wb_idx_q;
  reg [SUM_W-1:0]  wb_sum_q;
  reg              hit1_q, hit2_q;       // its counter was written 1 / 2 cycles ago
  reg              fw_q;                 // the last write, for forwarding
  reg [IDX_W-1:0]  fw_idx_q;
  reg [IMP_W-1:0]  fw_val_q;
  reg [IMP_W-1:0]  fw2_val_q;            // the write before it
  reg [IMP_W-1:0]  rd_q;                 // the RAM's output, registered
  reg              clearing_q;
  reg [IDX_W-1:0]  clr_q;

  wire [IMP_W-1:0] mem_rd;
  wire [IMP_W-1:0] base   = hit1_q ? fw_val_q : hit2_q ? fw2_val_q : rd_q;
  wire [IMP_W:0]   sum    = {1'b0, base} + {{(IMP_W + 1 - SUM_W){1'b0}}, wb_sum_q};
  wire [IMP_W-1:0] sat    = sum[IMP_W] ? TOP : sum[IMP_W-1:0];

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      s1_q       <= 1'b0;
      wb_q       <= 1'b0;
      fw_q       <= 1'b0;
      hit1_q     <= 1'b0;
      hit2_q     <= 1'b0;
      clearing_q <= 1'b0;
      clr_q      <= {IDX_W{1'b0}};
    end else begin
      s1_q   <= rd_v;
      wb_q   <= s1_q;
      fw_q   <= wb_q;
      hit1_q <= s1_q && wb_q && s1_idx_q == wb_idx_q;
      hit2_q <= s1_q && fw_q && s1_idx_q == fw_idx_q;
      if (clear_i) begin
        clearing_q <= 1'b1;
        clr_q      <= {IDX_W{1'b0}};
      end else if (clearing_q) begin
        clr_q      <= clr_q + 1'b1;
        clearing_q <= clr_q != LAST_IDX;
      end
    end
  end

  always @(posedge clk_i) begin
    s1_idx_q  <= rd_idx;
    s1_sum_q  <= tree_q[SUM_W-1:0];
    wb_idx_q  <= s1_idx_q;
    wb_sum_q  <= s1_sum_q;
    fw_idx_q  <= wb_idx_q;
    fw_val_q  <= sat;
    fw2_val_q <= fw_val_q;
    rd_q      <= mem_rd;
  end

  vssa_ram #(
    .WIDTH  (IMP_W),
    .DEPTH  (MAX_SEQ),
    .ADDR_W (IDX_W)
  ) u_ram (
    .clk_i   (clk_i),
    .we_i    (clearing_q || wb_q),
    .waddr_i (clearing_q ? clr_q : wb_idx_q),
    .wdata_i (clearing_q ? {IMP_W{1'b0}} : sat),
    .raddr_i (rd_v ? rd_idx : raddr_i),
    .rdata_o (mem_rd)
  );

  assign rdata_o = rd_q;
  assign busy_o  = clearing_q;
  assign idle_o  = !(|v_q) && !s1_q && !wb_q;
endmodule
