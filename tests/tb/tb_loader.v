// SPDX-License-Identifier: MIT
// tb_loader.v - self-checking testbench for vssa_loader: random placed keys
// (some without planes, some without metadata) put whenever ready_o allows,
// lanes that are free at random. Checks that every key reaches the lanes
// exactly once, in order, with its fields and base = slot * D; that a key
// with planes leaves only when its lane is free; that ready_o is high
// exactly when fewer than two keys are held (whatever the lanes do this
// cycle); and idle_o.
// Prints one final line: PASS tb_loader: ... or FAIL tb_loader: ...
`timescale 1ns/1ps
module tb_loader;
  parameter integer ROWS    = 4;
  parameter integer D       = 16;
  parameter integer SLOT_W  = 5;
  parameter integer KADDR_W = 9;
  parameter integer PLANE_W = 2;
  parameter integer IDX_W   = 6;
  parameter integer LANE_W  = 2;
  parameter integer KEYS    = 3000;
  localparam TB_NAME = "tb_loader";
  `include "tb_common.vh"

  reg                put, meta;
  reg  [LANE_W-1:0]  lane;
  reg  [SLOT_W-1:0]  slot;
  reg  [PLANE_W-1:0] planes;
  reg  [IDX_W-1:0]   idx;
  reg  [D*8-1:0]     data;
  reg  [ROWS-1:0]    free;
  wire               ready, idle, meta_we, kv_ld;
  wire [LANE_W-1:0]  o_lane;
  wire [SLOT_W-1:0]  o_slot;
  wire [KADDR_W-1:0] o_base;
  wire [PLANE_W-1:0] o_planes;
  wire [IDX_W-1:0]   o_idx;
  wire [D*8-1:0]     o_data;

  vssa_loader #(.ROWS(ROWS), .D(D), .SLOT_W(SLOT_W), .KADDR_W(KADDR_W), .PLANE_W(PLANE_W),
                .IDX_W(IDX_W), .LANE_W(LANE_W)) dut (
    .clk_i(clk), .rst_ni(rst_n), .put_i(put), .ready_o(ready), .meta_i(meta), .lane_i(lane),
    .slot_i(slot), .planes_i(planes), .idx_i(idx), .data_i(data), .idle_o(idle),
    .ld_free_i(free), .meta_we_o(meta_we), .kv_ld_o(kv_ld), .lane_o(o_lane), .slot_o(o_slot),
    .base_o(o_base), .planes_o(o_planes), .idx_o(o_idx), .data_o(o_data));

  // The keys the loader holds, as the testbench put them: [0] the head.
  integer           nheld;
  reg               h_meta   [0:1];
  reg [LANE_W-1:0]  h_lane   [0:1];
  reg [SLOT_W-1:0]  h_slot   [0:1];
  reg [PLANE_W-1:0] h_planes [0:1];
  reg [IDX_W-1:0]   h_idx    [0:1];
  reg [D*8-1:0]     h_data   [0:1];
  integer sent, passed, waits, two;
  reg leaves;

  initial begin
    tb_seed(3); sent = 0; passed = 0; waits = 0; two = 0; nheld = 0;
    put = 1'b0; free = {ROWS{1'b0}};
    tb_reset(2);
    while (passed < KEYS && cyc < 20 * KEYS) begin
      // inputs change one step after the edge
      free   = $random(seed);
      meta   = !tb_one_in(8);
      lane   = tb_rand(ROWS);
      slot   = tb_rand(17);
      planes = tb_rand(3);
      idx    = $random(seed);
      data   = {$random(seed), $random(seed), $random(seed), $random(seed)};
      #1;
      put    = sent < KEYS && ready && !tb_one_in(3);
      #1;
      leaves = nheld > 0 && (h_planes[0] == 0 || free[h_lane[0]]);
      if (ready !== (nheld < 2)) tb_err("ready_o wrong");
      if (idle !== (nheld == 0)) tb_err("idle_o wrong");
      if (kv_ld !== (leaves && h_planes[0] != 0)) tb_err("kv_ld_o wrong");
      if (meta_we !== (leaves && h_meta[0])) tb_err("meta_we_o wrong");
      if (nheld > 0 && !leaves) waits = waits + 1;
      if (nheld == 2) two = two + 1;
      if (leaves && (o_lane !== h_lane[0] || o_slot !== h_slot[0] || o_planes !== h_planes[0] ||
                     o_idx !== h_idx[0] || o_data !== h_data[0] || o_base !== h_slot[0] * D))
        tb_err("a key left with the wrong fields");
      if (leaves) passed = passed + 1;
      @(posedge clk);
      if (leaves) begin
        h_meta[0] = h_meta[1]; h_lane[0] = h_lane[1]; h_slot[0] = h_slot[1];
        h_planes[0] = h_planes[1]; h_idx[0] = h_idx[1]; h_data[0] = h_data[1];
        nheld = nheld - 1;
      end
      if (put) begin
        h_meta[nheld] = meta; h_lane[nheld] = lane; h_slot[nheld] = slot;
        h_planes[nheld] = planes; h_idx[nheld] = idx; h_data[nheld] = data;
        nheld = nheld + 1; sent = sent + 1;
      end
      #1;
    end
    if (passed != KEYS) tb_err("keys lost");
    if (waits == 0) tb_err("no key ever waited for its lane (coverage)");
    if (two == 0) tb_err("never two keys held (coverage)");
    $sformat(tb_pass_text, "%0d keys, %0d cycles held for a lane, %0d with two held",
             passed, waits, two);
    tb_finish(tb_pass_text, "");
  end
endmodule
