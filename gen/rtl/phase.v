// SPDX-License-Identifier: MIT
// Block phases, overlapped. A started block passes through three slots, one
// block in each at most:
//   Q: Q.K^T on the array, scores into score bank `bank`; it ends when the
//      block's last score is written (qk_done_i);
//   S: the softmax over that bank, exponentials into e bank `bank`; once it
//      is done (sm_done_i) the block waits for the array;
//   P: P.V on the array, then the O rows; it ends when the last O row is
//      taken (out_done_i).
// A block moves Q -> S (sm_start_o) the cycle after its Q.K^T is done, if
// S is empty, and S -> P (pv_start_o) the cycle after its softmax is done,
// if P is empty (the previous block's O rows left a cycle ago or more) and
// no Q.K^T is in the array (seq_idle_i). A move is decided from the slots'
// registered state only, never from a move in the same cycle or a done
// pulse, so the moves fan out to the softmax and the P.V sequencer from a
// few flip-flops; it costs a cycle at each move. A new block
// may start (allow_o) when Q is free and no P.V is in the array or starting;
// its start_i comes a cycle later, and P.V does not start in that cycle.
// So the softmax of block b runs while the array computes Q.K^T of block
// b+1, and P.V of block b follows; the two banks alternate by block. A
// block started with trace_i runs alone: it starts only with every slot
// free, and nothing starts until it has left.
// Settings (query count, base and indices, trace, exp and output scales,
// compensation) are taken at the start and travel with the block; the
// query indices come from the query buffer the cycle after the start.
// Three counters give, since the key set began, the cycles a block spent
// in Q.K^T (in Q, not done), in the softmax (in S, not done) and in P.V (in
// P); they overlap.
module vssa_phase #(
  parameter integer COLS   = 4,
  parameter integer QCNT_W = 3,
  parameter integer IDX_W  = 6
) (
  input  wire                  clk_i,
  input  wire                  rst_ni,
  input  wire                  clear_i,     // a new key set begins: the counters restart
  input  wire                  start_i,     // a block starts its Q.K^T (allow_o was high a cycle ago)
  input  wire [QCNT_W-1:0]     nq_i,
  input  wire [IDX_W-1:0]      qbase_i,
  input  wire [COLS*IDX_W-1:0] qidx_i,      // the started block's indices, a cycle later
  input  wire                  trace_i,
  input  wire [31:0]           es_i,
  input  wire [23:0]           os_i,
  input  wire                  comp_i,
  input  wire                  qk_done_i,   // the Q block's last score is written
  input  wire                  sm_done_i,   // the S block's k, G and C are ready
  input  wire                  out_done_i,  // the P block's last O row was taken
  input  wire                  seq_idle_i,  // no Q.K^T operation issued or in flight
  input  wire                  pv_idle_i,   // no P.V operation issued or in flight
  output wire                  allow_o,     // start_i may come next cycle
  output wire                  busy_o,      // a block is in flight
  output wire                  sm_start_o,
  output wire                  pv_start_o,
  // the block in Q
  output wire                  qk_trace_o,
  output wire                  qk_bank_o,
  // the block in S
  output wire                  sm_trace_o,
  output wire [31:0]           sm_es_o,
  output wire [23:0]           sm_os_o,
  output wire                  sm_comp_o,
  output wire [QCNT_W-1:0]     sm_nq_o,
  output wire                  sm_bank_o,
  // the block in P
  output wire [QCNT_W-1:0]     pv_nq_o,
  output wire [COLS*IDX_W-1:0] pv_qidx_o,
  output wire                  pv_comp_o,
  output wire                  pv_bank_o,
  // the oldest block in flight: its output beats carry its query base
  output wire [IDX_W-1:0]      qbase_o,
  output wire [31:0]           qk_cycles_o,
  output wire [31:0]           sm_cycles_o,
  output wire [31:0]           pv_cycles_o
);
  // Parameter checks, at elaboration: an inconsistent instance stops the
  // simulation at time 0, and Yosys refuses it.
  initial begin
    if (!(COLS >= 1 && QCNT_W >= 1 && IDX_W >= 1)) begin
      $display("ERROR: %m: parameters: need COLS, QCNT_W, IDX_W >= 1");
      $finish;
    end
  end

  // A block's settings, as one word: {bank, comp, os, es, trace, qbase, nq,
  // qidx}.
  localparam integer SET_W = 1 + 1 + 24 + 32 + 1 + IDX_W + QCNT_W + COLS * IDX_W;
  localparam integer O_QIDX = 0, O_NQ = COLS * IDX_W, O_QBASE = O_NQ + QCNT_W;
  localparam integer O_TRACE = O_QBASE + IDX_W, O_ES = O_TRACE + 1, O_OS = O_ES + 32;
  localparam integer O_COMP = O_OS + 24, O_BANK = O_COMP + 1;

  reg             q_full_q, q_done_q, s_full_q, s_done_q, p_full_q, bank_q, idx_q;
  reg [SET_W-1:0] q_set_q, s_set_q, p_set_q;

  // Moves, decided from the registered slots (q_go and pv_go exclude each
  // other: one needs S empty, the other S full).
  wire p_leave = p_full_q && out_done_i;
  // start_i comes a cycle after the controller read allow_o, before the
  // sequencer shows busy: P.V waits for that Q.K^T too.
  wire pv_go   = s_full_q && s_done_q && !p_full_q && seq_idle_i && !start_i;
  wire q_go    = q_full_q && q_done_q && !s_full_q;
  wire traced  = (q_full_q && q_set_q[O_TRACE]) || (s_full_q && s_set_q[O_TRACE]) ||
                 (p_full_q && p_set_q[O_TRACE]);
  wire empty   = !q_full_q && !s_full_q && !p_full_q;
  // A traced block waits for an empty pipeline; behind a traced block
  // nothing starts. (allow_o does not look at trace_i's block: the
  // controller holds a traced block back itself with allow_o and empty_o.)
  assign allow_o = !q_full_q && pv_idle_i && !pv_go && !traced && (!trace_i || empty);

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      q_full_q <= 1'b0;
      q_done_q <= 1'b0;
      s_full_q <= 1'b0;
      s_done_q <= 1'b0;
      p_full_q <= 1'b0;
      bank_q   <= 1'b0;
      idx_q    <= 1'b0;
    end else begin
      idx_q <= start_i;
      if (start_i) begin
        q_full_q <= 1'b1;
        q_done_q <= 1'b0;
        bank_q   <= !bank_q;
      end else if (q_go) begin
        q_full_q <= 1'b0;
      end else if (qk_done_i) begin
        q_done_q <= 1'b1;
      end
      if (q_go) begin
        s_full_q <= 1'b1;
        s_done_q <= 1'b0;
      end else if (pv_go) begin
        s_full_q <= 1'b0;
      end else if (sm_done_i) begin
        s_done_q <= 1'b1;
      end
      if (pv_go) begin
        p_full_q <= 1'b1;
      end else if (p_leave) begin
        p_full_q <= 1'b0;
      end
    end
  end

  always @(posedge clk_i) begin
    if (start_i) begin
      q_set_q <= {bank_q, comp_i, os_i, es_i, trace_i, qbase_i, nq_i, {(COLS * IDX_W){1'b0}}};
    end else if (idx_q) begin
      q_set_q[O_NQ-1:O_QIDX] <= qidx_i;
    end
    if (q_go) begin
      s_set_q <= q_set_q;
    end
    if (pv_go) begin
      p_set_q <= s_set_q;
    end
  end

  reg [31:0] qk_q, sm_q, pv_q;
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      qk_q <= 32'd0;
      sm_q <= 32'd0;
      pv_q <= 32'd0;
    end else if (clear_i) begin
      qk_q <= 32'd0;
      sm_q <= 32'd0;
      pv_q <= 32'd0;
    end else begin
      if (q_full_q && !q_done_q) qk_q <= qk_q + 32'd1;
      if (s_full_q && !s_done_q) sm_q <= sm_q + 32'd1;
      if (p_full_q)              pv_q <= pv_q + 32'd1;
    end
  end

  assign busy_o      = !empty;
  assign sm_start_o  = q_go;
  assign pv_start_o  = pv_go;
  assign qk_trace_o  = q_set_q[O_TRACE];
  assign qk_bank_o   = q_full_q ? q_set_q[O_BANK] : bank_q;
  // In the cycle a block moves to S or P (sm_start_o, pv_start_o), that
  // slot's outputs show the block that moves in, so units that take their
  // settings with the start see its own.
  wire [SET_W-1:0] s_set = q_go ? q_set_q : s_set_q;
  assign sm_trace_o  = s_set[O_TRACE];
  assign sm_es_o     = s_set[O_ES +: 32];
  assign sm_os_o     = s_set[O_OS +: 24];
  assign sm_comp_o   = s_set[O_COMP];
  assign sm_nq_o     = s_set[O_NQ +: QCNT_W];
  assign sm_bank_o   = s_set[O_BANK];
  wire [SET_W-1:0] p_set = pv_go ? s_set_q : p_set_q;
  assign pv_nq_o     = p_set[O_NQ +: QCNT_W];
  assign pv_qidx_o   = p_set[O_QIDX +: COLS * IDX_W];
  assign pv_comp_o   = p_set[O_COMP];
  assign pv_bank_o   = p_set[O_BANK];
  assign qbase_o     = p_full_q ? p_set_q[O_QBASE +: IDX_W] :
                       s_full_q ? s_set_q[O_QBASE +: IDX_W] : q_set_q[O_QBASE +: IDX_W];
  assign qk_cycles_o = qk_q;
  assign sm_cycles_o = sm_q;
  assign pv_cycles_o = pv_q;
endmodule
