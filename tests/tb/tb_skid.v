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

  reg          clk = 1'b0;
  reg          rst_n = 1'b0;
  reg          valid_i, ready_i;
  reg  [W-1:0] data_i;
  wire         ready_o, valid_o;
  wire [W-1:0] data_o;

  vssa_skid #(.W(W)) dut (
    .clk_i(clk), .rst_ni(rst_n), .valid_i(valid_i), .ready_o(ready_o), .data_i(data_i),
    .valid_o(valid_o), .ready_i(ready_i), .data_o(data_o)
  );

  always #5 clk = ~clk;

  integer seed, errors, sent, recvd, cyc;
  reg [W-1:0] sb [0:QN-1];          // beats accepted, in order
  reg [W-1:0] next_beat;            // payload of the beat on offer
  reg         offering;

  task err(input [8*64-1:0] what);
    begin
      errors = errors + 1;
      if (errors <= 8) $display("  cycle %0d: %0s", cyc, what);
    end
  endtask

  // ---- outputs move only right after a clock edge
  realtime t_edge;
  reg      armed = 1'b0;
  always @(posedge clk) t_edge = $realtime;
  always @(ready_o or valid_o or data_o)
    if (armed && $realtime != t_edge) err("an output changed away from a clock edge");

  // ---- one cycle. p_gap: percent of cycles the source pauses (when it has
  // no beat on offer); p_stall: percent of cycles the sink is not ready.
  task cycle(input integer p_gap, input integer p_stall);
    reg v_seen, r_seen;
    reg [W-1:0] d_seen;
    begin
      if (!offering && ($unsigned($random(seed)) % 100) >= p_gap && sent < BEATS) begin
        offering = 1'b1;
        next_beat = ($random(seed) << 12) | (sent % 4096);   // numbered, for W >= 12
      end
      // junk first: outputs must not follow it
      valid_i = $random(seed); ready_i = $random(seed); data_i = $random(seed);
      #1;
      valid_i = offering;
      ready_i = ($unsigned($random(seed)) % 100) >= p_stall;
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
        if (recvd >= sent - (valid_i && r_seen)) err("a beat came out that was never sent");
        else if (d_seen !== sb[recvd % QN]) begin
          err("beat lost, duplicated or reordered");
          $display("    beat %0d: expected %h, got %h", recvd, sb[recvd % QN], d_seen);
        end
        recvd = recvd + 1;
      end
      #1;
      if (v_seen && !ready_i && (valid_o !== 1'b1 || data_o !== d_seen))
        err("an offered beat did not hold still under back-pressure");
      cyc = cyc + 1;
    end
  endtask

  integer i, n0, m0;
  initial begin
    seed = 5; errors = 0; sent = 0; recvd = 0; cyc = 0; offering = 1'b0;
    valid_i = 1'b0; ready_i = 1'b0; data_i = 0;
    repeat (2) @(posedge clk);
    #1 rst_n = 1'b1;
    @(posedge clk); #1;
    if (valid_o !== 1'b0 || ready_o !== 1'b1) err("after reset: expected valid_o 0, ready_o 1");
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
      begin err("not one beat per cycle at full throughput");
            $display("    %0d in, %0d out in 200 cycles", sent - n0, recvd - m0); end
    // drain: everything sent must come out
    for (i = 0; i < 20; i = i + 1) cycle(100, 0);
    if (recvd != sent) begin
      err("beats left inside the stage");
      $display("    %0d sent, %0d received", sent, recvd);
    end
    if (errors == 0)
      $display("PASS tb_skid: %0d beats in order, registered ready/valid, full throughput", sent);
    else
      $display("FAIL tb_skid: %0d errors (%0d beats sent, %0d received)", errors, sent, recvd);
    $finish;
  end

  initial begin
    #(100 * (20 * BEATS + 2000));
    $display("FAIL tb_skid: timeout (%0d errors)", errors);
    $finish;
  end
endmodule
