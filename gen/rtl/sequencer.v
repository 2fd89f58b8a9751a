// Compute sequencer: walks the tile table and issues one operation per cycle,
// (tile, plane, step t). A tile's last operation captures the sums, so it
// waits until the drain has emptied the previous tile's rows.
module ${TOP}_sequencer #(
  parameter integer D       = 16,
  parameter integer T_W     = 4,
  parameter integer PLANE_W = 2,
  parameter integer SLOT_W  = 2,
  parameter integer FILL_W  = 3,
  parameter integer TILE_W  = 3
) (
  input  wire               clk_i,
  input  wire               rst_ni,
  input  wire               start_i,        // the pass has loaded: begin computing
  input  wire [TILE_W-1:0]  tile_count_i,
  // tile table read port
  output wire [TILE_W-1:0]  tile_o,
  input  wire [SLOT_W-1:0]  tile_slot_a_i,
  input  wire [SLOT_W-1:0]  tile_slot_b_i,
  input  wire [PLANE_W-1:0] tile_planes_i,
  input  wire [FILL_W-1:0]  tile_lo_i,
  input  wire [FILL_W-1:0]  tile_hi_i,
  input  wire               drain_empty_i,
  // issue stage
  output wire [SLOT_W-1:0]  is_slot_a_o,
  output wire [SLOT_W-1:0]  is_slot_b_o,
  output wire [FILL_W-1:0]  is_lo_o,
  output wire [T_W-1:0]     is_t_o,
  output wire               wait_drain_o,   // the last operation is held back
  // execute stage
  output reg                ex_step_o,
  output reg                ex_first_o,
  output reg                ex_plane_start_o,
  output reg                ex_capture_o,
  output reg  [T_W-1:0]     ex_t_o,
  output reg  [PLANE_W-1:0] ex_plane_o,
  output reg  [FILL_W-1:0]  ex_lo_o,
  output reg  [FILL_W-1:0]  ex_hi_o,
  output reg  [PLANE_W-1:0] ex_tile_planes_o,
  output reg                ex_last_tile_o,
  output wire               idle_o          // nothing issued or executing
);
  localparam integer T_LAST = D - 1;

  reg               running_q;
  reg [TILE_W-1:0]  tile_q;
  reg [PLANE_W-1:0] plane_q;
  reg [T_W-1:0]     t_q;

  wire last_t     = t_q == T_LAST[T_W-1:0];
  wire last_plane = plane_q == tile_planes_i - 1'b1;
  wire last_op    = last_t && last_plane;
  wire last_tile  = tile_q == tile_count_i - 1'b1;
  // A capture still in the execute stage will refill the drain next cycle.
  wire drain_free = drain_empty_i && !(ex_step_o && ex_capture_o);
  wire issue      = running_q && (!last_op || drain_free);

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      running_q <= 1'b0;
      tile_q    <= {TILE_W{1'b0}};
      plane_q   <= {PLANE_W{1'b0}};
      t_q       <= {T_W{1'b0}};
    end else if (start_i) begin
      running_q <= tile_count_i != {TILE_W{1'b0}};
      tile_q    <= {TILE_W{1'b0}};
      plane_q   <= {PLANE_W{1'b0}};
      t_q       <= {T_W{1'b0}};
    end else if (issue) begin
      t_q <= last_t ? {T_W{1'b0}} : t_q + 1'b1;
      if (last_t) begin
        plane_q <= last_plane ? {PLANE_W{1'b0}} : plane_q + 1'b1;
      end
      if (last_op) begin
        tile_q    <= tile_q + 1'b1;
        running_q <= !last_tile;
      end
    end
  end

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      ex_step_o        <= 1'b0;
      ex_first_o       <= 1'b0;
      ex_plane_start_o <= 1'b0;
      ex_capture_o     <= 1'b0;
      ex_t_o           <= {T_W{1'b0}};
      ex_plane_o       <= {PLANE_W{1'b0}};
      ex_lo_o          <= {FILL_W{1'b0}};
      ex_hi_o          <= {FILL_W{1'b0}};
      ex_tile_planes_o <= {PLANE_W{1'b0}};
      ex_last_tile_o   <= 1'b0;
    end else begin
      ex_step_o        <= issue;
      ex_first_o       <= t_q == {T_W{1'b0}} && plane_q == {PLANE_W{1'b0}};
      ex_plane_start_o <= t_q == {T_W{1'b0}} && plane_q != {PLANE_W{1'b0}};
      ex_capture_o     <= last_op;
      ex_t_o           <= t_q;
      ex_plane_o       <= plane_q;
      ex_lo_o          <= tile_lo_i;
      ex_hi_o          <= tile_hi_i;
      ex_tile_planes_o <= tile_planes_i;
      ex_last_tile_o   <= last_tile;
    end
  end

  assign tile_o       = tile_q;
  assign is_slot_a_o  = tile_slot_a_i;
  assign is_slot_b_o  = tile_slot_b_i;
  assign is_lo_o      = tile_lo_i;
  assign is_t_o       = t_q;
  assign wait_drain_o = running_q && !issue;
  assign idle_o       = !running_q && !ex_step_o;
endmodule
