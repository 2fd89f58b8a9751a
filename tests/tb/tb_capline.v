// tb_capline.v - self-checking testbench for vssa_capline (gen/rtl/capline.v).
// Two instances: the template's default (a 1-bit tag) and one with a 9-bit
// tag. issue_i, cap_i and the tags are random every cycle (cap_i also
// without an issue, as a sequencer's unqualified flag), in runs of busy
// and quiet stretches, with the reset pulsed mid-run. A reference keeps
// the inputs of the last cycles and checks every output, every cycle:
// the step of stages 1 to 4, s1_cap_o (cap_i of the last cycle), the
// capture in stage 4 (an issue with cap_i three cycles before stage 1),
// the tag of four cycles ago, capfl_o (an issue with cap_i in the last
// cycle, or a capture in stages 1 to 3 then) and busy_o; after a reset
// every flag reads zero until refilled.
// Prints one final line: PASS tb_capline: ... or FAIL tb_capline: ...
`timescale 1ns/1ps
module tb_capline;
  localparam TB_NAME = "tb_capline";
  `include "tb_common.vh"
  localparam integer W = 9, H = 8;

  reg          issue = 1'b0, cap = 1'b0;
  reg  [0:0]   tag0 = 1'b0;
  reg  [W-1:0] tag1 = {W{1'b0}};
  wire [1:0]   s1_step, s1_cap, s2_step, s3_step, s4_step, s4_cap, capfl, busy;
  wire [0:0]   t0;
  wire [W-1:0] t1;

  vssa_capline u0 (
    .clk_i (clk), .rst_ni (rst_n), .issue_i (issue), .cap_i (cap), .tag_i (tag0),
    .s1_step_o (s1_step[0]), .s1_cap_o (s1_cap[0]), .s2_step_o (s2_step[0]),
    .s3_step_o (s3_step[0]), .s4_step_o (s4_step[0]), .s4_cap_o (s4_cap[0]),
    .s4_tag_o (t0), .capfl_o (capfl[0]), .busy_o (busy[0]));
  vssa_capline #(.GRP_W (W)) u1 (
    .clk_i (clk), .rst_ni (rst_n), .issue_i (issue), .cap_i (cap), .tag_i (tag1),
    .s1_step_o (s1_step[1]), .s1_cap_o (s1_cap[1]), .s2_step_o (s2_step[1]),
    .s3_step_o (s3_step[1]), .s4_step_o (s4_step[1]), .s4_cap_o (s4_cap[1]),
    .s4_tag_o (t1), .capfl_o (capfl[1]), .busy_o (busy[1]));

  // hi[k], hc[k], ht[k]: issue_i, cap_i and the tag k cycles ago, zeros for
  // the cycles a reset cleared (the flags; the tag line has no reset).
  reg          hi [1:H];
  reg          hc [1:H];
  reg  [W-1:0] ht [1:H];
  reg          hr [1:H];     // a reset was low at that edge
  integer known = 0, k, caps = 0, steps = 0, flights = 0;
  reg e_s1, e_c1, e_s2, e_s3, e_s4, e_cap4, e_fl, e_busy;

  // an operation issued k cycles ago with no reset since (k = 1 .. 4)
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
      e_s3 = op(3);
      e_s4 = op(4);
      e_cap4 = opc(4);
      e_fl = opc(1) || opc(2) || opc(3) || opc(4);
      e_busy = e_s1 || e_s2 || e_s3;
      for (k = 0; k < 2; k = k + 1) begin
        if (s1_step[k] !== e_s1 || s2_step[k] !== e_s2 || s3_step[k] !== e_s3 ||
            s4_step[k] !== e_s4)
          tb_err("a stage's step differs");
        if (s1_cap[k] !== e_c1) tb_err("s1_cap_o differs");
        if (s4_cap[k] !== e_cap4) tb_err("s4_cap_o differs");
        if (capfl[k] !== e_fl) tb_err("capfl_o differs");
        if (busy[k] !== e_busy) tb_err("busy_o differs");
      end
      if (t0 !== ht[4][0] || t1 !== ht[4]) tb_err("the stage-4 tag differs");
      caps = caps + e_cap4;
      steps = steps + e_s4;
      flights = flights + (e_fl && !e_cap4);
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
    $sformat(tb_pass_text, "4000 cycles, %0d operations and %0d captures reached stage 4, tags of 1 and %0d bits",
             steps, caps, W);
    $sformat(tb_fail_text, "tags of 1 and %0d bits", W);
    tb_finish(tb_pass_text, tb_fail_text);
  end
endmodule
