// SPDX-License-Identifier: MIT
// Dispatch, precision-grouped policies. Each precision class fills tiles of
// its own, so every lane of a full tile runs at the same speed and nothing
// stalls; pruned tokens take no lane. A class opens a tile by taking the next
// free slot; a full tile joins the tile table at once. When the load ends, a
// finalize step visits one class per cycle and appends the partial tiles.
// SLOTS = ceil(MAX_SEQ/ROWS) + NZ - 1 always holds MAX_SEQ tokens, since each
// class leaves at most one partial tile.
//
// FUSE = 0 ("group"): every partial tile runs on its own.
// FUSE = 1 ("fuse"):  even classes fill lanes upward from lane 0, odd classes
//   downward from lane ROWS-1. When classes 2i and 2i+1 both end with a
//   partial tile and the two fit side by side, they run as one tile at the
//   higher precision, each lane reading its own class's slot.
module vssa_dispatch_group #(
  parameter integer ROWS       = 4,
  parameter integer SLOT_W     = 5,
  parameter integer PLANE_W    = 2,
  parameter integer TAG_W      = 2,
  parameter integer LANE_W     = 2,
  parameter integer FILL_W     = 3,
  parameter integer NZ         = 2,     // classes with a non-zero precision
  parameter integer FUSE       = 1,
  parameter [(1<<TAG_W)*PLANE_W-1:0] TAG_PLANES = 8'b00_00_01_10,
  parameter [(1<<TAG_W)*TAG_W-1:0]   TAG_CLASS  = 8'b10_10_01_00
) (
  input  wire               clk_i,
  input  wire               rst_ni,
  input  wire               clear_i,      // a new key set begins
  input  wire [TAG_W-1:0]   tag_i,        // tag of the key on offer
  input  wire               key_i,        // the key on offer is taken this cycle
  input  wire               last_i,       // the key set closes this cycle
  // placement of the key on offer
  output wire               take_o,       // it needs a lane (else it is pruned)
  output wire [LANE_W-1:0]  lane_o,
  output wire [SLOT_W-1:0]  slot_o,
  output wire [PLANE_W-1:0] planes_o,
  output wire               ready_o,      // the tile table is complete
  // the tile this cycle adds to the tile table, if any
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
          PLANE_W >= 1 && TAG_W >= 1 && NZ >= 1 && NZ <= (1 << TAG_W) &&
          (FUSE == 0 || FUSE == 1))) begin
      $display("ERROR: %m: parameters: need ROWS >= 1, 2^LANE_W >= ROWS, 2^FILL_W > ROWS, 1 <= NZ <= 2^TAG_W, FUSE 0 or 1");
      $finish;
    end
  end

  localparam integer NTAG      = 1 << TAG_W;
  localparam integer LANE_LAST = ROWS - 1;
  localparam [FILL_W-1:0] ALL  = ROWS[FILL_W-1:0];

  // ---- per-class state, as arrays indexed by the class itself: a plain
  // NTAG-way mux each, where a part-select at class * width would build
  // 32-bit offset arithmetic (and a carry chain) into the select path
  wire [TAG_W-1:0]   cls_a    [0:NTAG-1];   // TAG_CLASS, by tag
  wire [PLANE_W-1:0] planes_a [0:NTAG-1];   // TAG_PLANES, by tag or class
  wire [SLOT_W-1:0]  slot     [0:NTAG-1];
  wire [FILL_W-1:0]  fill     [0:NTAG-1];
  wire [NTAG-1:0]    open;
  wire [TAG_W-1:0]   cls    = cls_a[tag_i];
  wire [PLANE_W-1:0] planes = planes_a[tag_i];
  reg  [SLOT_W-1:0]  next_q;                 // next free slot

  wire               take   = planes != {PLANE_W{1'b0}};
  wire               place  = key_i && take;
  wire               c_open = open[cls];
  wire [SLOT_W-1:0]  c_slot = c_open ? slot[cls] : next_q;
  wire [FILL_W-1:0]  c_fill = fill[cls];
  wire               c_down = FUSE != 0 && cls[0];
  wire [LANE_W-1:0]  c_lane = c_down ? LANE_LAST[LANE_W-1:0] - c_fill[LANE_W-1:0]
                                     : c_fill[LANE_W-1:0];
  wire               c_full = c_fill + 1'b1 == ALL;

  // ---- finalize: one class per cycle after the last key
  reg                fin_q;
  reg  [TAG_W-1:0]   fin_cls_q;
  reg  [NTAG-1:0]    fused_q;                // class already run inside a fused tile
  wire [TAG_W-1:0]   fin_pair = fin_cls_q + 1'b1;
  // fin_pair one-hot: a bit set at a variable index (fused_d[fin_pair])
  // builds 32-bit index arithmetic in Yosys
  wire [NTAG-1:0]    pair_1h  = {{(NTAG - 1){1'b0}}, 1'b1} << fin_pair;
  wire               fin_last = fin_cls_q == NZ[TAG_W-1:0] - 1'b1;
  wire               f_open   = open[fin_cls_q] && !fused_q[fin_cls_q];
  wire [SLOT_W-1:0]  f_slot   = slot[fin_cls_q];
  wire [FILL_W-1:0]  f_fill   = fill[fin_cls_q];
  wire [PLANE_W-1:0] f_planes = planes_a[fin_cls_q];
  wire               f_down   = FUSE != 0 && fin_cls_q[0];
  wire               p_open   = !fin_last && open[fin_pair];
  wire [FILL_W-1:0]  p_fill   = fill[fin_pair];
  wire               f_fuse   = FUSE != 0 && !f_down && f_open && p_open &&
                                {1'b0, f_fill} + {1'b0, p_fill} <= {1'b0, ALL};

  genvar c;
  generate
    for (c = 0; c < NTAG; c = c + 1) begin : g_class
      localparam [TAG_W-1:0] C = c;
      assign cls_a[c]    = TAG_CLASS[c*TAG_W +: TAG_W];
      assign planes_a[c] = TAG_PLANES[c*PLANE_W +: PLANE_W];
      if (c < NZ) begin : g_live
        reg              open_q, open_d;
        reg [SLOT_W-1:0] slot_q, slot_d;
        reg [FILL_W-1:0] fill_q, fill_d;
        always @* begin
          open_d = open_q;
          slot_d = slot_q;
          fill_d = fill_q;
          if (clear_i) begin
            open_d = 1'b0;
            fill_d = {FILL_W{1'b0}};
          end else if (place && cls == C) begin
            open_d = !c_full;
            slot_d = c_slot;
            fill_d = c_full ? {FILL_W{1'b0}} : c_fill + 1'b1;
          end
        end
        always @(posedge clk_i or negedge rst_ni) begin
          if (!rst_ni) begin
            open_q <= 1'b0;
            slot_q <= {SLOT_W{1'b0}};
            fill_q <= {FILL_W{1'b0}};
          end else begin
            open_q <= open_d;
            slot_q <= slot_d;
            fill_q <= fill_d;
          end
        end
        assign open[c] = open_q;
        assign slot[c]  = slot_q;
        assign fill[c]  = fill_q;
      end else begin : g_none
        assign open[c] = 1'b0;
        assign slot[c]  = {SLOT_W{1'b0}};
        assign fill[c]  = {FILL_W{1'b0}};
      end
    end
  endgenerate

  // ---- the tile to append this cycle, if any: at most one per cycle
  reg               append;
  reg [SLOT_W-1:0]  new_slot_a, new_slot_b;
  reg [PLANE_W-1:0] new_planes;
  reg [FILL_W-1:0]  new_lo, new_hi;
  always @* begin
    append     = 1'b0;
    new_slot_a = c_slot;
    new_slot_b = c_slot;
    new_planes = planes;
    new_lo     = ALL;
    new_hi     = ALL;
    if (place && c_full) begin
      append     = 1'b1;
    end else if (fin_q && f_fuse) begin
      append     = 1'b1;
      new_slot_a = f_slot;
      new_slot_b = slot[fin_pair];
      new_planes = f_planes;
      new_lo     = f_fill;
      new_hi     = ALL - p_fill;
    end else if (fin_q && f_open) begin
      append     = 1'b1;
      new_slot_a = f_slot;
      new_slot_b = f_slot;
      new_planes = f_planes;
      new_lo     = f_down ? {FILL_W{1'b0}} : f_fill;
      new_hi     = f_down ? ALL - f_fill : ALL;
    end
  end

  // ---- slot allocation and the finalize walk
  reg [SLOT_W-1:0] next_d;
  reg              fin_d;
  reg [TAG_W-1:0]  fin_cls_d;
  reg [NTAG-1:0]   fused_d;
  always @* begin
    next_d    = next_q;
    fin_d     = fin_q;
    fin_cls_d = fin_cls_q;
    fused_d   = fused_q;
    if (clear_i) begin
      next_d    = {SLOT_W{1'b0}};
      fin_d     = 1'b0;
      fin_cls_d = {TAG_W{1'b0}};
      fused_d   = {NTAG{1'b0}};
    end else begin
      if (place && !c_open) begin
        next_d = next_q + 1'b1;
      end
      if (last_i) begin
        fin_d     = 1'b1;
        fin_cls_d = {TAG_W{1'b0}};
      end else if (fin_q) begin
        fin_d     = !fin_last;
        fin_cls_d = fin_pair;
        if (f_fuse) begin
          fused_d = fused_q | pair_1h;
        end
      end
    end
  end

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      next_q    <= {SLOT_W{1'b0}};
      fin_q     <= 1'b0;
      fin_cls_q <= {TAG_W{1'b0}};
      fused_q   <= {NTAG{1'b0}};
    end else begin
      next_q    <= next_d;
      fin_q     <= fin_d;
      fin_cls_q <= fin_cls_d;
      fused_q   <= fused_d;
    end
  end

  assign take_o          = take;
  assign lane_o          = c_lane;
  assign slot_o          = c_slot;
  assign planes_o        = planes;
  assign ready_o         = !fin_q;
  assign append_o        = append;
  assign append_slot_a_o = new_slot_a;
  assign append_slot_b_o = new_slot_b;
  assign append_planes_o = new_planes;
  assign append_lo_o     = new_lo;
  assign append_hi_o     = new_hi;
endmodule
