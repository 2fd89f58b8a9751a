// Loader: holds one placed key between the dispatcher and the lanes, so that
// the placement (class, slot, lane) and the lane's readiness are decided in
// different cycles. The held key goes to its lane as soon as the lane's
// staging register can take it; a key without digit planes only records its
// metadata, and goes at once.
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
  output wire               ready_o,      // put_i may be raised this cycle
  input  wire               meta_i,       // it takes a lane: record its metadata
  input  wire [LANE_W-1:0]  lane_i,
  input  wire [SLOT_W-1:0]  slot_i,
  input  wire [PLANE_W-1:0] planes_i,
  input  wire [IDX_W-1:0]   idx_i,
  input  wire [D*8-1:0]     data_i,
  output wire               idle_o,       // nothing held
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

  reg               full_q, meta_q;
  reg [LANE_W-1:0]  lane_q;
  reg [SLOT_W-1:0]  slot_q;
  reg [PLANE_W-1:0] planes_q;
  reg [IDX_W-1:0]   idx_q;
  reg [D*8-1:0]     data_q;

  wire stage = planes_q != {PLANE_W{1'b0}};
  wire fire  = full_q && (!stage || ld_free_i[lane_q]);

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      full_q <= 1'b0;
    end else begin
      full_q <= put_i || (full_q && !fire);
    end
  end

  always @(posedge clk_i) begin
    if (put_i) begin
      meta_q   <= meta_i;
      lane_q   <= lane_i;
      slot_q   <= slot_i;
      planes_q <= planes_i;
      idx_q    <= idx_i;
      data_q   <= data_i;
    end
  end

  wire [KADDR_W:0] base = {{(KADDR_W + 1 - SLOT_W){1'b0}}, slot_q} * DK;
  // The product never reaches the top bit: slot < SLOTS.
  wire unused_base = base[KADDR_W];

  assign ready_o   = !full_q || fire;
  assign idle_o    = !full_q;
  assign meta_we_o = fire && meta_q;
  assign kv_ld_o   = fire && stage;
  assign lane_o    = lane_q;
  assign slot_o    = slot_q;
  assign base_o    = base[KADDR_W-1:0];
  assign planes_o  = planes_q;
  assign idx_o     = idx_q;
  assign data_o    = data_q;
endmodule
