// SPDX-License-Identifier: MIT
// Compute sequencer: for one query block, walks the tile table and issues one
// operation (tile, plane, step t) per cycle. The issued operation leaves in
// stage-1 registers; lanes read their banks from it (stage 2), register
// the read (3), select the plane's digit (4), multiply (4) and accumulate
// (5, the capture stage LANE_LAT; vssa_lane). The table is a
// RAM with synchronous read: the next tile's entry is fetched while the
// current tile runs. A tile's last operation captures the sums into the drain chain, so it
// waits until the chain is empty. A block with no tiles issues one empty
// capture, so that the drain can still mark the block's end.
module vssa_sequencer #(
  parameter integer ROWS    = 4,
  parameter integer D       = 16,
  parameter integer T_W     = 4,
  parameter integer PLANE_W = 2,
  parameter integer SLOT_W  = 5,
  parameter integer TILE_W  = 6,
  parameter integer FILL_W  = 3,
  parameter integer KADDR_W = 9,
  parameter integer IDX_W   = 6,
  parameter integer LANE_LAT = 5    // the capture stage (vssa_capline)
) (
  input  wire               clk_i,
  input  wire               rst_ni,
  input  wire               start_i,        // a query block begins
  input  wire [IDX_W-1:0]   qbase_i,        // the block's first query index
  input  wire [TILE_W-1:0]  count_i,        // tiles in the table
  output wire               ready_o,        // start_i may be raised
  output wire               idle_o,         // nothing issued or in flight
  output wire               wait_o,         // running, but the next operation is held
  // tile table read port
  output wire [SLOT_W-1:0]  tt_raddr_o,
  input  wire [SLOT_W-1:0]  tt_slot_a_i,
  input  wire [SLOT_W-1:0]  tt_slot_b_i,
  input  wire [PLANE_W-1:0] tt_planes_i,
  input  wire [FILL_W-1:0]  tt_lo_i,
  input  wire [FILL_W-1:0]  tt_hi_i,
  input  wire               drain_free_i,
  // stage 1: the issued operation
  output wire               s1_step_o,
  output wire               s1_first_o,
  output wire               s1_capture_o,
  output wire [PLANE_W-1:0] s1_plane_o,
  output wire [FILL_W-1:0]  s1_lo_o,
  output wire [FILL_W-1:0]  s1_hi_o,
  output wire [SLOT_W-1:0]  s1_slot_a_o,
  output wire [SLOT_W-1:0]  s1_slot_b_o,
  output wire [KADDR_W-1:0] s1_addr_a_o,
  output wire [KADDR_W-1:0] s1_addr_b_o,
  output wire               s2_step_o,      // stage 2 holds an operation
  output wire               s3_sweep_o,     // stage 3 holds an operation of the
                                            // block's first plane sweep
  // the capture stage: a capture reaches the lanes' hold registers
  output wire               cs_capture_o,
  output wire               cs_last_o,      // ... of the block's last tile
  output wire               cs_empty_o,     // ... of a block with no tiles
  output wire [IDX_W-1:0]   cs_qbase_o
);
  // Parameter checks, at elaboration: an inconsistent instance stops the
  // simulation at time 0, and Yosys refuses it.
  initial begin
    if (!(ROWS >= 1 && D >= 1 && (1 << T_W) >= D && (1 << FILL_W) > ROWS && PLANE_W >= 1 &&
          SLOT_W >= 1 && TILE_W > SLOT_W && (1 << KADDR_W) >= D && IDX_W >= 1 && LANE_LAT >= 3)) begin
      $display("ERROR: %m: parameters: need ROWS, D >= 1, 2^T_W >= D, 2^FILL_W > ROWS, TILE_W > SLOT_W, 2^KADDR_W >= D, LANE_LAT >= 3");
      $finish;
    end
  end

  localparam integer T_LAST = D - 1;
  localparam [FILL_W-1:0] ALL = ROWS[FILL_W-1:0];
  localparam [KADDR_W:0]  DK  = D[KADDR_W:0];

  reg               running_q, ran_q, empty_q, fresh_q;
  reg [TILE_W-1:0]  tile_q;
  reg [PLANE_W-1:0] plane_q;
  reg [T_W-1:0]     t_q;
  reg [IDX_W-1:0]   qbase_q;
  reg [SLOT_W-1:0]  slot_a_q, slot_b_q;
  reg [PLANE_W-1:0] planes_q;
  reg [FILL_W-1:0]  lo_q, hi_q;
  reg [KADDR_W-1:0] base_a_q, base_b_q;

  // ---- stage 1: the issued operation
  reg               s1_first_q, s1_sweep_q;
  reg [PLANE_W-1:0] s1_plane_q;
  reg [FILL_W-1:0]  s1_lo_q, s1_hi_q;
  reg [SLOT_W-1:0]  s1_slot_a_q, s1_slot_b_q;
  reg [KADDR_W-1:0] s1_addr_a_q, s1_addr_b_q;

  // The walk's end-of flags are registers updated a cycle ahead, so that the
  // issue decision (which fans out to the whole walk) follows no compare or
  // subtract (for timing; the cycles are those of the plain compares):
  //  - lastt_q:    last_t,     empty_q || t_q == T_LAST;
  //  - lastpl_q:   last_plane, empty_q || plane_q == planes_q - 1;
  //  - lasttile_q: empty_q || tile_q == count_i - 1, while running (the tile
  //    table's count holds still through a block: the set is ready before
  //    a block starts);
  // (A capture still in flight, capfl, comes from the capture line.)
  // last_tile itself, which the capture line's tag records every cycle,
  // stays a compare.
  reg               lastt_q, lastpl_q, lasttile_q;
  // idle_q: idle_o (nothing issued or in flight) from the next state, since
  // the phase controller decides a block's move to P.V from it.
  reg               idle_q;
  localparam integer       ONE = 1, TWO = 2;
  localparam [PLANE_W-1:0] P1  = ONE[PLANE_W-1:0];
  localparam [TILE_W-1:0]  C1  = ONE[TILE_W-1:0];
  localparam [TILE_W-1:0]  C2  = TWO[TILE_W-1:0];
  localparam [0:0]         T0  = T_LAST == 0;   // a block's t-walk is one step

  wire none       = count_i == {TILE_W{1'b0}};
  wire last_tile  = empty_q || tile_q == count_i - 1'b1;
  wire last_op    = lastt_q && lastpl_q;
  wire next_ok    = lasttile_q || fresh_q;     // the next entry has been read
  wire capfl, cl_busy, s1_step, s1_cap;
  wire issue      = running_q && (!last_op || (drain_free_i && !capfl && next_ok));
  wire advance    = issue && last_op && !lasttile_q;
  wire load       = start_i || advance;

  wire [T_W-1:0]     t_nx     = t_q + 1'b1;
  wire [PLANE_W-1:0] plane_nx = plane_q + 1'b1;

  // The entry on the read port: tile 0 while idle, the next tile while running.
  wire [SLOT_W-1:0]  e_slot_a = start_i && none ? {SLOT_W{1'b0}} : tt_slot_a_i;
  wire [SLOT_W-1:0]  e_slot_b = start_i && none ? {SLOT_W{1'b0}} : tt_slot_b_i;
  wire [PLANE_W-1:0] e_planes = start_i && none ? {{(PLANE_W - 1){1'b0}}, 1'b1} : tt_planes_i;
  wire [FILL_W-1:0]  e_lo     = start_i && none ? {FILL_W{1'b0}} : tt_lo_i;
  wire [FILL_W-1:0]  e_hi     = start_i && none ? ALL : tt_hi_i;
  wire [KADDR_W:0]   e_base_a = {{(KADDR_W + 1 - SLOT_W){1'b0}}, e_slot_a} * DK;
  wire [KADDR_W:0]   e_base_b = {{(KADDR_W + 1 - SLOT_W){1'b0}}, e_slot_b} * DK;

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      running_q <= 1'b0;
      ran_q     <= 1'b0;
      empty_q   <= 1'b0;
      fresh_q   <= 1'b0;
      lastt_q    <= T0;
      lastpl_q   <= 1'b0;
      lasttile_q <= 1'b0;
      idle_q     <= 1'b1;
      tile_q    <= {TILE_W{1'b0}};
      plane_q   <= {PLANE_W{1'b0}};
      t_q       <= {T_W{1'b0}};
      qbase_q   <= {IDX_W{1'b0}};
    end else begin
      ran_q   <= running_q;
      fresh_q <= running_q && !load;
      idle_q  <= !start_i && !(running_q && !(issue && last_op && lasttile_q)) && !issue &&
                 !cl_busy;
      if (start_i) begin
        running_q  <= 1'b1;
        empty_q    <= none;
        lastt_q    <= none || T0;
        lastpl_q   <= none || tt_planes_i == P1;
        lasttile_q <= none || count_i == C1;
        tile_q    <= {TILE_W{1'b0}};
        plane_q   <= {PLANE_W{1'b0}};
        t_q       <= {T_W{1'b0}};
        qbase_q   <= qbase_i;
      end else if (issue) begin
        t_q     <= lastt_q ? {T_W{1'b0}} : t_nx;
        lastt_q <= empty_q || (lastt_q ? T0 : t_nx == T_LAST[T_W-1:0]);
        if (lastt_q) begin
          plane_q  <= lastpl_q ? {PLANE_W{1'b0}} : plane_nx;
          lastpl_q <= empty_q || (!lastpl_q ? plane_nx == planes_q - 1'b1 :
                                  advance ? tt_planes_i == P1 : planes_q == P1);
        end
        if (last_op) begin
          tile_q     <= tile_q + 1'b1;
          running_q  <= !lasttile_q;
          lasttile_q <= empty_q || tile_q + C2 == count_i;
        end
      end
    end
  end

  always @(posedge clk_i) begin
    if (load) begin
      slot_a_q <= e_slot_a;
      slot_b_q <= e_slot_b;
      planes_q <= e_planes;
      lo_q     <= e_lo;
      hi_q     <= e_hi;
      base_a_q <= e_base_a[KADDR_W-1:0];
      base_b_q <= e_base_b[KADDR_W-1:0];
    end
  end

  // The issued operation's step and capture through stages 1 to LANE_LAT,
  // with the fields the capture needs as its tag: {last tile, empty block,
  // query base}.
  wire             s2_step, cs_step, cs_cap, cs_last, cs_empty;
  wire [IDX_W-1:0] cs_qbase;
  vssa_capline #(.GRP_W (IDX_W + 2), .LANE_LAT (LANE_LAT)) u_capline (
    .clk_i     (clk_i),
    .rst_ni    (rst_ni),
    .issue_i   (issue),
    .cap_i     (last_op),
    .tag_i     ({last_tile, empty_q, qbase_q}),
    .s1_step_o (s1_step),
    .s1_cap_o  (s1_cap),
    .s2_step_o (s2_step),
    .cs_step_o (cs_step),
    .cs_cap_o  (cs_cap),
    .cs_tag_o  ({cs_last, cs_empty, cs_qbase}),
    .capfl_o   (capfl),
    .busy_o    (cl_busy)
  );

  wire [KADDR_W-1:0] t_ext = {{(KADDR_W - T_W){1'b0}}, t_q};
  always @(posedge clk_i) begin
    s1_first_q   <= t_q == {T_W{1'b0}} && plane_q == {PLANE_W{1'b0}};
    s1_sweep_q   <= tile_q == {TILE_W{1'b0}} && plane_q == {PLANE_W{1'b0}} && !empty_q;
    s1_plane_q   <= plane_q;
    s1_lo_q      <= lo_q;
    s1_hi_q      <= hi_q;
    s1_slot_a_q  <= slot_a_q;
    s1_slot_b_q  <= slot_b_q;
    s1_addr_a_q  <= base_a_q + t_ext;
    s1_addr_b_q  <= base_b_q + t_ext;
  end

  // An operation of the block's first plane sweep (its first tile's first
  // plane), two stages on: in stage 3.
  wire [1:0] sweep;
  vssa_delay #(.WIDTH (1), .DEPTH (2), .RESET (1)) u_sweep (
    .clk_i  (clk_i),
    .rst_ni (rst_ni),
    .d_i    (s1_step && s1_sweep_q),
    .taps_o (sweep)
  );

  // Bits of the products above the address range are always zero.
  wire unused_base = e_base_a[KADDR_W] ^ e_base_b[KADDR_W];
  // idle_q looks at stages 1 to LANE_LAT - 1 (busy) a cycle ahead; the
  // sweep's stage 2 goes nowhere.
  wire unused_st = cs_step ^ sweep[0];

  assign tt_raddr_o       = running_q ? tile_q[SLOT_W-1:0] + 1'b1 : {SLOT_W{1'b0}};
  assign ready_o          = !running_q && !ran_q;
  assign idle_o           = idle_q;
  assign wait_o           = running_q && !issue;
  assign s1_step_o        = s1_step;
  assign s1_first_o       = s1_first_q;
  assign s1_capture_o     = s1_cap;
  assign s1_plane_o       = s1_plane_q;
  assign s1_lo_o          = s1_lo_q;
  assign s1_hi_o          = s1_hi_q;
  assign s1_slot_a_o      = s1_slot_a_q;
  assign s1_slot_b_o      = s1_slot_b_q;
  assign s1_addr_a_o      = s1_addr_a_q;
  assign s1_addr_b_o      = s1_addr_b_q;
  assign s2_step_o        = s2_step;
  assign s3_sweep_o       = sweep[1];
  assign cs_capture_o     = cs_cap;
  assign cs_last_o        = cs_last;
  assign cs_empty_o       = cs_empty;
  assign cs_qbase_o       = cs_qbase;
endmodule
