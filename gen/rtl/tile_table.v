// SPDX-License-Identifier: MIT
// Tile table: the tiles a dispatcher has formed for the key set, in the order
// the sequencer runs them. An entry {slot_a, slot_b, planes, lo, hi} means
// lanes below lo hold slot_a's tokens and lanes at or above hi slot_b's.
// Every entry uses a slot of its own, so SLOTS entries always suffice.
module vssa_tile_table #(
  parameter integer SLOTS   = 17,
  parameter integer SLOT_W  = 5,
  parameter integer TILE_W  = 6,
  parameter integer PLANE_W = 2,
  parameter integer FILL_W  = 3
) (
  input  wire               clk_i,
  input  wire               rst_ni,
  input  wire               clear_i,
  input  wire               append_i,
  input  wire [SLOT_W-1:0]  slot_a_i,
  input  wire [SLOT_W-1:0]  slot_b_i,
  input  wire [PLANE_W-1:0] planes_i,
  input  wire [FILL_W-1:0]  lo_i,
  input  wire [FILL_W-1:0]  hi_i,
  output wire [TILE_W-1:0]  count_o,
  // read port: the entry appears the cycle after its address
  input  wire [SLOT_W-1:0]  raddr_i,
  output wire [SLOT_W-1:0]  slot_a_o,
  output wire [SLOT_W-1:0]  slot_b_o,
  output wire [PLANE_W-1:0] planes_o,
  output wire [FILL_W-1:0]  lo_o,
  output wire [FILL_W-1:0]  hi_o
);
  // Parameter checks, at elaboration: an inconsistent instance stops the
  // simulation at time 0, and Yosys refuses it.
  initial begin
    if (!(SLOTS >= 1 && (1 << SLOT_W) >= SLOTS && TILE_W > SLOT_W && PLANE_W >= 1 &&
          FILL_W >= 1)) begin
      $display("ERROR: %m: parameters: need 2^SLOT_W >= SLOTS, TILE_W > SLOT_W");
      $finish;
    end
  end

  localparam integer ENTRY_W = 2 * SLOT_W + PLANE_W + 2 * FILL_W;

  reg  [TILE_W-1:0]  count_q;
  wire [ENTRY_W-1:0] entry;

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      count_q <= {TILE_W{1'b0}};
    end else if (clear_i) begin
      count_q <= {TILE_W{1'b0}};
    end else if (append_i) begin
      count_q <= count_q + 1'b1;
    end
  end

  vssa_ram #(
    .WIDTH  (ENTRY_W),
    .DEPTH  (SLOTS),
    .ADDR_W (SLOT_W)
  ) u_entries (
    .clk_i   (clk_i),
    .we_i    (append_i),
    .waddr_i (count_q[SLOT_W-1:0]),
    .wdata_i ({slot_a_i, slot_b_i, planes_i, lo_i, hi_i}),
    .raddr_i (raddr_i),
    .rdata_o (entry)
  );

  assign count_o  = count_q;
  assign slot_a_o = entry[ENTRY_W-1 -: SLOT_W];
  assign slot_b_o = entry[ENTRY_W-SLOT_W-1 -: SLOT_W];
  assign planes_o = entry[2*FILL_W +: PLANE_W];
  assign lo_o     = entry[FILL_W +: FILL_W];
  assign hi_o     = entry[0 +: FILL_W];
endmodule
