// SPDX-License-Identifier: MIT
// tb_cmd.v - self-checking testbench for vssa_cmd (gen/rtl/cmd.v).
//
// Command beats are taken (take_i) at random times while the model is idle,
// as the controller takes them only then, with a random op (0..3: op 0 is
// not a command the controller forms, and must run like a top). imp_busy_i
// and rank_done_i are random in every cycle, in every state. Checked every
// cycle against a reference model:
//  - clear_o, rank_o and top_o exactly in the take of their op, and only
//    under PREC_HW;
//  - done_o: a clear when imp_busy_i is low, a ranking on rank_done_i, a
//    top (or op 0) in the cycle after its take; without PREC_HW every
//    command in the cycle after its take;
//  - idle_o low from the cycle after a take to the cycle after done_o.
// Parameters: PREC_HW, CMDS. Prints one final line:
// PASS tb_cmd: ... or FAIL tb_cmd: ...
`timescale 1ns/1ps
module tb_cmd;
  parameter integer PREC_HW = 1;
  parameter integer CMDS    = 600;
  localparam TB_NAME = "tb_cmd";
  `include "tb_common.vh"

  reg        take, imp_busy, rank_done;
  reg  [1:0] op;
  wire       clear, rank, top, done, idle;

  vssa_cmd #(.PREC_HW(PREC_HW)) dut (
    .clk_i(clk), .rst_ni(rst_n), .take_i(take), .op_i(op), .imp_busy_i(imp_busy),
    .rank_done_i(rank_done), .clear_o(clear), .rank_o(rank), .top_o(top), .done_o(done),
    .idle_o(idle)
  );

  integer   cmds, waited, k, c0;
  integer   per_op [0:3];
  reg       m_run, m_done;
  reg [1:0] m_op;

  initial begin
    tb_seed(11 + PREC_HW); cmds = 0; waited = 0; m_run = 1'b0; m_op = 2'd0;
    for (k = 0; k < 4; k = k + 1) per_op[k] = 0;
    take = 1'b0; op = 2'd0; imp_busy = 1'b0; rank_done = 1'b0;
    tb_reset(2);
    c0 = cyc;
    while (cmds < CMDS || m_run) begin
      $sformat(tb_where, "command %0d, op %0d", cmds, m_op);
      op        = $random(seed);
      imp_busy  = tb_one_in(2);
      rank_done = tb_one_in(5);
      take      = !m_run && cmds < CMDS && tb_one_in(3);
      #1;
      m_done = m_run && (PREC_HW == 0 || (m_op == 2'd1 ? !imp_busy :
                                          m_op == 2'd2 ? rank_done : 1'b1));
      if (clear !== (PREC_HW != 0 && take && op == 2'd1)) tb_err("clear_o wrong");
      if (rank !== (PREC_HW != 0 && take && op == 2'd2)) tb_err("rank_o wrong");
      if (top !== (PREC_HW != 0 && take && op == 2'd3)) tb_err("top_o wrong");
      if (done !== m_done) tb_err(done ? "done_o without its condition" : "done_o missing");
      if (idle !== !m_run) tb_err(idle ? "idle_o while a command runs" : "idle_o low while idle");
      if (m_run && !m_done) waited = waited + 1;
      @(posedge clk);
      if (take) begin
        m_run = 1'b1; m_op = op; cmds = cmds + 1; per_op[op] = per_op[op] + 1;
      end else if (m_done) begin
        m_run = 1'b0;
      end
      #1;
    end
    tb_where = 0;
    for (k = 0; k < 4; k = k + 1)
      if (per_op[k] == 0) tb_err("coverage: an op never taken");
    if (PREC_HW != 0 && waited == 0) tb_err("coverage: no command waited for its unit");
    $sformat(tb_pass_text, "%0d commands (ops %0d/%0d/%0d/%0d), %0d waiting cycles, %0d cycles, PREC_HW %0d",
             CMDS, per_op[0], per_op[1], per_op[2], per_op[3], waited, cyc - c0, PREC_HW);
    $sformat(tb_fail_text, "PREC_HW %0d", PREC_HW);
    tb_finish(tb_pass_text, tb_fail_text);
  end
endmodule
