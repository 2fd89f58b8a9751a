// SPDX-License-Identifier: MIT
// tb_comp.v - self-checking testbench for the 0-bit compensation unit
// (gen/rtl/comp.v). VEC holds key sets written by tests/tb/vectors.c
// (`vectors comp`), every expected number from golden/attention.c's
// vssa_comp_token():
//   1  a = n, the set's keys
//   2  n of them: b = 1 for a pruned key; word t: hi = k_t, lo = v_t
//   3  a = c, the pruned keys; word t: hi = kbar_t, lo = vsum_t
// Each set: clear_i, then its keys with random gaps, close_i with the last
// key or alone after it (the controller takes a closing key beyond MAX_SEQ
// without putting it). In the gaps put_i is low under junk on pruned_i, k_i
// and v_i, and kstep_i pulses at random: the closing computation overwrites
// kbar. The kept keys carry data too, so put_i with pruned_i low must leave
// the sums alone. Checked:
//  - count_o every cycle: 0 after clear_i, then the pruned keys put so far,
//    c of record 3 once closed;
//  - busy_o low until close_i, then high for exactly 26 + D cycles
//    (golden/arch.c's COMP_CYCLES), then low;
//  - from then on, every cycle until the next clear_i, kbar_o = kbar_t and
//    vsum_o = vsum_t, t the kstep_i (vstep_i) pulses so far modulo D, over
//    at least 2D + 2 random pulses of each, so both wrap twice.
// Parameters: those of vssa_comp, N (lines in VEC), VEC. Prints one final
// line: PASS tb_comp: ... or FAIL tb_comp: ...
`timescale 1ns/1ps
module tb_comp;
  parameter integer D      = 16;
  parameter integer T_W    = 4;
  parameter integer KCNT_W = 7;
  parameter integer VS_W   = 15;
  parameter integer N      = 1;
  parameter         VEC    = "comp.hex";
  localparam integer H     = 64 * D;
  localparam integer LW    = H + 64;
  localparam integer BUSY  = 26 + D;
  localparam TB_NAME = "tb_comp";
  `include "tb_common.vh"

  reg              clear = 1'b0;
  reg              put = 1'b0;
  reg              pruned = 1'b0;
  reg  [D*8-1:0]   kin = {(D * 8){1'b0}};
  reg  [D*8-1:0]   vin = {(D * 8){1'b0}};
  reg              close = 1'b0;
  wire             busy;
  wire [KCNT_W-1:0] count;
  reg              kstep = 1'b0;
  wire [7:0]       kbar;
  reg              vstep = 1'b0;
  wire [VS_W-1:0]  vsum;

  vssa_comp #(
    .D (D), .T_W (T_W), .KCNT_W (KCNT_W), .VS_W (VS_W)
  ) dut (
    .clk_i (clk), .rst_ni (rst_n), .clear_i (clear), .put_i (put), .pruned_i (pruned),
    .k_i (kin), .v_i (vin), .close_i (close), .busy_o (busy), .count_o (count),
    .kstep_i (kstep), .kbar_o (kbar), .vstep_i (vstep), .vsum_o (vsum)
  );

  reg [LW-1:0] vec [0:N-1];
  integer p = 0, set = 0, nk = 0, res = 0, chk = 0;   // chk: the checked set's record 3
  integer i, t, w;
  integer want_cnt = 0, busy_left = 0, kn = 0, vn = 0, alone = 0;
  reg     ready = 1'b0;   // the set's virtual key is complete

  function [7:0] tag_of(input [LW-1:0] l);
    tag_of = l[H+56 +: 8];
  endfunction
  function [D*8-1:0] bytes_of(input [LW-1:0] l, input integer hi);
    integer u;
    begin
      for (u = 0; u < D; u = u + 1)
        bytes_of[u*8 +: 8] = l[u*64 + 32*hi +: 8];
    end
  endfunction

  // ---- monitor: outputs sampled just before the clock edge, then the
  // edge's inputs applied to the expectations
  always @(posedge clk) begin
    if (rst_n) begin
      if (count !== want_cnt) begin
        tb_err("count_o wrong");
        if (tb_show) $display("    count_o %0d, want %0d", count, want_cnt);
      end
      if (busy !== (busy_left > 0))
        tb_err(busy ? "busy_o high too long or before close_i" : "busy_o low too early");
      if (ready && (kbar !== vec[chk][(kn % D)*64 + 32 +: 8] ||
                    vsum !== vec[chk][(vn % D)*64 +: VS_W])) begin
        tb_err("kbar_o or vsum_o wrong");
        if (tb_show)
          $display("    kbar_o %0d (t %0d) vsum_o %0d (t %0d), want %0d %0d",
                   $signed(kbar), kn % D, $signed(vsum), vn % D,
                   $signed(vec[chk][(kn % D)*64 + 32 +: 8]),
                   $signed(vec[chk][(vn % D)*64 +: VS_W]));
      end
      if (busy_left > 0) begin
        busy_left = busy_left - 1;
        if (busy_left == 0) begin
          ready = 1'b1;
          chk   = res;
          kn    = 0;
          vn    = 0;
          if (count !== vec[res][H+40 +: 16])
            tb_err("count_o is not the golden model's c");
        end
      end
      if (close) busy_left = BUSY;
      if (clear) begin
        want_cnt = 0;
        ready    = 1'b0;
      end else if (put && pruned) begin
        want_cnt = want_cnt + 1;
      end
      if (ready && kstep) kn = kn + 1;
      if (ready && vstep) vn = vn + 1;
    end
  end

  // A gap between keys: nothing put, junk everywhere else.
  task gap;
    begin
      put    = 1'b0;
      pruned = $random(seed);
      kin    = {(D / 4 + 1){$random(seed)}};
      vin    = {(D / 4 + 1){$random(seed)}};
      kstep  = $random(seed);
      @(negedge clk);
    end
  endtask

  initial begin
    tb_seed(17);
    $readmemh(VEC, vec);
    tb_reset(3);
    @(negedge clk);
    while (p < N && errors < TB_SHOW) begin
      $sformat(tb_where, "set %0d", set);
      nk  = vec[p][H+40 +: 16];
      res = p + 1 + nk;
      if (tag_of(vec[p]) != 1 || res >= N || tag_of(vec[res]) != 3 ||
          (nk > 0 && tag_of(vec[p + 1]) != 2)) begin
        $sformat(tb_fail_text, "set at record %0d is out of step", p);
        tb_fatal(tb_fail_text);
      end
      alone = nk == 0 || !tb_one_in(2);
      clear = 1'b1;
      @(negedge clk);
      clear = 1'b0;
      for (i = 0; i < nk; i = i + 1) begin
        while (tb_bubble(4)) gap;
        put    = 1'b1;
        pruned = vec[p + 1 + i][H+32];
        kin    = bytes_of(vec[p + 1 + i], 1);
        vin    = bytes_of(vec[p + 1 + i], 0);
        kstep  = $random(seed);
        close  = i == nk - 1 && !alone;
        @(negedge clk);
      end
      if (alone) begin
        while (tb_bubble(4)) gap;
        put    = 1'b0;
        pruned = $random(seed);
        close  = 1'b1;
        @(negedge clk);
      end
      put    = 1'b0;
      close  = 1'b0;
      kstep  = 1'b0;
      w = 0;
      while (!ready) begin
        @(negedge clk);
        w = w + 1;
        if (w > BUSY + 10) begin
          $sformat(tb_fail_text, "set %0d: never ready", set);
          tb_fatal(tb_fail_text);
        end
      end
      // Both vectors rotate, independently, past element 0 twice.
      while (kn < 2 * D + 2 || vn < 2 * D + 2) begin
        kstep = $random(seed);
        vstep = $random(seed);
        @(negedge clk);
      end
      kstep = 1'b0;
      vstep = 1'b0;
      repeat (tb_rand(4)) @(negedge clk);
      p   = res + 1;
      set = set + 1;
    end
    tb_where = 0;
    repeat (4) @(negedge clk);
    $sformat(tb_pass_text, "%0d sets, D %0d KCNT_W %0d VS_W %0d", set, D, KCNT_W, VS_W);
    $sformat(tb_fail_text, "%0d sets", set);
    tb_finish(tb_pass_text, tb_fail_text);
  end
endmodule
