// SPDX-License-Identifier: MIT
// tb_ram.v - self-checking testbench for vssa_ram (gen/rtl/ram.v).
//
// Three instances run side by side: the template's default shape (8 x 64),
// an odd one (13 bits x 37 words, a non-power-of-two DEPTH under a 6-bit
// address) and a key bank's (bytes written four at a time, RATIO 4, 8 x 36
// under a 6-bit address). Each is first written everywhere, then driven
// with random writes and reads (a third of the reads hit a word written in
// the same cycle) and compared with a reference array. Checked, every
// cycle:
//  - the read is synchronous: rdata_o shows the word addressed in the
//    previous cycle, and does not move when raddr_i changes mid-cycle;
//  - a read of the address being written returns X in every bit (the
//    word is undefined: a block RAM's two ports give no order);
//  - writes land where addressed (RATIO words from an aligned address,
//    word r from bits r*WIDTH up) and nowhere else.
// Prints one final line: PASS tb_ram: ... or FAIL tb_ram: ...
`timescale 1ns/1ps

// One instance under test with its own reference model and random stimulus.
module tb_ram_check #(
  parameter integer WIDTH  = 8,
  parameter integer DEPTH  = 64,
  parameter integer ADDR_W = 6,
  parameter integer RATIO  = 1,
  parameter integer CYCLES = 3000,
  parameter integer SEED   = 1
) (
  output reg         done,
  output wire [31:0] errs
);
  // each checker runs on its own clock (all alike) and counts its own errors
  localparam TB_NAME = "tb_ram";
  `include "tb_common.vh"
  assign errs = errors;

  reg              we;
  reg [ADDR_W-1:0] waddr, raddr;
  reg [RATIO*WIDTH-1:0] wdata;
  wire [WIDTH-1:0]       rdata;

  vssa_ram #(.WIDTH(WIDTH), .DEPTH(DEPTH), .ADDR_W(ADDR_W), .RATIO(RATIO)) dut (
    .clk_i(clk), .we_i(we), .waddr_i(waddr), .wdata_i(wdata),
    .raddr_i(raddr), .rdata_o(rdata)
  );

  reg [WIDTH-1:0] ref_mem [0:DEPTH-1];
  reg [WIDTH-1:0] expect_q;     // word due on rdata_o after the next edge
  integer i, rdw;

  function [RATIO*WIDTH-1:0] rand_word(input integer dummy);
    integer k;
    begin
      for (k = 0; k < RATIO * WIDTH; k = k + 1) rand_word[k] = $random(seed);
    end
  endfunction

  // the first word of the write that holds word a
  function [ADDR_W-1:0] align(input [ADDR_W-1:0] a);
    begin
      align = a - a % RATIO;
    end
  endfunction

  task fail(input [8*48-1:0] what, input [WIDTH-1:0] exp, input [WIDTH-1:0] got);
    begin
      tb_err(what);
      if (tb_show) $display("    expected %h, got %h", exp, got);
    end
  endtask

  // One cycle: drive, check the mid-cycle stability, clock, check the read.
  task cycle(input w, input [ADDR_W-1:0] wa, input [RATIO*WIDTH-1:0] wd,
             input [ADDR_W-1:0] ra);
    reg [WIDTH-1:0] before;
    integer r;
    begin
      before = rdata;
      we = w; waddr = wa; wdata = wd; raddr = ra;
      #2;
      if (rdata !== before) fail("rdata_o moved with raddr_i (not registered)", before, rdata);
      // undefined when the word is written now
      expect_q = w && wa == align(ra) ? {WIDTH{1'bx}} : ref_mem[ra];
      if (w) for (r = 0; r < RATIO; r = r + 1) ref_mem[wa + r] = wd[r*WIDTH +: WIDTH];
      @(posedge clk); #1;
      if (rdata !== expect_q) fail(w && wa == align(ra) ? "read-during-write (X)" : "read",
                                   expect_q, rdata);
    end
  endtask

  initial begin
    done = 1'b0; tb_seed(SEED); rdw = 0;
    $sformat(tb_where, "ram %0dx%0d", WIDTH, DEPTH);
    we = 1'b0; waddr = 0; wdata = 0; raddr = 0;
    @(posedge clk); #1;
    // fill every word, reading back the previous one as we go
    for (i = 0; i < DEPTH; i = i + RATIO)
      cycle(1'b1, i, rand_word(0), i == 0 ? 0 : i - 1);
    for (i = 0; i < DEPTH; i = i + 1)
      cycle(1'b0, 0, rand_word(0), i);
    // random traffic; a third of the reads address the word being written
    for (i = 0; i < CYCLES; i = i + 1) begin : traffic
      reg [ADDR_W-1:0] wa, ra;
      reg w;
      w  = $random(seed);
      wa = align(tb_rand(DEPTH));
      ra = tb_one_in(3) ? wa + tb_rand(RATIO) : tb_rand(DEPTH);
      if (w && wa == align(ra)) rdw = rdw + 1;
      cycle(w, wa, rand_word(0), ra);
    end
    if (rdw < CYCLES / 10) begin
      tb_err("too few read-during-write cycles");
      if (tb_show) $display("    only %0d", rdw);
    end
    done = 1'b1;
  end
endmodule

module tb_ram;
  localparam TB_NAME = "tb_ram";
  `include "tb_common.vh"

  wire        done_a, done_b, done_c;
  wire [31:0] err_a, err_b, err_c;

  tb_ram_check #(.WIDTH(8),  .DEPTH(64), .ADDR_W(6), .SEED(11)) u_default (
    .done(done_a), .errs(err_a));
  tb_ram_check #(.WIDTH(13), .DEPTH(37), .ADDR_W(6), .SEED(23)) u_odd (
    .done(done_b), .errs(err_b));
  tb_ram_check #(.WIDTH(8), .DEPTH(36), .ADDR_W(6), .RATIO(4), .SEED(31)) u_wide (
    .done(done_c), .errs(err_c));

  initial begin
    wait (done_a && done_b && done_c);
    errors = err_a + err_b + err_c;
    $sformat(tb_fail_text, "%0d in the 8x64 RAM, %0d in the 13x37 one, %0d in the 8x36 x4 one",
             err_a, err_b, err_c);
    tb_finish("8x64, 13x37 and 8x36 (4 words a write) RAMs, synchronous read, X on read-during-write",
              tb_fail_text);
  end

  initial tb_watchdog(200000);
endmodule
