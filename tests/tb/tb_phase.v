// tb_phase.v - self-checking testbench for vssa_phase (gen/rtl/phase.v).
//
// Blocks start (start_i) at random times while the model is idle, as the
// controller starts them only when busy_o is low. qk_done_i, sm_done_i and
// out_done_i are random in every cycle, in every phase, so each phase both
// waits and meets the other phases' done signals; the settings inputs
// (nq_i, qbase_i, trace_i, es_i, os_i) change in every cycle. Checked every
// cycle against a reference model of the phases IDLE -> QK (start_i) -> SM
// (qk_done_i) -> PV (sm_done_i) -> IDLE (out_done_i):
//  - busy_o (not IDLE) and pv_o (PV);
//  - sm_start_o exactly in the cycle QK sees qk_done_i, pv_start_o exactly
//    in the cycle SM sees sm_done_i (each starts its unit once per block);
//  - while a block is in flight, nq_o, qbase_o, trace_o, es_o and os_o hold
//    the values the inputs had in the start cycle.
// A block may also start in the cycle after the previous one ends.
// Parameters: QCNT_W, IDX_W, BLOCKS. Prints one final line:
// PASS tb_phase: ... or FAIL tb_phase: ...
`timescale 1ns/1ps
module tb_phase;
  parameter integer QCNT_W = 3;
  parameter integer IDX_W  = 6;
  parameter integer BLOCKS = 400;
  localparam integer IDLE = 0, QK = 1, SM = 2, PV = 3;
  localparam TB_NAME = "tb_phase";
  `include "tb_common.vh"

  reg               start, trace_in, qk_done, sm_done, out_done;
  reg  [QCNT_W-1:0] nq_in;
  reg  [IDX_W-1:0]  qbase_in;
  reg  [31:0]       es_in;
  reg  [23:0]       os_in;
  wire              busy, pv, sm_start, pv_start, trace_out;
  wire [QCNT_W-1:0] nq_out;
  wire [IDX_W-1:0]  qbase_out;
  wire [31:0]       es_out;
  wire [23:0]       os_out;

  vssa_phase #(.QCNT_W(QCNT_W), .IDX_W(IDX_W)) dut (
    .clk_i(clk), .rst_ni(rst_n), .start_i(start), .nq_i(nq_in), .qbase_i(qbase_in),
    .trace_i(trace_in), .es_i(es_in), .os_i(os_in), .qk_done_i(qk_done), .sm_done_i(sm_done),
    .out_done_i(out_done), .busy_o(busy), .pv_o(pv), .sm_start_o(sm_start),
    .pv_start_o(pv_start), .nq_o(nq_out), .qbase_o(qbase_out), .trace_o(trace_out),
    .es_o(es_out), .os_o(os_out)
  );

  integer           blocks, m_state, back_to_back, k, c0;
  integer           seen [0:3];          // cycles spent in each phase
  integer           ignored [0:3];       // done inputs of other phases met in each phase
  reg [QCNT_W-1:0]  m_nq;
  reg [IDX_W-1:0]   m_qbase;
  reg               m_trace, ended;
  reg [31:0]        m_es;
  reg [23:0]        m_os;


  initial begin
    tb_seed(7 + QCNT_W * 3 + IDX_W); blocks = 0; m_state = IDLE;
    back_to_back = 0; ended = 1'b0;
    for (k = 0; k < 4; k = k + 1) begin seen[k] = 0; ignored[k] = 0; end
    start = 1'b0; qk_done = 1'b0; sm_done = 1'b0; out_done = 1'b0;
    nq_in = 0; qbase_in = 0; trace_in = 1'b0; es_in = 0; os_in = 0;
    m_nq = 0; m_qbase = 0; m_trace = 1'b0; m_es = 0; m_os = 0;
    tb_reset(2);
    c0 = cyc;
    while (blocks < BLOCKS || m_state != IDLE) begin
      $sformat(tb_where, "block %0d, phase %0d", blocks, m_state);
      // ---- inputs: the settings change every cycle; done signals are
      // random in every phase (a quarter of the cycles each)
      nq_in = $random(seed); qbase_in = $random(seed); trace_in = $random(seed);
      es_in = $random(seed); os_in = $random(seed);
      qk_done  = tb_one_in(4);
      sm_done  = tb_one_in(4);
      out_done = tb_one_in(4);
      start = m_state == IDLE && blocks < BLOCKS && tb_one_in(ended ? 2 : 3);
      if (start && ended) back_to_back = back_to_back + 1;
      #1;
      // ---- checks
      if (busy !== (m_state != IDLE)) tb_err(busy ? "busy_o high while idle" : "busy_o low in a block");
      if (pv !== (m_state == PV)) tb_err(pv ? "pv_o outside PV" : "pv_o low in PV");
      if (sm_start !== (m_state == QK && qk_done))
        tb_err(sm_start ? "sm_start_o without QK and qk_done_i" : "sm_start_o missing");
      if (pv_start !== (m_state == SM && sm_done))
        tb_err(pv_start ? "pv_start_o without SM and sm_done_i" : "pv_start_o missing");
      if (m_state != IDLE && (nq_out !== m_nq || qbase_out !== m_qbase || trace_out !== m_trace ||
                              es_out !== m_es || os_out !== m_os)) begin
        tb_err("settings moved during the block");
        $display("    nq %0d qbase %0d trace %b es %h os %h, latched %0d %0d %b %h %h", nq_out,
                 qbase_out, trace_out, es_out, os_out, m_nq, m_qbase, m_trace, m_es, m_os);
      end
      seen[m_state] = seen[m_state] + 1;
      if ((m_state != QK && qk_done) || (m_state != SM && sm_done) || (m_state != PV && out_done))
        ignored[m_state] = ignored[m_state] + 1;
      @(posedge clk);
      // ---- the model's edge
      ended = 1'b0;
      case (m_state)
        IDLE: if (start) begin
          m_state = QK; blocks = blocks + 1;
          m_nq = nq_in; m_qbase = qbase_in; m_trace = trace_in; m_es = es_in; m_os = os_in;
        end
        QK: if (qk_done) m_state = SM;
        SM: if (sm_done) m_state = PV;
        default: if (out_done) begin m_state = IDLE; ended = 1'b1; end
      endcase
      #1;
    end
    tb_where = 0;
    // every phase must have waited and met other phases' done signals
    for (k = 0; k < 4; k = k + 1)
      if (seen[k] <= BLOCKS || ignored[k] == 0) begin
        tb_err("coverage: a phase never waited or met other phases' done");
        $display("  coverage: phase %0d seen %0d cycles, %0d with other phases' done", k, seen[k],
                 ignored[k]);
      end
    if (back_to_back == 0) tb_err("coverage: no block started right after another");
    $sformat(tb_pass_text, "%0d blocks (%0d back to back), %0d cycles, QCNT_W %0d IDX_W %0d",
             BLOCKS, back_to_back, cyc - c0, QCNT_W, IDX_W);
    $sformat(tb_fail_text, "QCNT_W %0d IDX_W %0d", QCNT_W, IDX_W);
    tb_finish(tb_pass_text, tb_fail_text);
  end
endmodule
