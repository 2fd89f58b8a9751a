// SPDX-License-Identifier: MIT
// tb_common.vh - the scaffolding the module testbenches in tests/tb share.
// Include it inside the testbench's module body, after the name its final
// line carries:
//     localparam TB_NAME = "tb_<module>";
//     `include "tb_common.vh"
// (run_tb.sh compiles with iverilog -g2005 -I tests/tb). Verilog-2005 only,
// and no initial block: a testbench may include it in more than one module.
//
// Clock, reset, cycles
//   clk            period TB_PERIOD (10), low at time 0, rising at 5, 15, ...
//   rst_n          active-low reset, low until tb_reset(N) releases it one
//                  time unit after the N-th rising edge.
//   cyc            rising edges of clk so far. It counts by a non-blocking
//                  update, so code woken by @(posedge clk) still reads the
//                  count before that edge, and reads the new one after #1.
// Seed
//   seed           the seed of every $random(seed) and of the helpers below;
//                  tb_seed(DEFAULT) sets it to DEFAULT, or to DEFAULT + N when
//                  the simulation runs with +seed=N (and says so).
// Checks and the final line
//   errors         failed checks so far.
//   tb_err(WHAT)   counts a failed check and prints "  cycle C: WHAT" (with
//                  " (tb_where)" after C when the testbench set tb_where with
//                  $sformat) for the first TB_SHOW (10) of them. tb_show
//                  says whether it printed this one, so that the
//                  testbench's own detail lines follow it under
//                  `if (tb_show)`.
//   tb_finish(PASS_TEXT, FAIL_TEXT) prints the one final line and ends the
//                  simulation: "PASS <TB_NAME>: PASS_TEXT" with no errors,
//                  else "FAIL <TB_NAME>: <errors> errors" and ", FAIL_TEXT"
//                  when FAIL_TEXT is not empty. tb_pass_text and tb_fail_text
//                  are there to $sformat the two texts into.
//   tb_fatal(WHAT) the final line for a testbench that cannot go on (stimulus
//                  out of step, nothing to wait for): "FAIL <TB_NAME>: WHAT",
//                  with the errors counted before it, and ends the simulation.
//   tb_watchdog(N) (call it from an initial block of its own) ends a run
//                  still going after N clock periods with
//                  "FAIL <TB_NAME>: timeout after N cycles".
// Random choices, all drawing one $random(seed)
//   tb_rand(N)     uniform in 0..N-1 ($unsigned($random(seed)) % N).
//   tb_one_in(N)   true one time in N; tb_pct(P): true P percent of the time.
//   tb_bubble(N)   a stream source's bubble: true one cycle in N, in which
//                  the source offers nothing (valid low, junk payload). Per
//                  cycle, `valid = !tb_bubble(4)`; before each beat,
//                  `while (tb_bubble(4)) <a bubble cycle>` (geometric gaps).
//   tb_ready(P)    a random-ready sink: ready, except in P percent of the
//                  cycles (back-pressure).
//   tb_sink(MODE, CUR)  a sink's next ready from its current one, by MODE:
//                  TB_SINK_ALWAYS (always ready, draws nothing),
//                  TB_SINK_HALF (ready half the time, at random),
//                  TB_SINK_STALLS (flips one cycle in 16: long stalls broken
//                  by long bursts).
// Numbers
//   width_of(v)    bits of the narrowest two's complement that holds v
//                  (a signed 64-bit value): the width a sum needs.
// Outputs that must be registered
//   tb_off_edge(0) true unless the simulation time is that of the latest
//                  rising edge of clk: `always @(OUTPUTS) if (tb_off_edge(0))
//                  tb_err(...)` catches an output that follows an input
//                  within a cycle (drive the inputs after the edge).

localparam integer TB_PERIOD = 10;
localparam integer TB_SHOW   = 10;
localparam integer TB_SINK_ALWAYS = 0, TB_SINK_HALF = 1, TB_SINK_STALLS = 2;

reg          clk    = 1'b0;
reg          rst_n  = 1'b0;
integer      cyc    = 0;
integer      seed   = 1;
integer      errors = 0;
reg          tb_show = 1'b0;
reg [8*64-1:0] tb_where = 0;
reg [8*480-1:0] tb_pass_text = 0;
reg [8*240-1:0] tb_fail_text = 0;

always #(TB_PERIOD / 2) clk = ~clk;
always @(posedge clk) cyc <= cyc + 1;

task tb_seed(input integer dflt);
  integer n;
  begin
    seed = dflt;
    if ($value$plusargs("seed=%d", n)) begin
      seed = dflt + n;
      $display("  seed %0d (%0d + %0d from +seed)", seed, dflt, n);
    end
  end
endtask

task tb_reset(input integer n);
  begin
    rst_n = 1'b0;
    repeat (n) @(posedge clk);
    #1 rst_n = 1'b1;
  end
endtask

task tb_err(input [8*80-1:0] what);
  begin
    errors  = errors + 1;
    tb_show = errors <= TB_SHOW;
    if (tb_show) begin
      if (tb_where == 0) $display("  cycle %0d: %0s", cyc, what);
      else $display("  cycle %0d (%0s): %0s", cyc, tb_where, what);
    end
  end
endtask

task tb_finish(input [8*480-1:0] pass_text, input [8*240-1:0] fail_text);
  begin
    if (errors == 0) $display("PASS %0s: %0s", TB_NAME, pass_text);
    else if (fail_text == 0) $display("FAIL %0s: %0d errors", TB_NAME, errors);
    else $display("FAIL %0s: %0d errors, %0s", TB_NAME, errors, fail_text);
    $finish;
  end
endtask

task tb_fatal(input [8*120-1:0] what);
  begin
    if (errors == 0) $display("FAIL %0s: %0s", TB_NAME, what);
    else $display("FAIL %0s: %0s (after %0d errors)", TB_NAME, what, errors);
    $finish;
  end
endtask

task tb_watchdog(input integer n);
  reg [8*40-1:0] what;
  begin
    #(TB_PERIOD * n);
    $sformat(what, "timeout after %0d cycles", n);
    tb_fatal(what);
  end
endtask

function integer tb_rand(input integer n);
  tb_rand = $unsigned($random(seed)) % n;
endfunction

function tb_one_in(input integer n);
  tb_one_in = tb_rand(n) == 0;
endfunction

function tb_pct(input integer p);
  tb_pct = tb_rand(100) < p;
endfunction

function tb_bubble(input integer n);
  tb_bubble = tb_one_in(n);
endfunction

function tb_ready(input integer stall_pct);
  tb_ready = !tb_pct(stall_pct);
endfunction

function tb_sink(input integer mode, input cur);
  case (mode)
    TB_SINK_ALWAYS: tb_sink = 1'b1;
    TB_SINK_STALLS: tb_sink = tb_one_in(16) ? !cur : cur;
    default:        tb_sink = !tb_one_in(2);
  endcase
endfunction

function integer width_of(input signed [63:0] v);
  integer k;
  begin
    width_of = 1;
    for (k = 1; k < 63; k = k + 1)
      if (v < -(64'sd1 <<< (k - 1)) || v > (64'sd1 <<< (k - 1)) - 1) width_of = k + 1;
  end
endfunction

realtime tb_edge_at = -1.0;
always @(posedge clk) tb_edge_at = $realtime;

function tb_off_edge(input dummy);
  tb_off_edge = $realtime != tb_edge_at;
endfunction
