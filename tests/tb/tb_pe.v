// SPDX-License-Identifier: MIT
// tb_pe.v - self-checking testbench for the digit-serial PE (gen/rtl/pe.v):
// random tiles of both phases at every precision the digit allows, with
// random bubbles between operations, driven the way a lane drives it:
//  - stage 3: a_i, digit_i and plane_i of an operation (digit_i 0 for
//    planes at or past the token's own plane count, as the lane clears it);
//  - stage 4, one cycle later: step_i, first_i and capture_i of the same
//    operation.
// A Q.K^T tile runs planes 0..P-1 of D steps each (plane-major), the column
// operand a query element sign-extended to 9 bits, the lane's key having
// 0..P planes. A P.V tile runs 1..D value tokens in turn, each only its own
// 1..MAX_PLANES planes, so tokens of different plane counts share one sum;
// the column operand is an exponential 0..255 with a 0 on top. In both, the
// captured sum must equal the sum of a * digit * 2^(DIGIT*(MAX_PLANES-1-
// plane)) over the tile's operations, that is the plain dot product of the
// column operands with the lane elements truncated to their planes.
// In a bubble step_i is low and every other input carries junk, which must
// not disturb the sum. The hold register (score_o) is also checked every
// cycle: it keeps the capture until shift_i loads shift_in_i (the drain
// chain, shifted at random times between captures). Before the tiles, every
// 9-bit column operand meets every digit a lane can send (-2^(DIGIT-1) ..
// 2^DIGIT - 1) at a random plane, one operation a tile: below DIGIT 8 the
// product is a Booth sum of its own, with no case the tiles may miss.
// Parameters, all
// overridable with -P:
//   DIGIT, MAX_PLANES = 8/DIGIT, PLANE_W (holds 0..MAX_PLANES), D, ACC_W.
// The extreme tiles (Q.K^T: D x (-128 * -128); P.V: D x (255 * -128) and
// D x (255 * 127)) need exactly vssa_score_width(D) = vssa_pv_width(D) bits
// (20 for D = 16), and the testbench fails if ACC_W is wider than its widest
// sum needs, so that ACC_W one bit narrower than the minimum is sure to make
// the extreme tiles fail. Prints one final line: PASS tb_pe: ... or
// FAIL tb_pe: ...
`timescale 1ns/1ps
module tb_pe;
  parameter integer DIGIT      = 4;
  parameter integer MAX_PLANES = 2;
  parameter integer PLANE_W    = 2;
  parameter integer D          = 16;
  parameter integer ACC_W      = 20;    // vssa_score_width(16) = vssa_pv_width(16)
  parameter integer TILES      = 600;
  localparam TB_NAME = "tb_pe";
  `include "tb_common.vh"

  reg  [8:0]         a;
  reg  [DIGIT:0]     digit;
  reg  [PLANE_W-1:0] plane;
  reg                step, first, capture, shift;
  reg  [ACC_W-1:0]   shift_in;
  wire [ACC_W-1:0]   score;

  vssa_pe #(.DIGIT(DIGIT), .MAX_PLANES(MAX_PLANES), .PLANE_W(PLANE_W), .ACC_W(ACC_W)) dut (
    .clk_i(clk), .rst_ni(rst_n), .a_i(a), .digit_i(digit), .plane_i(plane),
    .step_i(step), .first_i(first), .capture_i(capture),
    .shift_i(shift), .shift_in_i(shift_in), .score_o(score)
  );

  // Q.K^T: av = query elements, lv = key elements; P.V: av = exponentials,
  // lv = value elements of D tokens, lp = each token's planes.
  reg signed [8:0] av [0:D-1];
  reg signed [7:0] lv [0:D-1];
  integer          lp [0:D-1];
  integer tile, t, pl, p, tp, n, shifts, need_w, w;
  integer qk_tiles, pv_tiles, mixed_tiles, a255, am128, ai, di, sweeps;
  reg              pv, one, more;
  reg signed [7:0] r8;
  reg signed [63:0] expect_v;
  reg [ACC_W-1:0]   hold_ref;     // score_o expected after the edge
  // stage-4 control of the operation now in stage 3 (applied next cycle)
  reg               n_step, n_first, n_cap;

  // Clock one cycle: stage 4 gets the control queued by the previous call,
  // stage 3 the given operands; a bubble (op = 0) queues junk control with
  // step low. Between captures the drain may shift the hold register.
  task clock(input op, input [8:0] ae, input [DIGIT:0] de, input [PLANE_W-1:0] pe,
             input f, input cap);
    begin
      step = n_step; first = n_first; capture = n_cap;
      a = ae; digit = de; plane = pe;
      shift = !(n_step && n_cap) && tb_one_in(3);
      shift_in = {$random(seed), $random(seed)};
      if (op) begin
        n_step = 1'b1; n_first = f; n_cap = cap;
      end else begin
        n_step = 1'b0; n_first = $random(seed); n_cap = $random(seed);
      end
      @(posedge clk);
      if (step && capture) hold_ref = expect_v[ACC_W-1:0];
      else if (shift) begin hold_ref = shift_in; shifts = shifts + 1; end
      #1;
      if (score !== hold_ref) begin
        tb_err("score_o wrong");
        if (tb_show)
          $display("    tile %0d (%0s): score_o %0d, expected %0d%0s",
                   tile, pv ? "P.V" : "Q.K^T", $signed(score), $signed(hold_ref),
                   step && capture ? " (capture)" : shift ? " (shift)" : " (hold)");
      end
    end
  endtask

  // One operation, with random bubbles in front of it.
  task op(input [8:0] ae, input [DIGIT:0] de, input [PLANE_W-1:0] pe, input m, input f,
          input cap);
    begin
      while (tb_bubble(4))
        clock(1'b0, $random(seed), $random(seed), $random(seed), 1'b0, 1'b0);
      // a plane the token does not have: the lane sends the digit 0
      clock(1'b1, ae, m ? de : {(DIGIT + 1){1'b0}}, pe, f, cap);
      if (ae == 9'd255) a255 = a255 + 1;
      if (ae == 9'h180) am128 = am128 + 1;
    end
  endtask

  // The digit of plane pl (most significant first), sign-extended on plane 0.
  function [DIGIT:0] digit_of(input [7:0] k, input integer plane);
    reg [7:0] sh;
    begin
      sh = k >> (8 - DIGIT * (plane + 1));
      digit_of = {plane == 0 ? sh[DIGIT-1] : 1'b0, sh[DIGIT-1:0]};
    end
  endfunction

  // An element truncated to its first np planes, at its int8 weight.
  function signed [63:0] trunc(input signed [7:0] x, input integer np);
    begin
      trunc = np == 0 ? 0 : (x >>> (8 - DIGIT * np)) <<< (8 - DIGIT * np);
    end
  endfunction

  initial begin
    tb_seed(7); shifts = 0; hold_ref = 0; expect_v = 0; need_w = 0;
    qk_tiles = 0; pv_tiles = 0; mixed_tiles = 0; a255 = 0; am128 = 0; pv = 1'b0;
    step = 1'b0; first = 1'b0; capture = 1'b0; shift = 1'b0;
    shift_in = 0; a = 9'd0; digit = 0; plane = 0;
    n_step = 1'b0; n_first = 1'b0; n_cap = 1'b0;
    if (MAX_PLANES * DIGIT != 8 || (1 << PLANE_W) <= MAX_PLANES) begin
      $sformat(tb_fail_text, "inconsistent parameters DIGIT=%0d MAX_PLANES=%0d PLANE_W=%0d",
               DIGIT, MAX_PLANES, PLANE_W);
      tb_fatal(tb_fail_text);
    end
    tb_reset(2);
    sweeps = 0;
    for (ai = -256; ai < 256; ai = ai + 1)
      for (di = -(1 << (DIGIT - 1)); di < (1 << DIGIT); di = di + 1) begin
        pl = tb_rand(MAX_PLANES);
        expect_v = ai * di * (1 << (DIGIT * (MAX_PLANES - 1 - pl)));
        clock(1'b1, ai, di, pl, 1'b1, 1'b1);
        clock(1'b0, $random(seed), $random(seed), $random(seed), 1'b0, 1'b0);
        if ($signed(score) !== expect_v) begin
          tb_err("single product wrong");
          if (tb_show)
            $display("    a %0d x digit %0d at plane %0d: captured %0d, expected %0d",
                     ai, di, pl, $signed(score), expect_v);
        end
        sweeps = sweeps + 1;
      end
    for (tile = 0; tile < TILES; tile = tile + 1) begin
      // even tiles Q.K^T, odd ones P.V; tile % 8: 0 the extreme Q.K^T score,
      // 3 and 5 the extreme P.V sums (the negative one with every token's
      // plane count mixed in: -128 truncates to itself), the rest random
      pv = tile % 2 == 1;
      expect_v = 0;
      if (!pv) begin
        tp = 1 + tb_rand(MAX_PLANES);  // planes the tile runs
        p  = tb_rand(tp + 1);          // planes of this lane's key
        if (tile % 8 == 0) begin tp = MAX_PLANES; p = MAX_PLANES; end
        for (t = 0; t < D; t = t + 1) begin
          r8 = $random(seed);
          av[t] = (tile % 8 == 0 || tb_one_in(8)) ? -9'sd128 : r8;
          lv[t] = (tile % 8 == 0) ? -8'sd128 : $random(seed);
          expect_v = expect_v + av[t] * trunc(lv[t], p);
        end
        for (pl = 0; pl < tp; pl = pl + 1)
          for (t = 0; t < D; t = t + 1)
            op(av[t], digit_of(lv[t], pl), pl, pl < p, pl == 0 && t == 0,
               pl == tp - 1 && t == D - 1);
        qk_tiles = qk_tiles + 1;
      end else begin
        n = (tile % 8 == 3 || tile % 8 == 5) ? D : 1 + tb_rand(D);
        for (t = 0; t < n; t = t + 1) begin
          case (tb_rand(8))
            0: av[t] = 9'sd255;
            1: av[t] = 9'sd0;
            default: av[t] = tb_rand(256);
          endcase
          lv[t] = tb_one_in(8) ? -8'sd128 : $random(seed);
          lp[t] = 1 + tb_rand(MAX_PLANES);
          if (tile % 8 == 3) begin
            av[t] = 9'sd255; lv[t] = -8'sd128; lp[t] = 1 + t % MAX_PLANES;
          end
          if (tile % 8 == 5) begin av[t] = 9'sd255; lv[t] = 8'sd127; lp[t] = MAX_PLANES; end
          expect_v = expect_v + av[t] * trunc(lv[t], lp[t]);
        end
        for (t = 0; t < n; t = t + 1)
          for (pl = 0; pl < lp[t]; pl = pl + 1)
            op(av[t], digit_of(lv[t], pl), pl, 1'b1, t == 0 && pl == 0,
               t == n - 1 && pl == lp[t] - 1);
        // tokens of one plane and of more in the same sum
        one = 1'b0; more = 1'b0;
        for (t = 0; t < n; t = t + 1) begin
          if (lp[t] == 1) one = 1'b1;
          else more = 1'b1;
        end
        if (one && more) mixed_tiles = mixed_tiles + 1;
        pv_tiles = pv_tiles + 1;
      end
      w = width_of(expect_v);
      if (w > need_w) need_w = w;
      // the capture is in stage 3 now: one more cycle brings it to stage 4
      clock(1'b0, $random(seed), $random(seed), $random(seed), 1'b0, 1'b0);
      // score_o followed hold_ref modulo 2^ACC_W above; the sum itself
      // must also fit ACC_W
      if ($signed(score) !== expect_v) begin
        tb_err("captured sum wrong");
        if (tb_show)
          $display("    tile %0d (%0s): captured %0d, expected %0d", tile, pv ? "P.V" : "Q.K^T",
                   $signed(score), expect_v);
      end
    end
    if (errors == 0 && need_w < ACC_W) begin
      tb_err("ACC_W is wider than the widest sum");
      $display("    the widest sum needs %0d bits, ACC_W=%0d: one bit less would go unnoticed",
               need_w, ACC_W);
    end
    if (errors == 0 && (a255 == 0 || am128 == 0 || (MAX_PLANES > 1 && mixed_tiles == 0))) begin
      tb_err("coverage: extreme operands or mixed planes missing");
      $display("    coverage: %0d operands of 255, %0d of -128, %0d P.V tiles of mixed planes",
               a255, am128, mixed_tiles);
    end
    $sformat(tb_pass_text, "%0d single products, %0d Q.K^T and %0d P.V tiles (%0d of mixed planes), %0d shifts, DIGIT=%0d MAX_PLANES=%0d D=%0d ACC_W=%0d",
             sweeps, qk_tiles, pv_tiles, mixed_tiles, shifts, DIGIT, MAX_PLANES, D, ACC_W);
    $sformat(tb_fail_text, "%0d tiles (DIGIT=%0d ACC_W=%0d, widest sum %0d bits)",
             TILES, DIGIT, ACC_W, need_w);
    tb_finish(tb_pass_text, tb_fail_text);
  end
endmodule
