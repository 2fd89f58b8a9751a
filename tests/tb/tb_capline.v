// SPDX-License-Identifier: MIT
// tb_capline.v - self-checking testbench for vssa_capline (gen/rtl/capline.v).
// Two instances with the capture stage LANE_LAT = L: a 1-bit tag and a
// 9-bit one. issue_i, cap_i and the tags are random every cycle (cap_i
// also without an issue, as a sequencer's unqualified flag), in runs of
// busy and quiet stretches, with the reset pulsed mid-run. A reference
// keeps the inputs of the last cycles and checks every output, every
// cycle: the step of stages 1, 2 and L, s1_cap_o (cap_i of the last
// cycle), the capture in stage L (an issue with cap_i L - 1 cycles before
// stage 1), the tag of L cycles ago, capfl_o (an issue with cap_i in the
// last cycle, or a capture in stages 1 to L - 1 then) and busy_o (stages
// 1 to L - 1); after a reset every flag reads zero until refilled.
// Prints one final line: PASS tb_capline: ... or FAIL tb_capline: ...
`timescale 1ns/1ps
module tb_capline;
  localparam TB_NAME = "tb_capline";
  `include "tb_common.vh"
  parameter integer L = 5;          // LANE_LAT
  localparam integer W = 9, H = L + 4;

  reg          issue = 1'b0, cap = 1'b0;
  reg  [0:0]   tag0 = 1'b0;
  reg  [W-1:0] tag1 = {W{1'b0}};
  wire [1:0]   s1_step, s1_cap, s2_step, cs_step, cs_cap, capfl, busy;
  wire [0:0]   t0;
  wire [W-1:0] t1;

  vssa_capline #(.LANE_LAT (L)) u0 (
    .clk_i (clk), .rst_ni (rst_n), .issue_i (issue), .cap_i (cap), .tag_i (tag0),
    .s1_step_o (s1_step[0]), .s1_cap_o (s1_cap[0]), .s2_step_o (s2_step[0]),
    .cs_step_o (cs_step[0]), .cs_cap_o (cs_cap[0]),
    .cs_tag_o (t0), .capfl_o (capfl[0]), .busy_o (busy[0]));
  vssa_capline #(.GRP_W (W), .LANE_LAT (L)) u1 (
    .clk_i (clk), .rst_ni (rst_n), .issue_i (issue), .cap_i (cap), .tag_i (tag1),
    .s1_step_o (s1_step[1]), .s1_cap_o (s1_cap[1]), .s2_step_o (s2_step[1]),
    .cs_step_o (cs_step[1]), .cs_cap_o (cs_cap[1]),
    .cs_tag_o (t1), .capfl_o (capfl[1]), .busy_o (busy[1]));

  // hi[k], hc[k], ht[k]: issue_i, cap_i and the tag k cycles ago, zeros for
  // the cycles a reset cleared (the flags; the tag line has no reset).
  reg          hi [1:H];
  reg          hc [1:H];
  reg  [W-1:0] ht [1:H];
  reg          hr [1:H];     // a reset was low at that edge
  integer known = 0, k, m, caps = 0, steps = 0, flights = 0;
  reg e_s1, e_c1, e_s2, e_sc, e_cap, e_fl, e_busy;

  // an operation issued k cycles ago with no reset since (k = 1 .. L)
  function op(input integer kk);
    integer j;
    begin
      op = hi[kk];
      for (j = 1; j <= kk; j = j + 1) if (hr[j]) op = 1'b0;
    end
  endfunction
  function opc(input integer kk);
    begin
      opc = op(kk) && hc[kk];
    end
  endfunction

  always @(posedge clk) begin
    if (rst_n && known > H) begin
      e_s1 = op(1);
      e_c1 = hc[1] && !hr[1];
      e_s2 = op(2);
      e_sc = op(L);
      e_cap = opc(L);
      e_fl = 1'b0;
      e_busy = 1'b0;
      for (m = 1; m <= L; m = m + 1) begin
        e_fl = e_fl || opc(m);
        if (m < L) e_busy = e_busy || op(m);
      end
      for (k = 0; k < 2; k = k + 1) begin
        if (s1_step[k] !== e_s1 || s2_step[k] !== e_s2 || cs_step[k] !== e_sc)
          tb_err("a stage's step differs");
        if (s1_cap[k] !== e_c1) tb_err("s1_cap_o differs");
        if (cs_cap[k] !== e_cap) tb_err("cs_cap_o differs");
        if (capfl[k] !== e_fl) tb_err("capfl_o differs");
        if (busy[k] !== e_busy) tb_err("busy_o differs");
      end
      if (t0 !== ht[L][0] || t1 !== ht[L]) tb_err("the capture stage's tag differs");
      caps = caps + e_cap;
      steps = steps + e_sc;
      flights = flights + (e_fl && !e_cap);
    end
    for (k = H; k > 1; k = k - 1) begin
      hi[k] = hi[k-1];
      hc[k] = hc[k-1];
      ht[k] = ht[k-1];
      hr[k] = hr[k-1];
    end
    hi[1] = issue;
    hc[1] = cap;
    ht[1] = tag1;
    hr[1] = !rst_n;
    known = known + 1;
  end

  integer n, busy_pct;
  initial begin
    tb_seed(11);
    tb_reset(2);
    busy_pct = 80;
    for (n = 0; n < 4000; n = n + 1) begin
      @(negedge clk);
      if (tb_one_in(40)) busy_pct = tb_one_in(2) ? 95 : 10;
      issue = tb_pct(busy_pct);
      cap   = tb_one_in(3);
      tag1  = $random(seed);
      tag0  = tag1[0];
      rst_n = !(n == 1500 || n == 2700);
    end
    if (caps == 0 || flights == 0) tb_err("coverage: no capture, or none in flight");
    $sformat(tb_pass_text, "4000 cycles, %0d operations and %0d captures reached stage %0d, tags of 1 and %0d bits",
             steps, caps, L, W);
    $sformat(tb_fail_text, "LANE_LAT %0d, tags of 1 and %0d bits", L, W);
    tb_finish(tb_pass_text, tb_fail_text);
  end
endmodule
