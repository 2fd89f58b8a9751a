// tb_pe.v - self-checking testbench for the digit-serial PE: random query
// and key vectors at every precision the digit allows, one tile at a time,
// with random bubbles (step low) between operations. The captured score must
// equal the plain dot product of q with the key truncated to p bits, shifted
// back by the plane count the tile ran. Prints PASS or FAIL.
`timescale 1ns/1ps
module tb_pe;
  parameter integer DIGIT = 4;
  parameter integer D     = 16;
  parameter integer ACC_W = 20;    // vssa_score_width(16)
  parameter integer TILES = 400;
  localparam integer MAXP = 8 / DIGIT;

  reg              clk = 1'b0;
  reg              rst_n = 1'b0;
  reg  [7:0]       q;
  reg  [DIGIT:0]   digit;
  reg              step, mac, first, plane_start, capture;
  wire [ACC_W-1:0] score;

  vssa_pe #(.DIGIT(DIGIT), .ACC_W(ACC_W)) dut (
    .clk_i(clk), .rst_ni(rst_n), .q_i(q), .digit_i(digit), .step_i(step),
    .mac_i(mac), .first_i(first), .plane_i(plane_start), .capture_i(capture),
    .score_o(score)
  );

  always #5 clk = ~clk;

  reg signed [7:0] qv [0:D-1];
  reg signed [7:0] kv [0:D-1];
  integer tile, t, pl, p, tp, errors, seed;
  reg signed [63:0] expect_v, got;

  // One operation; random bubbles in front of it must not disturb the sum.
  task op(input [7:0] qe, input [DIGIT:0] de, input m, input f, input ps, input cap);
    begin
      while (($random(seed) & 3) == 0) begin
        step = 1'b0; mac = 1'b0; first = 1'b0; plane_start = 1'b0; capture = 1'b0;
        @(posedge clk); #1;
      end
      q = qe; digit = de; step = 1'b1; mac = m; first = f; plane_start = ps; capture = cap;
      @(posedge clk); #1;
      step = 1'b0; capture = 1'b0;
    end
  endtask

  function [DIGIT:0] digit_of(input [7:0] k, input integer plane);
    reg [7:0] sh;
    begin
      sh = k >> (8 - DIGIT * (plane + 1));
      digit_of = {plane == 0 ? sh[DIGIT-1] : 1'b0, sh[DIGIT-1:0]};
    end
  endfunction

  initial begin
    errors = 0;
    seed = 7;
    step = 1'b0; mac = 1'b0; first = 1'b0; plane_start = 1'b0; capture = 1'b0;
    q = 8'd0; digit = {(DIGIT + 1){1'b0}};
    repeat (2) @(posedge clk);
    #1 rst_n = 1'b1;
    for (tile = 0; tile < TILES; tile = tile + 1) begin
      tp = 1 + ($unsigned($random(seed)) % MAXP);    // planes the tile runs
      p  = $unsigned($random(seed)) % (tp + 1);      // planes of this lane's token
      for (t = 0; t < D; t = t + 1) begin
        qv[t] = (tile % 7 == 0) ? -8'sd128 : $random(seed);
        kv[t] = (tile % 7 == 0) ? -8'sd128 : $random(seed);
      end
      expect_v = 0;
      for (t = 0; t < D; t = t + 1)
        expect_v = expect_v + qv[t] * ((p == 0) ? 0 : ((kv[t] >>> (8 - DIGIT * p)) <<< (8 - DIGIT * p)));
      // the drain realigns by the planes the tile did not run
      expect_v = expect_v >>> (8 - DIGIT * tp);
      for (pl = 0; pl < tp; pl = pl + 1)
        for (t = 0; t < D; t = t + 1)
          op(qv[t], digit_of(kv[t], pl), pl < p, pl == 0 && t == 0, pl != 0 && t == 0,
             pl == tp - 1 && t == D - 1);
      got = $signed(score);
      if (got !== expect_v) begin
        errors = errors + 1;
        if (errors <= 5)
          $display("FAIL tile %0d (p=%0d of %0d planes): expected %0d, got %0d", tile, p, tp,
                   expect_v, got);
      end
    end
    if (errors == 0) $display("PASS tb_pe: %0d tiles, DIGIT=%0d D=%0d", TILES, DIGIT, D);
    else $display("FAIL tb_pe: %0d of %0d tiles wrong", errors, TILES);
    $finish;
  end
endmodule
