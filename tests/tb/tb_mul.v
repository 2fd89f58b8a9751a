// SPDX-License-Identifier: MIT
// tb_mul.v - self-checking testbench for the pipelined multiplier vssa_mul
// (gen/rtl/mul.v) at one shape: A_W x B_W bits, each operand signed or
// unsigned (A_SIGNED, B_SIGNED), LATENCY = 1 + ceil(log2 partial products)
// as the module requires (a wrong one stops elaboration: run_tb.sh registers
// that as a must-stop run).
//
// The module has no valid: the testbench notes, for every cycle, whether it
// entered a pair and which product that pair must give. Stimulus, in order:
//  - every pair of NPAT extreme operands, one pair a cycle: 0, 1, all ones
//    (-1), the most negative and most positive signed values (the top bit
//    alone, all but the top bit), most negative + 1, -2, 0101... and
//    1010..., and the bits around the 17-bit digit boundaries (2^16,
//    2^17 - 1, 2^17, 2^34 - 1, 2^34, 2^51 - 1, 2^51), each cut to its
//    operand's width;
//  - N random pairs, the first half one a cycle, the second half with random
//    gaps (geometric, a third of the cycles) in which the operands carry junk
//    or x. Random operands: each 17-bit digit kept, zero, all ones or its top
//    bit alone; one in eight a small value sign-extended; one in eight an
//    extreme instead.
// Checked:
//  - p_o, exactly LATENCY cycles after each pair entered, equals the exact
//    product, computed here from operands sign- or zero-extended to
//    2*(A_W+B_W) bits (which must fit in A_W+B_W: the testbench checks that
//    too); !==, so x bits fail;
//  - every pair entered was checked once (the count of checks);
//  - p_o changes only at clock edges: the operands take junk just after the
//    falling edge and their real values 1 ns later, and a monitor notes any
//    change of p_o away from a rising edge.
// Parameters: A_W, B_W, A_SIGNED, B_SIGNED, LATENCY, N. Prints one final
// line: PASS tb_mul: ... or FAIL tb_mul: ...
`timescale 1ns/1ps
module tb_mul;
  parameter integer A_W      = 20;    // the template's defaults
  parameter integer B_W      = 32;
  parameter integer A_SIGNED = 0;
  parameter integer B_SIGNED = 0;
  parameter integer LATENCY  = 3;
  parameter integer N        = 2000;  // random pairs
  localparam integer P_W   = A_W + B_W;
  localparam integer X_W   = 2 * P_W;                 // the reference's width
  localparam integer MW    = A_W > B_W ? A_W : B_W;   // operand helpers' width
  localparam integer NA    = (A_W + 16) / 17;         // digits, for the report
  localparam integer NB    = (B_W + 16) / 17;
  localparam integer SIGNED = (A_SIGNED != 0 || B_SIGNED != 0) ? 1 : 0;
  localparam integer NPAT  = 16;                      // extreme operands
  localparam integer RING  = 64;                      // > LATENCY: cycles remembered
  localparam TB_NAME = "tb_mul";
  `include "tb_common.vh"

  reg  [A_W-1:0] a = {A_W{1'b0}};
  reg  [B_W-1:0] b = {B_W{1'b0}};
  wire [P_W-1:0] p;

  vssa_mul #(.A_W(A_W), .B_W(B_W), .A_SIGNED(A_SIGNED), .B_SIGNED(B_SIGNED),
             .LATENCY(LATENCY)) dut (
    .clk_i(clk), .a_i(a), .b_i(b), .p_o(p)
  );

  // ---- what entered in each cycle (by cyc at the falling edge, mod RING)
  reg           live [0:RING-1];
  reg [P_W-1:0] want [0:RING-1];
  reg [A_W-1:0] in_a [0:RING-1];
  reg [B_W-1:0] in_b [0:RING-1];
  integer fed = 0, checks = 0, gaps = 0, extremes = 0, randoms = 0;
  integer i, k, s, ck;   // ck: the checker's own

  // ---- operand helpers (MW bits; callers cut them to the operand's width)
  function [MW-1:0] ones(input integer n);   // n low bits set
    integer j;
    begin
      for (j = 0; j < MW; j = j + 1) ones[j] = j < n;
    end
  endfunction

  function [MW-1:0] bit_at(input integer n); // bit n alone (0 if n >= MW)
    integer j;
    begin
      for (j = 0; j < MW; j = j + 1) bit_at[j] = j == n;
    end
  endfunction

  // Extreme operand k (0..NPAT-1) of a w-bit operand.
  function [MW-1:0] pattern(input integer k, input integer w);
    reg [MW-1:0] v;
    integer j;
    begin
      case (k)
        0:  v = {MW{1'b0}};
        1:  v = bit_at(0);
        2:  v = ones(w);                   // -1, or the unsigned maximum
        3:  v = bit_at(w - 1);             // the most negative
        4:  v = ones(w - 1);               // the most positive
        5:  v = bit_at(w - 1) | bit_at(0); // the most negative + 1
        6:  v = ones(w) ^ bit_at(0);       // -2
        7, 8: for (j = 0; j < MW; j = j + 1) v[j] = (j % 2) == (k - 7);
        9:  v = bit_at(16);                // the low digit's top bit
        10: v = ones(17);
        11: v = bit_at(17);
        12: v = ones(34);
        13: v = bit_at(34);
        14: v = ones(51);
        default: v = bit_at(51);
      endcase
      pattern = v & ones(w);
    end
  endfunction

  // A random w-bit operand, shaped to reach digit-boundary carries.
  function [MW-1:0] rand_op(input integer w);
    reg [MW-1:0] v;
    reg [31:0]   r;
    integer j, d;
    begin
      v = {MW{1'b0}};
      for (j = 0; j < MW; j = j + 32) begin
        r = $random(seed);
        v = (v << 32) | r;
      end
      for (d = 0; d * 17 < w; d = d + 1) begin
        case (tb_rand(8))
          0: for (j = d * 17; j < d * 17 + 17 && j < MW; j = j + 1) v[j] = 1'b0;
          1: for (j = d * 17; j < d * 17 + 17 && j < MW; j = j + 1) v[j] = 1'b1;
          2: for (j = d * 17; j < d * 17 + 17 && j < MW; j = j + 1) v[j] = j == d * 17 + 16;
          default: ;
        endcase
      end
      if (tb_one_in(8)) begin   // a small value: 4 random bits, the top one extended
        r = $random(seed);
        for (j = 0; j < MW; j = j + 1) v[j] = r[j < 4 ? j : 3];
      end
      rand_op = v & ones(w);
    end
  endfunction

  // The exact product of x and y, from operands extended to X_W bits; it
  // must fit in P_W bits (the rest the extension of bit P_W-1).
  task product(input [A_W-1:0] x, input [B_W-1:0] y, output [P_W-1:0] prod);
    reg [X_W-1:0] xe, ye, full;
    begin
      xe   = {{(X_W - A_W){A_SIGNED != 0 && x[A_W-1]}}, x};
      ye   = {{(X_W - B_W){B_SIGNED != 0 && y[B_W-1]}}, y};
      full = xe * ye;
      if (full[X_W-1:P_W] !== {P_W{SIGNED != 0 && full[P_W-1]}}) begin
        $sformat(tb_fail_text, "the product of %h and %h does not fit in %0d bits", x, y, P_W);
        tb_fatal(tb_fail_text);
      end
      prod = full[P_W-1:0];
    end
  endtask

  // ---- one cycle's operands, from the falling edge: junk first (p_o must
  // not follow it), then the pair, noted under this cycle.
  task feed(input [A_W-1:0] x, input [B_W-1:0] y);
    begin
      @(negedge clk);
      a = rand_op(A_W);
      b = rand_op(B_W);
      s = cyc % RING;
      #1;
      a = x;
      b = y;
      live[s] = 1'b1;
      in_a[s] = x;
      in_b[s] = y;
      product(x, y, want[s]);
      fed = fed + 1;
    end
  endtask

  // A cycle without a pair: junk or x, noted as nothing to check.
  task gap;
    begin
      @(negedge clk);
      live[cyc % RING] = 1'b0;
      if (tb_one_in(2)) begin
        a = {A_W{1'bx}};
        b = {B_W{1'bx}};
      end else begin
        a = rand_op(A_W);
        b = rand_op(B_W);
      end
    end
  endtask

  // ---- the checker: at the rising edge, cyc still counts the edges before
  // it; the pair entered at cyc - LATENCY has its product on p_o.
  always @(posedge clk) begin
    if (cyc >= LATENCY && live[(cyc - LATENCY) % RING]) begin
      ck = (cyc - LATENCY) % RING;
      checks = checks + 1;
      if (p !== want[ck]) begin
        tb_err("p_o is not the product");
        if (tb_show)
          $display("    a %h x b %h (entered at cycle %0d): p_o %h, want %h",
                   in_a[ck], in_b[ck], cyc - LATENCY, p, want[ck]);
      end
      live[ck] = 1'b0;
    end
  end

  // ---- p_o moves only at rising edges
  reg armed = 1'b0;
  always @(p)
    if (armed && tb_off_edge(0)) tb_err("p_o changed away from a clock edge");

  initial tb_watchdog(NPAT * NPAT + 4 * N + 100);

  initial begin
    for (i = 0; i < RING; i = i + 1) live[i] = 1'b0;
    tb_seed(11);
    @(posedge clk);
    armed = 1'b1;
    // every pair of extremes, back to back
    for (i = 0; i < NPAT; i = i + 1)
      for (k = 0; k < NPAT; k = k + 1) begin
        feed(pattern(i, A_W), pattern(k, B_W));
        extremes = extremes + 1;
      end
    // random pairs: back to back, then with gaps
    for (i = 0; i < N; i = i + 1) begin
      if (i >= N / 2)
        while (tb_bubble(3)) begin
          gap;
          gaps = gaps + 1;
        end
      feed(tb_one_in(8) ? pattern(tb_rand(NPAT), A_W) : rand_op(A_W),
           tb_one_in(8) ? pattern(tb_rand(NPAT), B_W) : rand_op(B_W));
      randoms = randoms + 1;
    end
    repeat (LATENCY + 2) gap;   // drain: the last products come out
    if (checks != fed) begin
      $sformat(tb_fail_text, "%0d pairs entered, %0d products checked", fed, checks);
      tb_err(tb_fail_text);
    end
    $sformat(tb_pass_text,
             "%0d products checked (%0d extreme pairs, %0d random, %0d gap cycles), %0s%0d x %0s%0d bits, %0d partial products, latency %0d",
             checks, extremes, randoms, gaps, A_SIGNED ? "s" : "u", A_W, B_SIGNED ? "s" : "u", B_W,
             NA * NB, LATENCY);
    $sformat(tb_fail_text, "%0d of %0d products checked, %0s%0d x %0s%0d bits, latency %0d",
             checks, fed, A_SIGNED ? "s" : "u", A_W, B_SIGNED ? "s" : "u", B_W, LATENCY);
    tb_finish(tb_pass_text, tb_fail_text);
  end
endmodule
