// SPDX-License-Identifier: MIT
// Loader: holds up to two placed keys between the dispatcher and the
// lanes, in order, so that the placement (class, slot, lane) and the lane's
// readiness are decided in different cycles. The first key goes to its
// lane as soon as the lane's staging register can take it; a key without
// digit planes only records its metadata, and goes at once. ready_o is a
// register (the second place is empty), so the dispatcher's take never
// waits on a lane's free flag in the same cycle.
module vssa_loader #(
  parameter integer ROWS    = 4,
  parameter integer D       = 16,
  parameter integer SLOT_W  = 5,
  parameter integer KADDR_W = 9,
  parameter integer PLANE_W = 2,
  parameter integer IDX_W   = 6,
  parameter integer LANE_W  = 2
) (
  input  wire               clk_i,
  input  wire               rst_ni,
  // a placed key from the dispatcher
  input  wire               put_i,
  output wire               ready_o,      // put_i may be raised this cycle (a register)
  input  wire               meta_i,       // it takes a lane: record its metadata
  input  wire [LANE_W-1:0]  lane_i,
  input  wire [SLOT_W-1:0]  slot_i,
  input  wire [PLANE_W-1:0] planes_i,
  input  wire [IDX_W-1:0]   idx_i,
  input  wire [D*8-1:0]     data_i,
  output wire               idle_o,       // nothing held (a register)
  // to the lanes
  input  wire [ROWS-1:0]    ld_free_i,
  output wire               meta_we_o,
  output wire               kv_ld_o,
  output wire [LANE_W-1:0]  lane_o,
  output wire [SLOT_W-1:0]  slot_o,
  output wire [KADDR_W-1:0] base_o,       // slot * D
  output wire [PLANE_W-1:0] planes_o,
  output wire [IDX_W-1:0]   idx_o,
  output wire [D*8-1:0]     data_o
);
  // Parameter checks, at elaboration: an inconsistent instance stops the
  // simulation at time 0, and Yosys refuses it.
  initial begin
    if (!(ROWS >= 1 && (1 << LANE_W) >= ROWS && D >= 1 && (1 << KADDR_W) >= D &&
          SLOT_W >= 1 && PLANE_W >= 1 && IDX_W >= 1)) begin
      $display("ERROR: %m: parameters: need ROWS, D >= 1, 2^LANE_W >= ROWS, 2^KADDR_W >= D");
      $finish;
    end
  end

  localparam [KADDR_W:0] DK = D[KADDR_W:0];

  // Place 1 (the head, *_q) is the one the lanes see; place 2 (*2_q) holds
  // a key taken while the head waits for its lane.
  localparam integer F_W = 1 + LANE_W + SLOT_W + PLANE_W + IDX_W + D * 8;

  reg               full_q, full2_q;
  reg               meta_q;
  reg [LANE_W-1:0]  lane_q;
  reg [SLOT_W-1:0]  slot_q;
  reg [PLANE_W-1:0] planes_q;
  reg [IDX_W-1:0]   idx_q;
  reg [D*8-1:0]     data_q;
  reg [F_W-1:0]     key2_q;

  wire stage = planes_q != {PLANE_W{1'b0}};
  wire fire  = full_q && (!stage || ld_free_i[lane_q]);
  // The head takes the input when it is empty or leaves with place 2
  // empty; it takes place 2's key when it leaves with place 2 full.
  wire to_head  = put_i && (!full_q || (fire && !full2_q));
  wire to_place2 = put_i && full_q && !fire;
  wire from2    = fire && full2_q;

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      full_q  <= 1'b0;
      full2_q <= 1'b0;
    end else begin
      full_q  <= to_head || from2 || (full_q && !fire);
      full2_q <= to_place2 || (full2_q && !fire);
    end
  end

  wire [F_W-1:0] key_in = {meta_i, lane_i, slot_i, planes_i, idx_i, data_i};
  always @(posedge clk_i) begin
    if (to_head || from2) begin
      {meta_q, lane_q, slot_q, planes_q, idx_q, data_q} <= from2 ? key2_q : key_in;
    end
  end
  always @(posedge clk_i) begin
    if (to_place2) begin
      key2_q <= key_in;
    end
  end

  wire [KADDR_W:0] base = {{(KADDR_W + 1 - SLOT_W){1'b0}}, slot_q} * DK;
  // The product never reaches the top bit: slot < SLOTS.
  wire unused_base = base[KADDR_W];

  assign ready_o   = !full2_q;
  assign idle_o    = !full_q;
  assign meta_we_o = fire && meta_q;
  assign kv_ld_o   = fire && stage;
  assign lane_o    = lane_q;
  assign slot_o    = slot_q;
  assign base_o    = base[KADDR_W-1:0];
  assign planes_o  = planes_q;
  assign idx_o     = idx_q;
  assign data_o    = data_q;

`ifndef SYNTHESIS
  // Assertion, in every simulation: nothing is put while both places hold
  // a key (it would overwrite place 2).
  always @(posedge clk_i) begin
    if (put_i && full2_q) begin   // full2_q is reset
      $fatal(1, "%m: a key was put while the loader was full");
    end
  end
`endif
endmodule
