// SPDX-License-Identifier: MIT
// Dispatch, lockstep policy (the naive baseline): consecutive keys fill a
// tile in arrival order, pruned ones included as empty lanes, and the tile
// runs at its slowest lane. Only tiles that hold at least one unpruned key go
// to the tile table. SLOTS = ceil(MAX_SEQ/ROWS) holds MAX_SEQ keys.
module vssa_dispatch_lockstep #(
  parameter integer ROWS       = 4,
  parameter integer SLOT_W     = 5,
  parameter integer PLANE_W    = 2,
  parameter integer TAG_W      = 2,
  parameter integer LANE_W     = 2,
  parameter integer FILL_W     = 3,
  parameter [(1<<TAG_W)*PLANE_W-1:0] TAG_PLANES = 8'b00_00_01_10
) (
  input  wire               clk_i,
  input  wire               rst_ni,
  input  wire               clear_i,
  input  wire [TAG_W-1:0]   tag_i,
  input  wire               key_i,
  input  wire               last_i,
  output wire               take_o,
  output wire [LANE_W-1:0]  lane_o,
  output wire [SLOT_W-1:0]  slot_o,
  output wire [PLANE_W-1:0] planes_o,
  output wire               ready_o,
  output wire               append_o,
  output wire [SLOT_W-1:0]  append_slot_a_o,
  output wire [SLOT_W-1:0]  append_slot_b_o,
  output wire [PLANE_W-1:0] append_planes_o,
  output wire [FILL_W-1:0]  append_lo_o,
  output wire [FILL_W-1:0]  append_hi_o
);
  // Parameter checks, at elaboration: an inconsistent instance stops the
  // simulation at time 0, and Yosys refuses it.
  initial begin
    if (!(ROWS >= 1 && (1 << LANE_W) >= ROWS && (1 << FILL_W) > ROWS && SLOT_W >= 1 &&
          PLANE_W >= 1 && TAG_W >= 1)) begin
      $display("ERROR: %m: parameters: need ROWS >= 1, 2^LANE_W >= ROWS, 2^FILL_W > ROWS, SLOT_W, PLANE_W, TAG_W >= 1");
      $finish;
    end
  end

  localparam integer LANE_LAST = ROWS - 1;
  localparam [FILL_W-1:0] ALL  = ROWS[FILL_W-1:0];

  reg [LANE_W-1:0]  lane_q, lane_d;
  reg [SLOT_W-1:0]  slot_q, slot_d;
  reg [PLANE_W-1:0] tmax_q, tmax_d;

  reg  [PLANE_W-1:0] planes;
  integer k;
  always @* begin
    planes = {PLANE_W{1'b0}};
    for (k = 0; k < (1 << TAG_W); k = k + 1) begin
      if (tag_i == k[TAG_W-1:0]) begin
        planes = TAG_PLANES[k*PLANE_W +: PLANE_W];
      end
    end
  end
  wire [PLANE_W-1:0] tmax   = (key_i && planes > tmax_q) ? planes : tmax_q;
  wire [FILL_W-1:0]  fill   = {1'b0, lane_q} + {{(FILL_W - 1){1'b0}}, key_i};
  wire               close  = (key_i && lane_q == LANE_LAST[LANE_W-1:0]) ||
                              (last_i && fill != {FILL_W{1'b0}});
  wire               append = close && tmax != {PLANE_W{1'b0}};

  always @* begin
    lane_d = lane_q;
    slot_d = slot_q;
    tmax_d = tmax_q;
    if (clear_i) begin
      lane_d = {LANE_W{1'b0}};
      slot_d = {SLOT_W{1'b0}};
      tmax_d = {PLANE_W{1'b0}};
    end else if (close) begin
      lane_d = {LANE_W{1'b0}};
      slot_d = slot_q + 1'b1;
      tmax_d = {PLANE_W{1'b0}};
    end else if (key_i) begin
      lane_d = lane_q + 1'b1;
      tmax_d = tmax;
    end
  end

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      lane_q <= {LANE_W{1'b0}};
      slot_q <= {SLOT_W{1'b0}};
      tmax_q <= {PLANE_W{1'b0}};
    end else begin
      lane_q <= lane_d;
      slot_q <= slot_d;
      tmax_q <= tmax_d;
    end
  end

  // A pruned key still takes its lane, so its metadata marks the lane empty.
  assign take_o          = 1'b1;
  assign lane_o          = lane_q;
  assign slot_o          = slot_q;
  assign planes_o        = planes;
  assign ready_o         = 1'b1;     // tiles close as their last key arrives
  assign append_o        = append;
  assign append_slot_a_o = slot_q;
  assign append_slot_b_o = slot_q;
  assign append_planes_o = tmax;
  assign append_lo_o     = fill;
  assign append_hi_o     = ALL;
endmodule
