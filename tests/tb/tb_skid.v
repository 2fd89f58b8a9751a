// SPDX-License-Identifier: MIT
// tb_skid.v - self-checking testbench for vssa_skid (gen/rtl/skid.v).
//
// A source offers numbered beats (a 12-bit sequence number, random bits
// above) with random gaps and holds each until it is taken; a sink takes
// them under random back-pressure. Phases: random gaps and random ready, a
// source that never pauses against a slow sink, and a full-throughput run
// with valid and ready always high. Checked:
//  - every beat comes out exactly once, in order (a scoreboard queue), and
//    all of them have come out once the sink drains the stage;
//  - ready_o, valid_o and data_o change only right after a clock edge, and do
//    not follow the inputs within a cycle (the inputs are driven with junk
//    before their real value each cycle, and a monitor notes any change that
//    is not at an edge);
//  - while valid_o && !ready_i, valid_o stays high and data_o holds still;
//  - full throughput: one beat in and one out every cycle when valid_i and
//    ready_i are always high.
// Prints one final line: PASS tb_skid: ... or FAIL tb_skid: ...
`timescale 1ns/1ps
module tb_skid;
  parameter integer W     = 16;
  parameter integer BEATS = 3000;
  localparam integer QN   = 8192;   // scoreboard depth (more than all beats sent)
  localparam TB_NAME = "tb_skid";
  `include "tb_common.vh"

  reg          valid_i, ready_i;
  reg  [W-1:0] data_i;
  wire         ready_o, valid_o;
  wire [W-1:0] data_o;

  vssa_skid #(.W(W)) dut (
    .clk_i(clk), .rst_ni(rst_n), .valid_i(valid_i), .ready_o(ready_o), .data_i(data_i),
    .valid_o(valid_o), .ready_i(ready_i), .data_o(data_o)
  );

  integer sent, recvd;
  reg [W-1:0] sb [0:QN-1];          // beats accepted, in order
  reg [W-1:0] next_beat;            // payload of the beat on offer
  reg         offering;

  // ---- outputs move only right after a clock edge
  reg      armed = 1'b0;
  always @(ready_o or valid_o or data_o)
    if (armed && tb_off_edge(0)) tb_err("an output changed away from a clock edge");

  // ---- one cycle. p_gap: percent of cycles the source pauses (when it has
  // no beat on offer); p_stall: percent of cycles the sink is not ready.
  task cycle(input integer p_gap, input integer p_stall);
    reg v_seen, r_seen;
    reg [W-1:0] d_seen;
    begin
      if (!offering && !tb_pct(p_gap) && sent < BEATS) begin
        offering = 1'b1;
        next_beat = ($random(seed) << 12) | (sent % 4096);   // numbered, for W >= 12
      end
      // junk first: outputs must not follow it
      valid_i = $random(seed); ready_i = $random(seed); data_i = $random(seed);
      #1;
      valid_i = offering;
      ready_i = tb_ready(p_stall);
      data_i  = offering ? next_beat : $random(seed);
      #1;
      v_seen = valid_o; r_seen = ready_o; d_seen = data_o;
      @(posedge clk);
      // the edge: what moved, by the values the stage saw
      if (valid_i && r_seen) begin
        sb[sent % QN] = data_i;
        sent = sent + 1;
        offering = 1'b0;
      end
      if (v_seen && ready_i) begin
        if (recvd >= sent - (valid_i && r_seen)) tb_err("a beat came out that was never sent");
        else if (d_seen !== sb[recvd % QN]) begin
          tb_err("beat lost, duplicated or reordered");
          if (tb_show) $display("    beat %0d: expected %h, got %h", recvd, sb[recvd % QN], d_seen);
        end
        recvd = recvd + 1;
      end
      #1;
      if (v_seen && !ready_i && (valid_o !== 1'b1 || data_o !== d_seen))
        tb_err("an offered beat did not hold still under back-pressure");
    end
  endtask

  integer i, n0, m0;
  initial begin
    tb_seed(5); sent = 0; recvd = 0; offering = 1'b0;
    valid_i = 1'b0; ready_i = 1'b0; data_i = 0;
    tb_reset(2);
    @(posedge clk); #1;
    if (valid_o !== 1'b0 || ready_o !== 1'b1) tb_err("after reset: expected valid_o 0, ready_o 1");
    armed = 1'b1;
    #1;
    // random gaps, random back-pressure, at several mixes
    for (i = 0; i < 4 * BEATS && sent < BEATS / 3 * 2; i = i + 1)
      cycle(i % 4 * 20, (i / 400) % 4 * 25);
    // eager source, slow sink: the spare entry is exercised
    for (i = 0; i < 600; i = i + 1) cycle(0, 60);
    // full throughput: once the stage is drained, one beat per cycle
    for (i = 0; i < 20 && recvd != sent; i = i + 1) cycle(100, 0);
    n0 = sent; m0 = recvd;
    for (i = 0; i < 200; i = i + 1) cycle(0, 0);
    if (sent - n0 != 200 || recvd - m0 < 199)
      begin tb_err("not one beat per cycle at full throughput");
            if (tb_show) $display("    %0d in, %0d out in 200 cycles", sent - n0, recvd - m0); end
    // drain: everything sent must come out
    for (i = 0; i < 20; i = i + 1) cycle(100, 0);
    if (recvd != sent) begin
      tb_err("beats left inside the stage");
      if (tb_show) $display("    %0d sent, %0d received", sent, recvd);
    end
    $sformat(tb_pass_text, "%0d beats in order, registered ready/valid, full throughput", sent);
    $sformat(tb_fail_text, "%0d beats sent, %0d received", sent, recvd);
    tb_finish(tb_pass_text, tb_fail_text);
  end

  initial tb_watchdog(10 * (20 * BEATS + 2000));
endmodule
