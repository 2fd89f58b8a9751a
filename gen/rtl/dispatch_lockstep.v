// Dispatch, lockstep policy (the naive baseline): consecutive tokens fill a
// tile in arrival order, pruned ones included as empty lanes, and the tile
// runs at its slowest lane. Only tiles that hold at least one unpruned token
// go to the tile table.
module ${TOP}_dispatch #(
  parameter integer ROWS       = 4,
  parameter integer SLOTS      = 4,
  parameter integer SLOT_W     = 2,
  parameter integer PLANE_W    = 2,
  parameter integer TAG_W      = 2,
  parameter integer LANE_W     = 2,
  parameter integer FILL_W     = 3,
  parameter [(1<<TAG_W)*PLANE_W-1:0] TAG_PLANES = 8'b00_00_01_10
) (
  input  wire               clk_i,
  input  wire               rst_ni,
  input  wire               clear_i,      // the pass is over: forget its tiles
  input  wire               key_i,        // a key token is accepted this cycle
  input  wire [TAG_W-1:0]   tag_i,
  input  wire               last_i,       // the pass stops loading this cycle
  // placement of the accepted token
  output wire               wr_en_o,
  output wire [LANE_W-1:0]  wr_lane_o,
  output wire [SLOT_W-1:0]  wr_slot_o,
  output wire [PLANE_W-1:0] wr_planes_o,
  output wire               overflow_o,   // the token did not fit and was dropped
  output wire               ready_o,      // the tile table is complete
  // the tile this cycle adds to the tile table, if any
  output wire               append_o,
  output wire [SLOT_W-1:0]  append_slot_a_o,
  output wire [SLOT_W-1:0]  append_slot_b_o,
  output wire [PLANE_W-1:0] append_planes_o,
  output wire [FILL_W-1:0]  append_lo_o,
  output wire [FILL_W-1:0]  append_hi_o
);
  localparam integer LANE_LAST = ROWS - 1;
  localparam integer SLOT_LAST = SLOTS - 1;
  localparam [FILL_W-1:0] ALL = ROWS[FILL_W-1:0];

  reg [LANE_W-1:0]  lane_q, lane_d;
  reg [SLOT_W-1:0]  slot_q, slot_d;
  reg [PLANE_W-1:0] tmax_q, tmax_d;
  reg               full_q, full_d;

  wire [PLANE_W-1:0] planes = TAG_PLANES[tag_i*PLANE_W +: PLANE_W];
  wire               place  = key_i && !full_q;
  wire [PLANE_W-1:0] tmax   = (place && planes > tmax_q) ? planes : tmax_q;
  wire [FILL_W-1:0]  fill   = {1'b0, lane_q} + {{(FILL_W - 1){1'b0}}, place};
  wire               close  = (place && lane_q == LANE_LAST[LANE_W-1:0]) ||
                              (last_i && fill != {FILL_W{1'b0}});
  wire               append = close && tmax != {PLANE_W{1'b0}};

  always @* begin
    lane_d = lane_q;
    slot_d = slot_q;
    tmax_d = tmax_q;
    full_d = full_q;
    if (clear_i) begin
      lane_d = {LANE_W{1'b0}};
      slot_d = {SLOT_W{1'b0}};
      tmax_d = {PLANE_W{1'b0}};
      full_d = 1'b0;
    end else if (close) begin
      lane_d = {LANE_W{1'b0}};
      slot_d = slot_q + 1'b1;
      tmax_d = {PLANE_W{1'b0}};
      full_d = full_q || slot_q == SLOT_LAST[SLOT_W-1:0];
    end else if (place) begin
      lane_d = lane_q + 1'b1;
      tmax_d = tmax;
    end
  end

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      lane_q <= {LANE_W{1'b0}};
      slot_q <= {SLOT_W{1'b0}};
      tmax_q <= {PLANE_W{1'b0}};
      full_q <= 1'b0;
    end else begin
      lane_q <= lane_d;
      slot_q <= slot_d;
      tmax_q <= tmax_d;
      full_q <= full_d;
    end
  end

  assign append_o        = append;
  assign append_slot_a_o = slot_q;
  assign append_slot_b_o = slot_q;
  assign append_planes_o = tmax;
  assign append_lo_o     = fill;
  assign append_hi_o     = ALL;
  assign wr_en_o     = place;
  assign wr_lane_o   = lane_q;
  assign wr_slot_o   = slot_q;
  assign wr_planes_o = planes;
  assign overflow_o  = key_i && full_q;
  assign ready_o     = 1'b1;         // tiles close as their last token arrives
endmodule
