// SPDX-License-Identifier: MIT
// tb_ctrl_cmd.v - directed testbench for the command rules of vssa_ctrl
// (gen/rtl/ctrl.v); tb_ctrl.v covers keys and queries. Checked:
//  - an offered command is taken (cmd_o and h_ready_o in the same cycle)
//    exactly when everything before it is done: it waits while blk_busy_i
//    is high, seq_idle_i, drain_free_i, out_idle_i or cmd_idle_i is low
//    (and the cycle after: those inputs are used a cycle old), while a
//    key set loads and while a closed block waits to start;
//  - a command ends a query block still open (it then starts as usual);
//  - while a command runs (cmd_idle_i low) no key set begins, and busy_o
//    stays high;
//  - kcount_o holds the keys kept by the last key set (MAX_SEQ at most).
// Prints one final line: PASS tb_ctrl_cmd: ... or FAIL tb_ctrl_cmd: ...
`timescale 1ns/1ps
module tb_ctrl_cmd;
  parameter integer COLS    = 4;
  parameter integer MAX_SEQ = 6;
  parameter integer KCNT_W  = 3;
  parameter integer COL_W   = 2;
  parameter integer QCNT_W  = 3;
  parameter integer IDX_W   = 6;
  localparam TB_NAME = "tb_ctrl_cmd";
  `include "tb_common.vh"

  reg              h_valid, h_query, h_last, h_cmd;
  reg  [IDX_W-1:0] h_idx;
  reg              lane_ok, disp_ready, ld_idle, seq_ready, seq_idle, drain_free, out_idle;
  reg              blk_busy, cmd_idle;
  wire             h_ready, clear, key, key_last, q_wr, q_first, start, busy, cmd;
  wire [COL_W-1:0] q_col;
  wire [IDX_W-1:0] qbase;
  wire [QCNT_W-1:0] qcount;
  wire [KCNT_W-1:0] kcount;
  wire [1:0]       errs;

  vssa_ctrl #(
    .COLS(COLS), .MAX_SEQ(MAX_SEQ), .KCNT_W(KCNT_W), .COL_W(COL_W), .QCNT_W(QCNT_W),
    .IDX_W(IDX_W)
  ) dut (
    .clk_i(clk), .rst_ni(rst_n), .h_valid_i(h_valid), .h_query_i(h_query), .h_cmd_i(h_cmd),
    .h_last_i(h_last), .h_idx_i(h_idx), .h_ready_o(h_ready), .lane_ok_i(lane_ok),
    .disp_ready_i(disp_ready), .ld_idle_i(ld_idle), .clear_o(clear), .key_o(key),
    .key_last_o(key_last), .q_wr_o(q_wr), .q_first_o(q_first), .q_col_o(q_col),
    .seq_ready_i(seq_ready), .seq_idle_i(seq_idle), .drain_free_i(drain_free),
    .out_idle_i(out_idle), .blk_busy_i(blk_busy), .blk_allow_i(!blk_busy), .start_o(start), .qbase_o(qbase),
    .qcount_o(qcount), .err_o(errs), .busy_o(busy), .cmd_idle_i(cmd_idle), .cmd_o(cmd),
    .kcount_o(kcount)
  );

  integer checks, k;

  task idle_status;
    begin
      lane_ok = 1; disp_ready = 1; ld_idle = 1; seq_ready = 1; seq_idle = 1; drain_free = 1;
      out_idle = 1; blk_busy = 0; cmd_idle = 1;
    end
  endtask

  // Offer one beat and wait (up to limit cycles) until it is taken.
  task offer(input q, input l, input c, input [IDX_W-1:0] i, input integer limit,
             output integer waited);
    begin
      h_valid = 1; h_query = q; h_last = l; h_cmd = c; h_idx = i; waited = 0;
      #1;
      while (!h_ready && waited < limit) begin
        @(negedge clk); waited = waited + 1; #1;
      end
      if (c && h_ready && !cmd) tb_err("command taken without cmd_o");
      if (!c && cmd) tb_err("cmd_o on a beat that is no command");
      @(negedge clk);
      h_valid = 0; h_cmd = 0;
    end
  endtask

  // A command offered while one condition holds must wait; lifting it lets
  // the command through in the same cycle.
  task blocked_by(input integer which);
    integer w;
    begin
      case (which)
        0: blk_busy = 1;
        1: seq_idle = 0;
        2: drain_free = 0;
        3: out_idle = 0;
        default: cmd_idle = 0;
      endcase
      fork
        offer(0, 0, 1, 0, 40, w);
        begin
          repeat (6) @(negedge clk);
          idle_status;
        end
      join
      checks = checks + 1;
      // lifted at the 6th cycle: the controller uses the idle inputs a
      // cycle old, so the command goes in the 7th
      if (w < 7) tb_err("command taken while the engine was busy");
      if (w > 7) tb_err("command not taken the cycle after the engine became idle");
    end
  endtask

  integer w, i;
  initial begin
    checks = 0;
    h_valid = 0; h_query = 0; h_last = 0; h_cmd = 0; h_idx = 0;
    idle_status;
    tb_reset(2);
    repeat (2) @(negedge clk);
    // idle: taken at once
    offer(0, 0, 1, 0, 10, w);
    checks = checks + 1;
    if (w != 0) tb_err("command on an idle controller not taken at once");
    for (i = 0; i < 5; i = i + 1) blocked_by(i);
    // a key set of MAX_SEQ + 2 keys: kcount_o is MAX_SEQ; a command waits
    // while the set is open, and goes once the set is ready
    for (k = 0; k < MAX_SEQ + 2; k = k + 1) offer(0, k == MAX_SEQ + 1, 0, k, 20, w);
    disp_ready = 0;
    fork
      offer(0, 0, 1, 0, 40, w);
      begin repeat (8) @(negedge clk); disp_ready = 1; end
    join
    checks = checks + 1;
    if (w < 7) tb_err("command taken before the key set was ready");
    if (kcount != MAX_SEQ) tb_err("kcount_o is not the kept keys");
    // an open block: the command closes it, the block starts, then the
    // command goes once the block has finished
    offer(1, 0, 0, 9, 10, w);
    offer(1, 0, 0, 10, 10, w);
    seq_ready = 1;
    fork
      offer(0, 0, 1, 0, 40, w);
      begin
        @(posedge start);
        @(negedge clk); blk_busy = 1;
        repeat (5) @(negedge clk); blk_busy = 0;
      end
    join
    checks = checks + 1;
    if (w < 5) tb_err("command taken before the block it closed had finished");
    if (qcount != 2) tb_err("the closed block lost its queries");
    // a command running: busy_o is high with nothing else to do
    repeat (3) @(negedge clk);
    if (busy) tb_err("busy_o high with nothing to do");
    cmd_idle = 0;
    repeat (3) @(negedge clk);
    checks = checks + 1;
    if (!busy) tb_err("busy_o low while only a command runs");
    // ... and a new key set must not begin
    cmd_idle = 0;
    fork
      offer(0, 1, 0, 0, 40, w);
      begin
        repeat (3) @(negedge clk);
        if (!busy) tb_err("busy_o low while a command runs");
        if (clear) tb_err("a key set began while a command ran");
        repeat (3) @(negedge clk); cmd_idle = 1;
      end
    join
    checks = checks + 1;
    if (w < 5) tb_err("key set began during a command");
    $sformat(tb_pass_text, "%0d command situations", checks);
    tb_finish(tb_pass_text, "");
  end

  // (a block that never starts would leave @(posedge start) waiting)
  initial tb_watchdog(5000);
endmodule
