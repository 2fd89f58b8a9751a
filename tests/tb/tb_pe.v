// tb_pe.v - self-checking testbench for the digit-serial PE (gen/rtl/pe.v):
// random query and key vectors at every precision the digit allows, one tile
// at a time, with random bubbles between operations, driven the way a lane
// drives it:
//  - stage 2: q_i, digit_i and mul_i of an operation (mul_i low for planes
//    at or past the token's own plane count: the product must then be 0);
//  - stage 3, one cycle later: step_i, first_i, plane_i, capture_i and
//    planes_i of the same operation.
// In a bubble step_i is low and every other input carries junk, which must
// not disturb the sum. The captured score must equal the plain dot product
// of q with the key truncated to p bits (p = the token's planes times
// DIGIT): the PE aligns a tile of P planes by DIGIT*(MAX_PLANES - P) itself.
// The hold register (score_o) is also checked every cycle: it keeps the
// capture until shift_i loads shift_in_i (the drain chain, shifted at random
// times between captures). Parameters, all overridable with -P:
//   DIGIT, MAX_PLANES = 8/DIGIT, PLANE_W (holds 0..MAX_PLANES), ACC_W.
// ACC_W one bit narrower than the minimum for D (vssa_score_width: 20 for
// D = 16) must make the all -128 tiles fail. Prints one final line:
// PASS tb_pe: ... or FAIL tb_pe: ...
`timescale 1ns/1ps
module tb_pe;
  parameter integer DIGIT      = 4;
  parameter integer MAX_PLANES = 2;
  parameter integer PLANE_W    = 2;
  parameter integer D          = 16;
  parameter integer ACC_W      = 20;    // vssa_score_width(16)
  parameter integer TILES      = 400;

  reg                clk = 1'b0;
  reg                rst_n = 1'b0;
  reg  [7:0]         q;
  reg  [DIGIT:0]     digit;
  reg                mul;
  reg                step, first, plane_start, capture, shift;
  reg  [PLANE_W-1:0] planes;
  reg  [ACC_W-1:0]   shift_in;
  wire [ACC_W-1:0]   score;

  vssa_pe #(.DIGIT(DIGIT), .MAX_PLANES(MAX_PLANES), .PLANE_W(PLANE_W), .ACC_W(ACC_W)) dut (
    .clk_i(clk), .rst_ni(rst_n), .q_i(q), .digit_i(digit), .mul_i(mul),
    .step_i(step), .first_i(first), .plane_i(plane_start), .capture_i(capture),
    .planes_i(planes), .shift_i(shift), .shift_in_i(shift_in), .score_o(score)
  );

  always #5 clk = ~clk;

  reg signed [7:0] qv [0:D-1];
  reg signed [7:0] kv [0:D-1];
  integer tile, t, pl, p, tp, errors, seed, shifts, cyc;
  reg signed [63:0] expect_v;
  reg [ACC_W-1:0]   hold_ref;     // score_o expected after the edge
  // stage-3 control of the operation now in stage 2 (applied next cycle)
  reg               n_step, n_first, n_pstart, n_cap;
  reg [PLANE_W-1:0] n_planes;

  // Clock one cycle: stage 3 gets the control queued by the previous call,
  // stage 2 the given operands; a bubble (op = 0) queues junk control with
  // step low. Between captures the drain may shift the hold register.
  task clock(input op, input [7:0] qe, input [DIGIT:0] de, input m,
             input f, input ps, input cap, input [PLANE_W-1:0] np);
    begin
      step = n_step; first = n_first; plane_start = n_pstart; capture = n_cap;
      planes = n_planes;
      q = qe; digit = de; mul = m;
      shift = !(n_step && n_cap) && ($unsigned($random(seed)) % 3 == 0);
      shift_in = {$random(seed), $random(seed)};
      if (op) begin
        n_step = 1'b1; n_first = f; n_pstart = ps; n_cap = cap; n_planes = np;
      end else begin
        n_step = 1'b0; n_first = $random(seed); n_pstart = $random(seed);
        n_cap = $random(seed); n_planes = $random(seed);
      end
      @(posedge clk);
      if (step && capture) hold_ref = expect_v[ACC_W-1:0];
      else if (shift) begin hold_ref = shift_in; shifts = shifts + 1; end
      #1;
      if (score !== hold_ref) begin
        errors = errors + 1;
        if (errors <= 5)
          $display("  cycle %0d tile %0d (p=%0d of %0d planes): score_o %0d, expected %0d%0s",
                   cyc, tile, p, tp, $signed(score), $signed(hold_ref),
                   step && capture ? " (capture)" : shift ? " (shift)" : " (hold)");
      end
      cyc = cyc + 1;
    end
  endtask

  // One operation, with random bubbles in front of it.
  task op(input [7:0] qe, input [DIGIT:0] de, input m, input f, input ps, input cap);
    begin
      while (($random(seed) & 3) == 0)
        clock(1'b0, $random(seed), $random(seed), $random(seed), 1'b0, 1'b0, 1'b0, 0);
      // a digit that is not multiplied is junk: its product must still be 0
      clock(1'b1, qe, m ? de : $random(seed), m, f, ps, cap, tp);
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

  initial begin
    errors = 0; seed = 7; shifts = 0; cyc = 0; hold_ref = 0; expect_v = 0;
    step = 1'b0; first = 1'b0; plane_start = 1'b0; capture = 1'b0; shift = 1'b0;
    planes = 0; shift_in = 0; q = 8'd0; digit = 0; mul = 1'b0;
    n_step = 1'b0; n_first = 1'b0; n_pstart = 1'b0; n_cap = 1'b0; n_planes = 0;
    if (MAX_PLANES * DIGIT != 8 || (1 << PLANE_W) <= MAX_PLANES) begin
      $display("FAIL tb_pe: inconsistent parameters DIGIT=%0d MAX_PLANES=%0d PLANE_W=%0d",
               DIGIT, MAX_PLANES, PLANE_W);
      $finish;
    end
    repeat (2) @(posedge clk);
    #1 rst_n = 1'b1;
    for (tile = 0; tile < TILES; tile = tile + 1) begin
      tp = 1 + ($unsigned($random(seed)) % MAX_PLANES);  // planes the tile runs
      p  = $unsigned($random(seed)) % (tp + 1);          // planes of this lane's token
      for (t = 0; t < D; t = t + 1) begin
        qv[t] = (tile % 7 == 0) ? -8'sd128 : $random(seed);
        kv[t] = (tile % 7 == 0) ? -8'sd128 : $random(seed);
      end
      if (tile % 7 == 0) begin tp = MAX_PLANES; p = MAX_PLANES; end  // the extreme score
      expect_v = 0;
      for (t = 0; t < D; t = t + 1)
        expect_v = expect_v + qv[t] * ((p == 0) ? 0 : ((kv[t] >>> (8 - DIGIT * p)) <<< (8 - DIGIT * p)));
      for (pl = 0; pl < tp; pl = pl + 1)
        for (t = 0; t < D; t = t + 1)
          op(qv[t], digit_of(kv[t], pl), pl < p, pl == 0 && t == 0, pl != 0 && t == 0,
             pl == tp - 1 && t == D - 1);
      // the capture is in stage 2 now: one more cycle brings it to stage 3
      clock(1'b0, $random(seed), $random(seed), $random(seed), 1'b0, 1'b0, 1'b0, 0);
      // score_o followed hold_ref modulo 2^ACC_W above; the score itself
      // must also fit ACC_W
      if ($signed(score) !== expect_v) begin
        errors = errors + 1;
        if (errors <= 5)
          $display("  tile %0d (p=%0d of %0d planes): captured %0d, expected %0d", tile, p, tp,
                   $signed(score), expect_v);
      end
    end
    if (errors == 0)
      $display("PASS tb_pe: %0d tiles, %0d shifts, DIGIT=%0d MAX_PLANES=%0d D=%0d ACC_W=%0d",
               TILES, shifts, DIGIT, MAX_PLANES, D, ACC_W);
    else
      $display("FAIL tb_pe: %0d errors in %0d tiles (DIGIT=%0d ACC_W=%0d)", errors, TILES,
               DIGIT, ACC_W);
    $finish;
  end
endmodule
