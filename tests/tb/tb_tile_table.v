// SPDX-License-Identifier: MIT
// tb_tile_table.v - self-checking testbench for vssa_tile_table
// (gen/rtl/tile_table.v, with gen/rtl/ram.v).
//
// Random key sets: each begins with clear_i, then appends up to SLOTS random
// entries {slot_a, slot_b, planes, lo, hi} at random times; every cycle the
// read port addresses a random entry already appended (sometimes the newest,
// the cycle after its append). Checked against a reference list:
//  - count_o counts the appends of the set, and clear_i sets it back to 0
//    (from any count, the full table included);
//  - the read is synchronous: the entry at raddr_i appears the cycle after,
//    with each field in its own place;
//  - a later set overwrites the entries from 0 again.
// Prints one final line: PASS tb_tile_table: ... or FAIL tb_tile_table: ...
`timescale 1ns/1ps
module tb_tile_table;
  parameter integer SLOTS   = 17;
  parameter integer SLOT_W  = 5;
  parameter integer TILE_W  = 6;
  parameter integer PLANE_W = 2;
  parameter integer FILL_W  = 3;
  parameter integer SETS    = 60;
  localparam integer ENTRY_W = 2 * SLOT_W + PLANE_W + 2 * FILL_W;
  localparam TB_NAME = "tb_tile_table";
  `include "tb_common.vh"

  reg                clear, append;
  reg  [SLOT_W-1:0]  slot_a, slot_b, raddr;
  reg  [PLANE_W-1:0] planes;
  reg  [FILL_W-1:0]  lo, hi;
  wire [TILE_W-1:0]  count;
  wire [SLOT_W-1:0]  slot_a_o, slot_b_o;
  wire [PLANE_W-1:0] planes_o;
  wire [FILL_W-1:0]  lo_o, hi_o;

  vssa_tile_table #(
    .SLOTS(SLOTS), .SLOT_W(SLOT_W), .TILE_W(TILE_W), .PLANE_W(PLANE_W), .FILL_W(FILL_W)
  ) dut (
    .clk_i(clk), .rst_ni(rst_n), .clear_i(clear), .append_i(append),
    .slot_a_i(slot_a), .slot_b_i(slot_b), .planes_i(planes), .lo_i(lo), .hi_i(hi),
    .count_o(count), .raddr_i(raddr), .slot_a_o(slot_a_o), .slot_b_o(slot_b_o),
    .planes_o(planes_o), .lo_o(lo_o), .hi_o(hi_o)
  );

  reg [ENTRY_W-1:0] ref_e [0:SLOTS-1];   // {slot_a, slot_b, planes, lo, hi}
  integer ref_count, set, n, reads, fulls;
  reg [ENTRY_W-1:0] expect_e;
  reg               expect_valid;

  // One cycle: drive, clock, then check count and the read issued this cycle.
  task cycle(input c, input a, input [SLOT_W-1:0] ra);
    reg [ENTRY_W-1:0] e;
    begin
      e = {$random(seed), $random(seed)};
      clear = c; append = a; raddr = ra;
      {slot_a, slot_b, planes, lo, hi} = e;
      // the entry read this cycle is only defined if already appended
      expect_valid = !c && ra < ref_count;
      expect_e = expect_valid ? ref_e[ra] : {ENTRY_W{1'bx}};
      @(posedge clk);
      if (c) ref_count = 0;
      else if (a) begin ref_e[ref_count] = e; ref_count = ref_count + 1; end
      #1;
      if (count !== ref_count) begin
        tb_err("count_o wrong");
        if (tb_show) $display("    count_o %0d, expected %0d", count, ref_count);
      end
      if (expect_valid) begin
        reads = reads + 1;
        if ({slot_a_o, slot_b_o, planes_o, lo_o, hi_o} !== expect_e) begin
          tb_err("entry read back wrong");
          if (tb_show)
            $display("    entry %0d read {%0d,%0d,%0d,%0d,%0d}, expected {%0d,%0d,%0d,%0d,%0d}",
                     ra, slot_a_o, slot_b_o, planes_o, lo_o, hi_o,
                     expect_e[ENTRY_W-1 -: SLOT_W], expect_e[ENTRY_W-SLOT_W-1 -: SLOT_W],
                     expect_e[2*FILL_W +: PLANE_W], expect_e[FILL_W +: FILL_W],
                     expect_e[0 +: FILL_W]);
        end
      end
    end
  endtask

  // A read address: mostly an entry of the set, often the newest one.
  function [SLOT_W-1:0] pick(input integer dummy);
    begin
      if (ref_count == 0 || tb_one_in(8))
        pick = tb_rand(SLOTS);
      else if (tb_one_in(3))
        pick = ref_count - 1;
      else
        pick = tb_rand(ref_count);
    end
  endfunction

  integer i;
  initial begin
    tb_seed(3); ref_count = 0; reads = 0; fulls = 0;
    clear = 0; append = 0; raddr = 0; {slot_a, slot_b, planes, lo, hi} = 0;
    tb_reset(2);
    @(posedge clk); #1;
    if (count !== 0) tb_err("count_o not 0 after reset");
    for (set = 0; set < SETS; set = set + 1) begin
      cycle(1'b1, 1'b0, pick(0));
      // every fourth set fills the table; the others stop anywhere
      n = set % 4 == 3 ? SLOTS : tb_rand(SLOTS + 1);
      while (ref_count < n) cycle(1'b0, $random(seed), pick(0));
      if (ref_count == SLOTS) fulls = fulls + 1;
      // read the whole set back, in random order, for a while
      for (i = 0; i < 2 * SLOTS; i = i + 1) cycle(1'b0, 1'b0, pick(0));
    end
    $sformat(tb_pass_text, "%0d sets (%0d full), %0d entries read back", SETS, fulls, reads);
    tb_finish(tb_pass_text, "");
  end

  initial tb_watchdog(SETS * 200);
endmodule
