// SPDX-License-Identifier: MIT
// tb_perf.v - self-checking testbench for vssa_perf (gen/rtl/perf.v).
//
// Random activity: run_i mostly high with idle stretches, per-lane busy and
// stall bits (a lane is never both: each lane-cycle is exactly one of busy,
// stalled or idle), tile_i and wait_i pulses, and clear_i now and then, also
// in the same cycle as activity. A reference keeps the six counters:
//  - the activity of cycle n (sampled at its closing edge) shows on the
//    counters in cycle n+2, after the edge that closes cycle n+1;
//  - cycles counts run cycles; busy, stall and idle add the lanes of each
//    kind (idle = ROWS - busy - stall); tiles and wait count the pulses;
//  - nothing is counted in a cycle with run_i low;
//  - clear_i zeroes every counter two cycles later, and wins over the
//    activity of its own cycle.
// A directed prologue checks the two-cycle latency on one isolated cycle.
// Prints one final line: PASS tb_perf: ... or FAIL tb_perf: ...
`timescale 1ns/1ps
module tb_perf;
  parameter integer ROWS   = 4;
  parameter integer FILL_W = 3;
  parameter integer CNT_W  = 32;
  parameter integer CYCLES = 4000;
  localparam integer NCNT  = 6;
  localparam TB_NAME = "tb_perf";
  `include "tb_common.vh"

  reg              clear, run, tile, wait_in;
  reg  [ROWS-1:0]  busy, stall;
  wire [CNT_W-1:0] cnt [0:NCNT-1];

  vssa_perf #(.ROWS(ROWS), .FILL_W(FILL_W), .CNT_W(CNT_W)) dut (
    .clk_i(clk), .rst_ni(rst_n), .clear_i(clear), .run_i(run), .tile_i(tile),
    .wait_i(wait_in), .busy_i(busy), .stall_i(stall),
    .cycles_o(cnt[0]), .busy_o(cnt[1]), .stall_o(cnt[2]), .idle_o(cnt[3]),
    .tiles_o(cnt[4]), .wait_o(cnt[5])
  );

  reg [8*8-1:0] name [0:NCNT-1];
  reg [CNT_W-1:0] ref_cnt [0:NCNT-1];
  // the activity sampled at the previous edge, not yet counted
  reg             p_valid, p_clear, p_run;
  integer         p_add [0:NCNT-1];
  integer k, nb, ns, clears;

  function integer ones(input [ROWS-1:0] v);
    integer i;
    begin
      ones = 0;
      for (i = 0; i < ROWS; i = i + 1) ones = ones + v[i];
    end
  endfunction

  task check;
    begin
      for (k = 0; k < NCNT; k = k + 1)
        if (cnt[k] !== ref_cnt[k]) begin
          tb_err("a counter is wrong");
          if (tb_show) $display("    %0s counter %0d, expected %0d", name[k], cnt[k], ref_cnt[k]);
        end
    end
  endtask

  // One cycle with the given inputs; the reference applies last cycle's
  // sample at this edge, then samples this cycle's.
  task cycle(input c, input r, input t, input w, input [ROWS-1:0] b, input [ROWS-1:0] s);
    begin
      clear = c; run = r; tile = t; wait_in = w; busy = b; stall = s;
      @(posedge clk);
      if (p_valid) begin
        if (p_clear)
          for (k = 0; k < NCNT; k = k + 1) ref_cnt[k] = 0;
        else if (p_run)
          for (k = 0; k < NCNT; k = k + 1) ref_cnt[k] = ref_cnt[k] + p_add[k];
      end
      p_valid = 1'b1; p_clear = c; p_run = r;
      p_add[0] = 1; p_add[1] = ones(b); p_add[2] = ones(s);
      p_add[3] = ROWS - ones(b) - ones(s); p_add[4] = t; p_add[5] = w;
      #1;
      check;
    end
  endtask

  // Random lanes: each busy, stalled or idle.
  task rand_lanes(output [ROWS-1:0] b, output [ROWS-1:0] s);
    integer i, r;
    begin
      for (i = 0; i < ROWS; i = i + 1) begin
        r = tb_rand(3);
        b[i] = r == 0; s[i] = r == 1;
      end
    end
  endtask

  integer i;
  reg [ROWS-1:0] b, s;
  initial begin
    name[0] = "cycles"; name[1] = "busy"; name[2] = "stall";
    name[3] = "idle";   name[4] = "tiles"; name[5] = "wait";
    tb_seed(17); clears = 0; p_valid = 1'b0;
    for (k = 0; k < NCNT; k = k + 1) ref_cnt[k] = 0;
    {clear, run, tile, wait_in, busy, stall} = 0;
    tb_reset(2);
    // directed: the activity of one cycle, n, among idle ones is not
    // visible in cycle n+1 and is in cycle n+2
    cycle(0, 0, 0, 0, 0, 0);
    cycle(0, 1, 1, 1, {ROWS{1'b1}}, 0);   // cycle n; we are now in n+1
    if (cnt[0] !== 0 || cnt[4] !== 0) tb_err("counted one cycle later, not two");
    cycle(0, 0, 0, 0, 0, 0);              // now in n+2
    if (cnt[0] !== 1 || cnt[1] !== ROWS || cnt[4] !== 1 || cnt[5] !== 1)
      tb_err("not counted two cycles later");
    // random activity
    for (i = 0; i < CYCLES; i = i + 1) begin
      rand_lanes(b, s);
      cycle(tb_one_in(97), (i / 300) % 4 == 3 ? tb_one_in(4) : !tb_one_in(8),
            tb_one_in(5), tb_one_in(3), b, s);
      if (clear) clears = clears + 1;
    end
    // the totals must be large enough to have meant something
    if (clears < 10) begin
      tb_err("too few clears");
      if (tb_show) $display("    %0d clears", clears);
    end
    $sformat(tb_pass_text, "%0d cycles, %0d clears, ROWS=%0d", CYCLES, clears, ROWS);
    tb_finish(tb_pass_text, "");
  end

  initial tb_watchdog(CYCLES + 100);
endmodule
