// SPDX-License-Identifier: MIT
// tb_dispatch.v - self-checking testbench for the dispatchers:
// vssa_dispatch_lockstep (gen/rtl/dispatch_lockstep.v, SCHED=0) and
// vssa_dispatch_group (gen/rtl/dispatch_group.v, SCHED=1: FUSE=0 "group",
// SCHED=2: FUSE=1 "fuse").
//
// Precision sets (PSET): 0 = bits 8/4/0 at digit 4 (TAG_W 2, planes per tag
// 2,1,0,0, NZ 2); 1 = bits 8/6/4/2/0 at digit 2 (TAG_W 3, planes 4,3,2,1,0
// and 0 for the unused codes 5..7, NZ 4), so that classes 2 and 3 pair up
// under fuse too; 2 = bits 8/3/1 at digit 1 (planes 8,3,1,1: no pruned
// class, code 3 reads as class 2, an odd NZ 3 whose last class has no pair);
// 3 = bits 8/4 at digit 4 (TAG_W 1, NZ = 2^TAG_W). ROWS is a parameter (4 by default; 3 and 1 also run).
// Widths are derived as the generator derives them (golden/arch.c) for
// MAX_SEQ keys.
//
// Key sets: clear_i, then 0..MAX_SEQ keys with random tags (some sets lean
// towards one class) at random times (key_i), and last_i, either with the
// last key or alone after it. A behavioural reference model in the
// testbench, written from the module comments and golden/plan.c
// (plan_lockstep, plan_grouped), gives every cycle:
//  - the placement of the key on offer (take_o, lane_o, slot_o, planes_o),
//    whether or not key_i takes it: lockstep puts consecutive keys in lanes
//    0..ROWS-1 of one slot per tile; group and fuse give each class its own
//    tile (a slot taken from a shared counter when the class opens one),
//    lanes from 0 up, odd classes from ROWS-1 down under fuse;
//  - the tile appended this cycle, if any, {slot_a, slot_b, planes, lo, hi}:
//    lockstep closes a tile when it is full or at last_i and appends it if
//    it holds a key with planes; group and fuse append a full tile at once,
//    then, one class per cycle for NZ cycles after last_i, each class's
//    partial tile (fuse: classes 2i and 2i+1 as one tile at class 2i's
//    planes when their fills add up to at most ROWS);
//  - ready_o: low for exactly the NZ cycles of that finalize walk (always
//    high under lockstep).
// Besides, each set is checked on its own terms: no two keys share a lane of
// a slot, slots stay below SLOTS, every key with planes is run by exactly one
// tile, every lane a tile runs holds a key of the set, and a tile runs the
// planes of its most precise key. Coverage counters require full tiles,
// partial tiles, fused pairs (every pair, under fuse), and last_i both with
// a key and alone. Prints one final line: PASS tb_dispatch: ... or
// FAIL tb_dispatch: ...
`timescale 1ns/1ps
module tb_dispatch;
  parameter integer SCHED   = 2;       // 0 lockstep, 1 group, 2 fuse
  parameter integer PSET    = 0;       // 0: 8/4/0 digit 4; 1: 8/6/4/2/0 digit 2
  parameter integer ROWS    = 4;
  parameter integer MAX_SEQ = 24;
  parameter integer SETS    = 300;

  function integer clog2_min1(input integer n);   // bits for 0..n-1, at least 1
    integer w;
    begin
      w = 0;
      while ((1 << w) < n) w = w + 1;
      clog2_min1 = w == 0 ? 1 : w;
    end
  endfunction

  localparam integer FUSE    = SCHED == 2;
  localparam integer TAG_W   = PSET == 1 ? 3 : PSET == 3 ? 1 : 2;
  localparam integer NTAG    = 1 << TAG_W;
  localparam integer PLANE_W = PSET == 1 ? 3 : PSET == 2 ? 4 : 2;
  localparam integer NZ      = PSET == 1 ? 4 : PSET == 2 ? 3 : 2;
  localparam integer SLOTS   = (MAX_SEQ + ROWS - 1) / ROWS + (SCHED != 0 ? NZ - 1 : 0);
  localparam integer SLOT_W  = clog2_min1(SLOTS);
  localparam integer LANE_W  = clog2_min1(ROWS);
  localparam integer FILL_W  = LANE_W + 1;
  // tag t at bits [t*W +: W]; unused codes read as the last (zero) class
  localparam [23:0] TP1 = {3'd0, 3'd0, 3'd0, 3'd0, 3'd1, 3'd2, 3'd3, 3'd4};
  localparam [23:0] TC1 = {3'd4, 3'd4, 3'd4, 3'd4, 3'd3, 3'd2, 3'd1, 3'd0};
  localparam [7:0]  TP0 = {2'd0, 2'd0, 2'd1, 2'd2};
  localparam [7:0]  TC0 = {2'd2, 2'd2, 2'd1, 2'd0};
  localparam [15:0] TP2 = {4'd1, 4'd1, 4'd3, 4'd8};
  localparam [7:0]  TC2 = {2'd2, 2'd2, 2'd1, 2'd0};
  localparam [3:0]  TP3 = {2'd1, 2'd2};
  localparam [1:0]  TC3 = {1'd1, 1'd0};
  localparam [NTAG*PLANE_W-1:0] TAG_PLANES = PSET == 1 ? TP1 : PSET == 2 ? TP2 : PSET == 3 ? TP3 : TP0;
  localparam [NTAG*TAG_W-1:0]   TAG_CLASS  = PSET == 1 ? TC1 : PSET == 2 ? TC2 : PSET == 3 ? TC3 : TC0;

  localparam TB_NAME = "tb_dispatch";
  `include "tb_common.vh"

  reg                clear, key, last;
  reg  [TAG_W-1:0]   tag;
  wire               take, ready, append;
  wire [LANE_W-1:0]  lane;
  wire [SLOT_W-1:0]  slot, ap_slot_a, ap_slot_b;
  wire [PLANE_W-1:0] planes, ap_planes;
  wire [FILL_W-1:0]  ap_lo, ap_hi;

  generate
    if (SCHED == 0) begin : g_lockstep
      vssa_dispatch_lockstep #(
        .ROWS(ROWS), .SLOT_W(SLOT_W), .PLANE_W(PLANE_W), .TAG_W(TAG_W), .LANE_W(LANE_W),
        .FILL_W(FILL_W), .TAG_PLANES(TAG_PLANES)
      ) dut (
        .clk_i(clk), .rst_ni(rst_n), .clear_i(clear), .tag_i(tag), .key_i(key), .last_i(last),
        .take_o(take), .lane_o(lane), .slot_o(slot), .planes_o(planes), .ready_o(ready),
        .append_o(append), .append_slot_a_o(ap_slot_a), .append_slot_b_o(ap_slot_b),
        .append_planes_o(ap_planes), .append_lo_o(ap_lo), .append_hi_o(ap_hi)
      );
    end else begin : g_grouped
      vssa_dispatch_group #(
        .ROWS(ROWS), .SLOT_W(SLOT_W), .PLANE_W(PLANE_W), .TAG_W(TAG_W), .LANE_W(LANE_W),
        .FILL_W(FILL_W), .NZ(NZ), .FUSE(FUSE), .TAG_PLANES(TAG_PLANES), .TAG_CLASS(TAG_CLASS)
      ) dut (
        .clk_i(clk), .rst_ni(rst_n), .clear_i(clear), .tag_i(tag), .key_i(key), .last_i(last),
        .take_o(take), .lane_o(lane), .slot_o(slot), .planes_o(planes), .ready_o(ready),
        .append_o(append), .append_slot_a_o(ap_slot_a), .append_slot_b_o(ap_slot_b),
        .append_planes_o(ap_planes), .append_lo_o(ap_lo), .append_hi_o(ap_hi)
      );
    end
  endgenerate

  function integer tag_planes(input integer t);
    begin
      tag_planes = TAG_PLANES[t*PLANE_W +: PLANE_W];
    end
  endfunction

  function integer tag_class(input integer t);
    begin
      tag_class = TAG_CLASS[t*TAG_W +: TAG_W];
    end
  endfunction

  // ---- reference model state (of the set being loaded)
  integer m_fill, m_slot, m_tmax;               // lockstep: the open tile
  integer m_open [0:7];                         // grouped, per class
  integer m_cslot [0:7];
  integer m_cfill [0:7];
  integer m_cplanes [0:7];
  integer m_fused [0:7];
  integer m_next;                               // next free slot
  integer m_fin;                                // finalize: class visited, -1 when not

  // expected outputs of this cycle
  reg     e_take, e_append;
  integer e_lane, e_slot, e_planes;
  integer e_sa, e_sb, e_pl, e_lo, e_hi;
  reg     e_ready;
  reg     e_close;                              // lockstep: the open tile closes

  // ---- what the set did, for the per-set checks
  localparam integer KN = 64;
  integer k_n, t_n;
  integer k_lane [0:KN-1];
  integer k_slot [0:KN-1];
  integer k_planes [0:KN-1];
  integer t_sa [0:KN-1];
  integer t_sb [0:KN-1];
  integer t_pl [0:KN-1];
  integer t_lo [0:KN-1];
  integer t_hi [0:KN-1];

  integer set;
  integer cov_full, cov_partial, cov_fused, cov_nofit, cov_last_key, cov_last_alone, cov_empty;
  integer cov_pair [0:3];

  // The tile a class hands over during the finalize walk, or the full one.
  task expect_tile(input integer sa, input integer sb, input integer pl, input integer lo,
                   input integer hi);
    begin
      e_append = 1'b1; e_sa = sa; e_sb = sb; e_pl = pl; e_lo = lo; e_hi = hi;
    end
  endtask

  // Expected outputs for the inputs of this cycle (state before the edge).
  task model_outputs;
    integer c, p, nf;
    begin
      e_append = 1'b0; e_close = 1'b0;
      p = tag_planes(tag);
      e_planes = p;
      e_ready = SCHED == 0 || m_fin < 0;
      if (SCHED == 0) begin
        e_take = 1'b1;
        e_lane = m_fill;
        e_slot = m_slot;
        nf = m_fill + key;
        e_close = (key && nf == ROWS) || (last && nf != 0);
        if (e_close && (key && p > m_tmax ? p : m_tmax) > 0)
          expect_tile(m_slot, m_slot, key && p > m_tmax ? p : m_tmax, nf, ROWS);
      end else begin
        c = tag_class(tag);
        e_take = p != 0;
        e_slot = (e_take && m_open[c]) ? m_cslot[c] : m_next;
        e_lane = (e_take && FUSE && c % 2) ? ROWS - 1 - m_cfill[c] : (e_take ? m_cfill[c] : 0);
        if (key && e_take && m_cfill[c] + 1 == ROWS)
          expect_tile(e_slot, e_slot, p, ROWS, ROWS);
        else if (m_fin >= 0) begin
          c = m_fin;
          if (m_open[c] && !m_fused[c]) begin
            if (FUSE && c % 2 == 0 && c + 1 < NZ && m_open[c + 1] &&
                m_cfill[c] + m_cfill[c + 1] <= ROWS)
              expect_tile(m_cslot[c], m_cslot[c + 1], m_cplanes[c], m_cfill[c],
                          ROWS - m_cfill[c + 1]);
            else if (FUSE && c % 2)
              expect_tile(m_cslot[c], m_cslot[c], m_cplanes[c], 0, ROWS - m_cfill[c]);
            else
              expect_tile(m_cslot[c], m_cslot[c], m_cplanes[c], m_cfill[c], ROWS);
          end
        end
      end
    end
  endtask

  // The edge: the model takes the key, the append and the walk step.
  task model_edge;
    integer c, p;
    begin
      p = tag_planes(tag);
      if (clear) begin
        m_fill = 0; m_slot = 0; m_tmax = 0; m_next = 0; m_fin = -1;
        for (c = 0; c < 8; c = c + 1) begin
          m_open[c] = 0; m_cfill[c] = 0; m_fused[c] = 0;
        end
      end else if (SCHED == 0) begin
        if (key) begin
          k_lane[k_n] = m_fill; k_slot[k_n] = m_slot; k_planes[k_n] = p; k_n = k_n + 1;
          m_fill = m_fill + 1;
          if (p > m_tmax) m_tmax = p;
        end
        if (e_close) begin
          if (m_fill == ROWS) cov_full = cov_full + 1; else cov_partial = cov_partial + 1;
          m_fill = 0; m_tmax = 0; m_slot = m_slot + 1;
        end
      end else begin
        c = tag_class(tag);
        if (key && p != 0) begin
          if (!m_open[c]) begin
            m_open[c] = 1; m_cslot[c] = m_next; m_cfill[c] = 0; m_next = m_next + 1;
          end
          m_cplanes[c] = p;
          k_lane[k_n] = e_lane; k_slot[k_n] = m_cslot[c]; k_planes[k_n] = p; k_n = k_n + 1;
          m_cfill[c] = m_cfill[c] + 1;
          if (m_cfill[c] == ROWS) begin
            m_open[c] = 0; m_cfill[c] = 0; cov_full = cov_full + 1;
          end
        end
        if (m_fin >= 0) begin
          c = m_fin;
          if (e_append && e_sa != e_sb) begin
            m_fused[c + 1] = 1; cov_fused = cov_fused + 1; cov_pair[c / 2] = cov_pair[c / 2] + 1;
          end else if (e_append) cov_partial = cov_partial + 1;
          if (FUSE && c % 2 == 0 && c + 1 < NZ && m_open[c] && m_open[c + 1] && e_sa == e_sb)
            cov_nofit = cov_nofit + 1;
          m_fin = c + 1 < NZ ? c + 1 : -1;
        end
        if (last) m_fin = 0;
      end
      if (e_append) begin
        t_sa[t_n] = e_sa; t_sb[t_n] = e_sb; t_pl[t_n] = e_pl; t_lo[t_n] = e_lo; t_hi[t_n] = e_hi;
        t_n = t_n + 1;
      end
    end
  endtask

  // One cycle: compare the outputs with the model, then clock.
  task cycle(input c, input k, input l, input [TAG_W-1:0] t);
    begin
      clear = c; key = k; last = l; tag = t;
      #1;
      model_outputs;
      if (ready !== e_ready) tb_err(e_ready ? "ready_o low" : "ready_o high during the walk");
      // placement of the key on offer: meaningful from clear to last_i, while
      // the set has room for it
      if (!c && in_load && m_keys < MAX_SEQ) begin
        if (take !== e_take) tb_err("take_o");
        if (planes !== e_planes) tb_err("planes_o");
        if (e_take && lane !== e_lane) begin
          tb_err("lane_o"); if (tb_show) $display("    tag %0d: lane %0d, expected %0d", t, lane, e_lane);
        end
        if (e_take && slot !== e_slot) begin
          tb_err("slot_o"); if (tb_show) $display("    tag %0d: slot %0d, expected %0d", t, slot, e_slot);
        end
      end
      if (append !== e_append)
        tb_err(e_append ? "missing append" : "unexpected append");
      else if (e_append && {ap_slot_a, ap_slot_b, ap_planes, ap_lo, ap_hi} !==
               {e_sa[SLOT_W-1:0], e_sb[SLOT_W-1:0], e_pl[PLANE_W-1:0], e_lo[FILL_W-1:0],
                e_hi[FILL_W-1:0]}) begin
        tb_err("wrong tile appended");
        if (tb_show) $display("    got {%0d,%0d,%0d,%0d,%0d}, expected {%0d,%0d,%0d,%0d,%0d}", ap_slot_a,
                 ap_slot_b, ap_planes, ap_lo, ap_hi, e_sa, e_sb, e_pl, e_lo, e_hi);
      end
      @(posedge clk);
      model_edge;
      if (k && !c) m_keys = m_keys + 1;
      if (c) in_load = 1'b1;
      if (l) in_load = 1'b0;
      #1;
    end
  endtask

  // The set on its own terms, from what was placed and appended.
  task check_set;
    integer i, j, r, covered, maxp, s;
    begin
      for (i = 0; i < k_n; i = i + 1) begin
        if (k_slot[i] >= SLOTS) tb_err("slot beyond SLOTS");
        if (k_lane[i] >= ROWS) tb_err("lane beyond ROWS");
        for (j = 0; j < i; j = j + 1)
          if (k_lane[i] == k_lane[j] && k_slot[i] == k_slot[j]) tb_err("two keys in one lane of a slot");
        // every key with planes is run by exactly one tile
        covered = 0;
        for (j = 0; j < t_n; j = j + 1)
          if ((k_lane[i] < t_lo[j] && k_slot[i] == t_sa[j]) ||
              (k_lane[i] >= t_hi[j] && k_slot[i] == t_sb[j]))
            covered = covered + 1;
        if (covered != (k_planes[i] != 0 || (SCHED == 0 && covered == 1)))
          tb_err("a key run by no tile, or by two");
      end
      // every lane a tile runs holds a key; the tile runs its keys' top planes
      for (j = 0; j < t_n; j = j + 1) begin
        if (t_lo[j] > t_hi[j] || t_hi[j] > ROWS) tb_err("tile with lo > hi or hi > ROWS");
        maxp = 0;
        for (r = 0; r < ROWS; r = r + 1)
          if (r < t_lo[j] || r >= t_hi[j]) begin
            s = r < t_lo[j] ? t_sa[j] : t_sb[j];
            covered = 0;
            for (i = 0; i < k_n; i = i + 1)
              if (k_lane[i] == r && k_slot[i] == s) begin
                covered = 1;
                if (k_planes[i] > maxp) maxp = k_planes[i];
              end
            if (!covered) tb_err("a tile runs a lane with no key");
          end
        if (t_pl[j] != maxp) tb_err("tile planes are not its top key's");
      end
    end
  endtask

  reg in_load;
  reg [8*8-1:0] sched_name;
  integer m_keys;                               // keys offered in the set
  integer n, i, gap, lean, lean_tag, with_key, t;
  initial begin
    tb_seed(31 + SCHED * 7 + PSET * 3 + ROWS); in_load = 1'b0;
    cov_full = 0; cov_partial = 0; cov_fused = 0; cov_nofit = 0;
    cov_last_key = 0; cov_last_alone = 0; cov_empty = 0;
    for (i = 0; i < 4; i = i + 1) cov_pair[i] = 0;
    m_fill = 0; m_slot = 0; m_tmax = 0; m_next = 0; m_fin = -1;
    for (i = 0; i < 8; i = i + 1) begin
      m_open[i] = 0; m_cfill[i] = 0; m_fused[i] = 0; m_cslot[i] = 0; m_cplanes[i] = 0;
    end
    sched_name = SCHED == 0 ? "lockstep" : SCHED == 1 ? "group" : "fuse";
    clear = 0; key = 0; last = 0; tag = 0; m_keys = 0;
    tb_reset(2);
    for (set = 0; set < SETS; set = set + 1) begin
      $sformat(tb_where, "set %0d", set);
      k_n = 0; t_n = 0; m_keys = 0;
      cycle(1'b1, 1'b0, 1'b0, $random(seed));
      n = set % 10 == 0 ? 0 : tb_rand(MAX_SEQ + 1);
      if (n == 0) cov_empty = cov_empty + 1;
      lean = tb_one_in(3);          // this set favours one tag
      lean_tag = tb_rand(NTAG);
      with_key = !tb_one_in(2);                         // last_i with the last key
      for (i = 0; i < n; i = i + 1) begin
        gap = tb_one_in(3) ? 1 + tb_rand(3) : 0;
        repeat (gap) cycle(1'b0, 1'b0, 1'b0, $random(seed));
        t = lean && !tb_one_in(4) ? lean_tag : tb_rand(NTAG);
        cycle(1'b0, 1'b1, i == n - 1 && with_key, t);
      end
      if (n == 0 || !with_key) begin
        repeat (tb_rand(3)) cycle(1'b0, 1'b0, 1'b0, $random(seed));
        cycle(1'b0, 1'b0, 1'b1, $random(seed));
        cov_last_alone = cov_last_alone + 1;
      end else cov_last_key = cov_last_key + 1;
      // the walk, then a few idle cycles
      while (m_fin >= 0) cycle(1'b0, 1'b0, 1'b0, $random(seed));
      repeat (tb_rand(3)) cycle(1'b0, 1'b0, 1'b0, $random(seed));
      check_set;
    end
    // (one lane leaves no partial tiles, hence nothing to fuse either)
    if (cov_full == 0 || (ROWS > 1 && cov_partial == 0) || cov_last_key == 0 ||
        cov_last_alone == 0 || (FUSE && ROWS > 1 && (cov_fused == 0 || cov_nofit == 0 || cov_pair[0] == 0 ||
                  (NZ > 3 && cov_pair[1] == 0)))) begin
      tb_err("coverage: a kind of tile or of last_i missing");
      $display("  coverage: %0d full, %0d partial, %0d fused (pairs 0/1: %0d/%0d), %0d not fitting, last with key %0d, alone %0d",
               cov_full, cov_partial, cov_fused, cov_pair[0], cov_pair[1], cov_nofit,
               cov_last_key, cov_last_alone);
    end
    tb_where = 0;
    $sformat(tb_pass_text, "%0s, %0d classes with planes, ROWS=%0d: %0d sets, %0d full tiles, %0d partial, %0d fused",
             sched_name, NZ, ROWS, SETS, cov_full, cov_partial, cov_fused);
    $sformat(tb_fail_text, "%0s, PSET=%0d, ROWS=%0d", sched_name, PSET, ROWS);
    tb_finish(tb_pass_text, tb_fail_text);
  end

  initial tb_watchdog(SETS * (4 * MAX_SEQ + 20));
endmodule
