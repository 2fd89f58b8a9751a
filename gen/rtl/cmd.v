// SPDX-License-Identifier: MIT
// Command state: a command beat taken by the controller (take_i, with its op)
// runs alone until it is done: a clear until the importance counters are
// idle again, a ranking until the ranker's done pulse, a return to the top
// class at once. take_i only comes when nothing else runs (vssa_ctrl), so
// one command is in flight at a time. Without PREC_HW there are no counters
// to clear and no ranker: every command is done the cycle after it is taken.
module vssa_cmd #(
  parameter integer PREC_HW = 1
) (
  input  wire       clk_i,
  input  wire       rst_ni,
  input  wire       take_i,      // the controller takes a command beat
  input  wire [1:0] op_i,        // its op: 1 clear, 2 rank, 3 top
  input  wire       imp_busy_i,  // the importance counters are clearing
  input  wire       rank_done_i, // the ranking's last cycle
  output wire       clear_o,     // start the clear (the take of a clear)
  output wire       rank_o,      // start the ranking
  output wire       top_o,       // every token back to the top class
  output wire       done_o,      // the running command ends this cycle
  output wire       idle_o       // no command runs
);
  // Parameter checks, at elaboration: an inconsistent instance stops the
  // simulation at time 0, and Yosys refuses it.
  initial begin
    if (!(PREC_HW == 0 || PREC_HW == 1)) begin
      $display("ERROR: %m: parameters: need PREC_HW 0 or 1");
      $finish;
    end
  end

  localparam [1:0] CLEAR = 2'd1, RANK = 2'd2, TOP = 2'd3;

  reg       run_q;
  reg [1:0] op_q;
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      run_q <= 1'b0;
      op_q  <= 2'd0;
    end else if (take_i) begin
      run_q <= 1'b1;
      op_q  <= op_i;
    end else if (done_o) begin
      run_q <= 1'b0;
    end
  end

  wire hw = PREC_HW != 0;
  assign done_o  = run_q && (!hw || (op_q == CLEAR ? !imp_busy_i :
                                     op_q == RANK ? rank_done_i : 1'b1));
  assign idle_o  = !run_q;
  assign clear_o = hw && take_i && op_i == CLEAR;
  assign rank_o  = hw && take_i && op_i == RANK;
  assign top_o   = hw && take_i && op_i == TOP;
endmodule
