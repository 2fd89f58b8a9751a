// Block phases: a started block runs Q.K^T (scores into the score RAMs),
// then the softmax, then P.V and its output rows; the next block starts when
// the last O row has left. The run-time settings (trace, exp and output
// scales, compensation) and the block's query count are taken at the start
// and hold for the block. Three counters give the cycles spent in each phase since the
// key set began.
module vssa_phase #(
  parameter integer QCNT_W = 3,
  parameter integer IDX_W  = 6
) (
  input  wire              clk_i,
  input  wire              rst_ni,
  input  wire              clear_i,     // a new key set begins: the counters restart
  input  wire              start_i,
  input  wire [QCNT_W-1:0] nq_i,
  input  wire [IDX_W-1:0]  qbase_i,
  input  wire              trace_i,
  input  wire [31:0]       es_i,
  input  wire [23:0]       os_i,
  input  wire              comp_i,
  input  wire              qk_done_i,   // the block's last score is written
  input  wire              sm_done_i,   // k, G and C are ready
  input  wire              out_done_i,  // the block's last O row was taken
  output wire              busy_o,      // a block is in flight
  output wire              pv_o,        // the array runs P.V
  output wire              sm_start_o,
  output wire              pv_start_o,
  output wire [QCNT_W-1:0] nq_o,
  output wire [IDX_W-1:0]  qbase_o,
  output wire              trace_o,
  output wire [31:0]       es_o,
  output wire [23:0]       os_o,
  output wire              comp_o,
  output wire [31:0]       qk_cycles_o,
  output wire [31:0]       sm_cycles_o,
  output wire [31:0]       pv_cycles_o
);
  // Parameter checks, at elaboration: an inconsistent instance stops the
  // simulation at time 0, and Yosys refuses it.
  initial begin
    if (!(QCNT_W >= 1 && IDX_W >= 1)) begin
      $display("ERROR: %m: parameters: need QCNT_W, IDX_W >= 1");
      $finish;
    end
  end

  localparam [1:0] IDLE = 2'd0, QK = 2'd1, SM = 2'd2, PV = 2'd3;

  reg [1:0]        state_q;
  reg [QCNT_W-1:0] nq_q;
  reg [IDX_W-1:0]  qbase_q;
  reg              trace_q;
  reg [31:0]       es_q;
  reg [23:0]       os_q;
  reg              comp_q;

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q <= IDLE;
    end else begin
      case (state_q)
        IDLE:    if (start_i)    state_q <= QK;
        QK:      if (qk_done_i)  state_q <= SM;
        SM:      if (sm_done_i)  state_q <= PV;
        default: if (out_done_i) state_q <= IDLE;
      endcase
    end
  end

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      nq_q    <= {QCNT_W{1'b0}};
      qbase_q <= {IDX_W{1'b0}};
      trace_q <= 1'b0;
      es_q    <= 32'd0;
      os_q    <= 24'd0;
      comp_q  <= 1'b0;
    end else if (start_i) begin
      nq_q    <= nq_i;
      qbase_q <= qbase_i;
      trace_q <= trace_i;
      es_q    <= es_i;
      os_q    <= os_i;
      comp_q  <= comp_i;
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
      if (state_q == QK) qk_q <= qk_q + 32'd1;
      if (state_q == SM) sm_q <= sm_q + 32'd1;
      if (state_q == PV) pv_q <= pv_q + 32'd1;
    end
  end

  assign qk_cycles_o = qk_q;
  assign sm_cycles_o = sm_q;
  assign pv_cycles_o = pv_q;
  assign busy_o     = state_q != IDLE;
  assign pv_o       = state_q == PV;
  assign sm_start_o = state_q == QK && qk_done_i;
  assign pv_start_o = state_q == SM && sm_done_i;
  assign nq_o       = nq_q;
  assign qbase_o    = qbase_q;
  assign trace_o    = trace_q;
  assign es_o       = es_q;
  assign os_o       = os_q;
  assign comp_o     = comp_q;
endmodule
