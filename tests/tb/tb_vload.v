// SPDX-License-Identifier: MIT
// tb_vload.v - self-checking testbench for vssa_vload (gen/rtl/vload.v).
//
// Key sets are fed as the controller feeds them: clear_i once the loader is
// idle, then up to MAX_SEQ puts, each only in a cycle where ready_o is high,
// with random key and value planes (0 among them) and random data; the put
// inputs carry junk when put_i is low. Each put's slot is its place among
// the set's puts (the controller's kept-key count) and its index, only a
// label, differs from it: by set, a random permutation of the slots, any
// value of IDX_W bits (sparse, and MAX_SEQ or more where the width allows),
// a few values repeated, or the slots reversed from the top of the width. The
// first set follows reset without a clear. Directed sets: none, one valued
// put, MAX_SEQ listed keys (the lists full), keys all pruned (values with
// planes but no key planes), keys all listed with values of no planes; then
// random sets, their puts back to back or with random gaps. The lanes'
// value banks (ROWS lanes of TT*MAX_SEQ bytes) are modelled twice: written
// by the DUT's write port and by the reference. Checked:
//  - the key list holds every put with kplanes != 0 as {vplanes, idx, slot}, in
//    order, and klist_count_o counts them; the value list holds those with
//    vplanes != 0 too, and vlist_count_o counts them. Random entries below
//    the count are read back while the set loads (the read is synchronous:
//    the word shows the cycle after its address), and every entry once the
//    set has loaded; clear_i brings both counts to 0;
//  - a listed put with value planes is written across the write port in
//    the TT cycles after it, cycle tt writing element LANE + tt*ROWS into
//    lane LANE's byte of vw_data_o (0 past D) at tt*MAX_SEQ + slot (never
//    at the index); no other
//    cycle writes (vw_we_o), and the banks match after every set;
//  - ready_o is high unless more than one write cycle is left, so a put
//    may come in the last write cycle of the one before (TT = 1: every
//    cycle); idle_o is high exactly when no write is left.
// Parameters: the module's, MAXP (planes of an 8-bit token, 8 / DIGIT) and
// SETS. Prints one final line: PASS tb_vload: ... or FAIL tb_vload: ...
`timescale 1ns/1ps
module tb_vload;
  parameter integer ROWS    = 4;
  parameter integer D       = 16;
  parameter integer TT      = 4;
  parameter integer MAX_SEQ = 64;
  parameter integer VADDR_W = 8;
  parameter integer IDX_W   = 6;
  parameter integer PLANE_W = 2;
  parameter integer KCNT_W  = 7;
  parameter integer MAXP    = 2;
  parameter integer SETS    = 60;
  localparam integer VDEPTH = TT * MAX_SEQ;
  localparam integer LW     = PLANE_W + 2 * IDX_W;
  localparam TB_NAME = "tb_vload";
  `include "tb_common.vh"

  reg                clear, put;
  reg  [PLANE_W-1:0] kplanes, vplanes;
  reg  [IDX_W-1:0]   idx, slot, kraddr, vraddr;
  reg  [D*8-1:0]     data;
  wire               ready, idle, vw_we;
  wire [VADDR_W-1:0] vw_addr;
  wire [ROWS*8-1:0]  vw_data;
  wire [LW-1:0]      klist_rdata, vlist_rdata;
  wire [KCNT_W-1:0]  klist_count, vlist_count;

  vssa_vload #(
    .ROWS(ROWS), .D(D), .TT(TT), .MAX_SEQ(MAX_SEQ), .VADDR_W(VADDR_W), .IDX_W(IDX_W),
    .PLANE_W(PLANE_W), .KCNT_W(KCNT_W)
  ) dut (
    .clk_i(clk), .rst_ni(rst_n), .clear_i(clear), .put_i(put), .kplanes_i(kplanes),
    .vplanes_i(vplanes), .idx_i(idx), .slot_i(slot), .data_i(data), .ready_o(ready), .idle_o(idle),
    .vw_we_o(vw_we), .vw_addr_o(vw_addr), .vw_data_o(vw_data), .klist_raddr_i(kraddr),
    .klist_rdata_o(klist_rdata), .klist_count_o(klist_count), .vlist_raddr_i(vraddr),
    .vlist_rdata_o(vlist_rdata), .vlist_count_o(vlist_count)
  );

  // ---- reference: the lists, the writer, the banks
  reg [LW-1:0]    k_list [0:MAX_SEQ-1];
  reg [LW-1:0]    v_list [0:MAX_SEQ-1];
  integer         k_n, v_n;
  integer         w_rem, w_tt;          // write cycles left; t-tile of this cycle's
  reg [IDX_W-1:0] w_slot;
  reg [D*8-1:0]   w_data;
  reg [7:0]       bank_dut [0:ROWS*VDEPTH-1];
  reg [7:0]       bank_ref [0:ROWS*VDEPTH-1];
  // reads issued last cycle, checked this cycle
  reg             kr_due, vr_due;
  reg [LW-1:0]    kr_want, vr_want;
  integer         sweep;                // >= 0: read this entry of both lists

  integer sets, puts, listed, valued, pruned_values, overlaps, full_sets,
          reads, writes, relabeled, high_labels, repeats;
  integer perm [0:MAX_SEQ-1];           // a permutation of the slots, as labels
  reg     seen [0:(1<<IDX_W)-1];        // labels given in this set

  // A loader that never raises ready_o or idle_o would stall the stimulus.
  initial tb_watchdog(SETS * (MAX_SEQ * 4 * (TT + 4) + 200) + 1000);

  function [7:0] ref_byte(input integer lane, input integer tt);
    integer e;
    begin
      e = lane + tt * ROWS;
      ref_byte = e < D ? w_data[e*8 +: 8] : 8'd0;
    end
  endfunction

  // One cycle with the inputs as driven: reads, checks, the edge, the model.
  task tick;
    integer l;
    reg [7:0] b;
    begin
      if (sweep >= 0) begin
        kraddr = sweep; vraddr = sweep;
      end else begin
        kraddr = k_n > 0 ? tb_rand(k_n) : $random(seed);
        vraddr = v_n > 0 ? tb_rand(v_n) : $random(seed);
      end
      #1;
      // ---- checks of this cycle
      if (kr_due && klist_rdata !== kr_want) begin
        tb_err("key list entry wrong");
        if (tb_show) $display("    got {vplanes, idx, slot} %h, want %h", klist_rdata, kr_want);
      end
      if (vr_due && vlist_rdata !== vr_want) begin
        tb_err("value list entry wrong");
        if (tb_show) $display("    got {vplanes, idx, slot} %h, want %h", vlist_rdata, vr_want);
      end
      if (klist_count !== k_n) tb_err("klist_count_o wrong");
      if (vlist_count !== v_n) tb_err("vlist_count_o wrong");
      if (ready !== (w_rem <= 1)) tb_err(ready ? "ready_o high with writes left" : "ready_o low");
      if (idle !== (w_rem == 0)) tb_err(idle ? "idle_o high while writing" : "idle_o low");
      if (put && !ready) tb_err("testbench put without ready_o");
      if (vw_we !== (w_rem > 0)) tb_err(vw_we ? "vw_we_o without a value to write" : "vw_we_o missing");
      if (vw_we === 1'b1) begin
        writes = writes + 1;
        if (vw_addr >= VDEPTH) tb_err("vw_addr_o past the banks");
        else
          for (l = 0; l < ROWS; l = l + 1) bank_dut[l * VDEPTH + vw_addr] = vw_data[l*8 +: 8];
      end
      if (w_rem > 0) begin
        w_tt = TT - w_rem;
        if (vw_addr !== w_tt * MAX_SEQ + w_slot) begin
          tb_err("vw_addr_o wrong");
          if (tb_show) $display("    t-tile %0d of slot %0d: address %0d, want %0d", w_tt, w_slot, vw_addr,
                   w_tt * MAX_SEQ + w_slot);
        end
        for (l = 0; l < ROWS; l = l + 1) begin
          b = ref_byte(l, w_tt);
          bank_ref[l * VDEPTH + w_tt * MAX_SEQ + w_slot] = b;
          if (vw_data[l*8 +: 8] !== b) begin
            tb_err("vw_data_o wrong");
            if (tb_show) $display("    t-tile %0d lane %0d: byte %h, want %h (element %0d)", w_tt, l,
                     vw_data[l*8 +: 8], b, l + w_tt * ROWS);
          end
        end
      end
      // the reads of this cycle, due next cycle
      kr_due = kraddr < k_n; kr_want = k_list[kraddr];
      vr_due = vraddr < v_n; vr_want = v_list[vraddr];
      if (kr_due) reads = reads + 1;
      @(posedge clk);
      // ---- the model's edge
      if (clear) begin
        k_n = 0; v_n = 0;
      end
      if (put && !clear) begin
        puts = puts + 1;
        if (kplanes != 0) begin
          k_list[k_n] = {vplanes, idx, slot}; k_n = k_n + 1; listed = listed + 1;
        end else if (vplanes != 0) pruned_values = pruned_values + 1;
        if (kplanes != 0 && vplanes != 0) begin
          v_list[v_n] = {vplanes, idx, slot}; v_n = v_n + 1; valued = valued + 1;
          if (w_rem > 0) overlaps = overlaps + 1;
          w_rem = TT + 1; w_slot = slot; w_data = data;
        end
      end
      if (w_rem > 0) w_rem = w_rem - 1;
      #1;
    end
  endtask

  task junk;   // the put inputs carry junk while put_i is low
    integer i;
    begin
      put = 1'b0; clear = 1'b0;
      kplanes = $random(seed); vplanes = $random(seed); idx = $random(seed); slot = $random(seed);
      for (i = 0; i < D; i = i + 1) data[i*8 +: 8] = $random(seed);
    end
  endtask

  function integer planes(input integer zero_in);   // 0 one time in zero_in, else 1..MAXP
    begin
      planes = zero_in > 0 && tb_one_in(zero_in) ? 0
             : 1 + tb_rand(MAXP);
    end
  endfunction

  // One key set of n puts; key planes 0 one put in kz (never if kz is 0,
  // always if kz is 1), value planes likewise with vz; a put in a ready
  // cycle one time in gap.
  task key_set(input integer n, input integer kz, input integer vz, input integer gap);
    integer i, k, t, mode;
    begin
      mode = sets % 4;
      $sformat(tb_where, "set %0d", sets);
      for (k = 0; k < MAX_SEQ; k = k + 1) perm[k] = k;
      for (k = MAX_SEQ - 1; k > 0; k = k - 1) begin
        i = tb_rand(k + 1);
        t = perm[k]; perm[k] = perm[i]; perm[i] = t;
      end
      for (k = 0; k < (1 << IDX_W); k = k + 1) seen[k] = 1'b0;
      if (sets > 0) begin
        junk;
        while (idle !== 1'b1) tick;
        clear = 1'b1;
        tick;
      end
      i = 0;
      while (i < n) begin
        junk;
        if (ready === 1'b1 && tb_one_in(gap)) begin
          put = 1'b1;
          kplanes = kz == 1 ? 0 : planes(kz);
          vplanes = vz == 1 ? 0 : planes(vz);
          slot = i;
          case (mode)
            0: idx = perm[i];
            1: idx = $random(seed);
            2: idx = tb_rand(3) * 5;
            default: idx = (1 << IDX_W) - 1 - i;
          endcase
          if (idx != slot) relabeled = relabeled + 1;
          if (idx >= MAX_SEQ) high_labels = high_labels + 1;
          if (seen[idx]) repeats = repeats + 1;
          seen[idx] = 1'b1;
          i = i + 1;
        end
        tick;
      end
      junk;
      while (idle !== 1'b1) tick;
      tick;
      if (k_n == MAX_SEQ) full_sets = full_sets + 1;
      // every entry of both lists, then the banks
      for (sweep = 0; sweep < MAX_SEQ && (sweep < k_n || sweep < v_n); sweep = sweep + 1) tick;
      sweep = -1;
      tick;
      for (k = 0; k < ROWS * VDEPTH; k = k + 1)
        if (bank_dut[k] !== bank_ref[k]) begin
          tb_err("value bank differs");
          if (tb_show) $display("    lane %0d address %0d: %h, want %h", k / VDEPTH, k % VDEPTH, bank_dut[k],
                   bank_ref[k]);
        end
      sets = sets + 1;
    end
  endtask

  integer k, n, g;
  initial begin
    tb_seed(3 + ROWS * 7 + D); sets = 0; puts = 0; listed = 0; valued = 0;
    pruned_values = 0; overlaps = 0; full_sets = 0; reads = 0; writes = 0;
    relabeled = 0; high_labels = 0; repeats = 0;
    k_n = 0; v_n = 0; w_rem = 0; w_tt = 0; w_slot = 0; w_data = 0; sweep = -1;
    kr_due = 1'b0; vr_due = 1'b0; kr_want = 0; vr_want = 0;
    for (k = 0; k < ROWS * VDEPTH; k = k + 1) begin
      bank_dut[k] = $random(seed); bank_ref[k] = bank_dut[k];
    end
    junk;
    kraddr = 0; vraddr = 0;
    tb_reset(2);
    #1;
    key_set(3, 0, 0, 2);                // right after reset, no clear
    key_set(0, 0, 0, 1);                // empty
    key_set(1, 0, 0, 1);                // one valued put
    key_set(MAX_SEQ, 0, 4, 1);          // the lists full, back to back
    key_set(MAX_SEQ / 2 + 1, 1, 0, 2);  // keys all pruned: nothing listed or written
    key_set(MAX_SEQ / 2 + 1, 0, 1, 2);  // keys all listed, values without planes
    while (sets < SETS) begin
      n = tb_rand(MAX_SEQ + 1);
      g = tb_one_in(3) ? 1 : 1 + tb_rand(4);
      key_set(n, 4, 4, g);
    end
    if (full_sets == 0 || pruned_values == 0 || overlaps == 0 || valued == 0 ||
        listed == valued || reads < puts / 2 || relabeled < puts * 3 / 4 || repeats == 0 ||
        (high_labels == 0) !== ((1 << IDX_W) == MAX_SEQ)) begin
      tb_where = 0;
      tb_err("coverage: a kind of put or of label missing");
      $display("  coverage: %0d full sets, %0d pruned values, %0d puts in a write's last cycle, %0d listed, %0d valued, %0d reads, %0d of %0d puts labelled apart from their slot, %0d labels >= MAX_SEQ, %0d repeated",
               full_sets, pruned_values, overlaps, listed, valued, reads, relabeled, puts,
               high_labels, repeats);
    end
    $sformat(tb_pass_text, "%0d sets, %0d puts (%0d listed, %0d valued, %0d in a write's last cycle, %0d labelled apart from their slot, %0d labels >= MAX_SEQ), %0d bank writes, %0d list reads, ROWS=%0d D=%0d TT=%0d",
             SETS, puts, listed, valued, overlaps, relabeled, high_labels, writes, reads, ROWS, D, TT);
    $sformat(tb_fail_text, "ROWS=%0d D=%0d TT=%0d", ROWS, D, TT);
    tb_finish(tb_pass_text, tb_fail_text);
  end
endmodule
