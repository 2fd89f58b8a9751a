// SPDX-License-Identifier: MIT
// P.V sequencer: for one block, walks the value list once per t-tile (TT of
// them: lanes take head dimensions tt*ROWS .. tt*ROWS+ROWS-1) and issues one
// operation per cycle: (t-tile, token, plane). Every lane works on the same
// token, which runs only its own planes, so no lane waits for another. The
// column operand is the token's exponential, read from the e RAMs at the
// token's arrival slot (its index is only a label, passed on for the
// importance counters). A t-tile's last operation captures the sums into the drain
// chain, so it waits until the chain is empty, as in Q.K^T. The list is a
// RAM with synchronous read; the entry after the current one is always on
// its read port, so tokens follow each other without a gap.
module vssa_pvseq #(
  parameter integer ROWS    = 4,
  parameter integer D       = 16,
  parameter integer TT      = 4,
  parameter integer MAX_SEQ = 64,
  parameter integer VADDR_W = 8,
  parameter integer IDX_W   = 6,
  parameter integer PLANE_W = 2,
  parameter integer KCNT_W  = 7,
  parameter integer FILL_W  = 3,
  parameter integer TT_W    = 2,
  parameter integer LANE_LAT = 5    // the capture stage (vssa_capline)
) (
  input  wire                     clk_i,
  input  wire                     rst_ni,
  input  wire                     start_i,
  output wire                     none_o,       // start found an empty list: no operations
  output wire                     idle_o,       // nothing issued or in flight
  output wire                     wait_o,       // running, but the next operation is held
  // value list
  output wire [IDX_W-1:0]         vlist_raddr_o,
  input  wire [PLANE_W+2*IDX_W-1:0] vlist_rdata_i,   // {value planes, index, slot}
  input  wire [KCNT_W-1:0]        vlist_count_i,
  input  wire                     drain_free_i,
  // stage 1
  output wire                     s1_step_o,
  output wire                     s1_first_o,
  output wire                     s1_capture_o,
  output wire [PLANE_W-1:0]       s1_plane_o,
  output wire [FILL_W-1:0]        s1_rows_o,    // live lanes of the t-tile
  output wire [VADDR_W-1:0]       s1_vaddr_o,
  output wire [IDX_W-1:0]         s1_eaddr_o,   // the token's slot
  output wire [IDX_W-1:0]         s1_label_o,   // ... and its index
  output wire                     s1_imp_o,     // a token's first operation of t-tile 0
  // the capture stage
  output wire                     cs_capture_o,
  output wire                     cs_last_o     // ... of the block's last t-tile
);
  // Parameter checks, at elaboration: an inconsistent instance stops the
  // simulation at time 0, and Yosys refuses it.
  initial begin
    if (!(ROWS >= 1 && D >= 1 && TT == (D + ROWS - 1) / ROWS && (1 << TT_W) >= TT &&
          MAX_SEQ >= 1 && (1 << VADDR_W) >= TT * MAX_SEQ && (1 << IDX_W) >= MAX_SEQ &&
          (1 << KCNT_W) > MAX_SEQ && (1 << FILL_W) > ROWS && PLANE_W >= 1 && LANE_LAT >= 3)) begin
      $display("ERROR: %m: parameters: need TT = ceil(D/ROWS), 2^TT_W >= TT, 2^VADDR_W >= TT*MAX_SEQ, 2^IDX_W >= MAX_SEQ, 2^KCNT_W > MAX_SEQ, 2^FILL_W > ROWS, LANE_LAT >= 3");
      $finish;
    end
  end

  localparam integer      TT_LAST = TT - 1;
  localparam [TT_W-1:0]   TTL     = TT_LAST[TT_W-1:0];
  localparam integer      LAST_N  = D - (TT - 1) * ROWS;
  localparam [FILL_W-1:0] FULL    = ROWS[FILL_W-1:0];
  localparam [FILL_W-1:0] TAIL    = LAST_N[FILL_W-1:0];
  localparam [VADDR_W:0]  STRIDE  = MAX_SEQ[VADDR_W:0];

  reg               running_q, none_q;
  // idle_q: idle_o (nothing issued or in flight) from the next state, since
  // the array's operand and phase selects (P.V or Q.K^T) fan out from it.
  reg               idle_q;
  reg [TT_W-1:0]    tt_q;
  reg [PLANE_W-1:0] pl_q;
  reg [IDX_W-1:0]   cur_idx_q, cur_label_q;
  reg [PLANE_W-1:0] cur_vp_q;
  reg [VADDR_W-1:0] base_q;

  wire [PLANE_W-1:0] e_vp    = vlist_rdata_i[PLANE_W+2*IDX_W-1:2*IDX_W];
  wire [IDX_W-1:0]   e_label = vlist_rdata_i[2*IDX_W-1:IDX_W];
  wire [IDX_W-1:0]   e_idx   = vlist_rdata_i[IDX_W-1:0];

  reg               s1_first_q, s1_imp_q;
  reg [PLANE_W-1:0] s1_plane_q;
  reg [FILL_W-1:0]  s1_rows_q;
  reg [VADDR_W-1:0] s1_vaddr_q;
  reg [IDX_W-1:0]   s1_eaddr_q, s1_label_q;

  // The walk is kept as flags and addresses precomputed a cycle ahead, so
  // that no count compare or increment lies between the issue decision and
  // the list's read address (for timing; the cycles are those of a plain
  // index compared with the count). The list's count holds still from
  // start_i to the block's end (the set is ready before a block starts), so
  // start_i takes what it needs of it: n = 1, next(next(0)), n - 1. With
  // next(x) = x + 1 == n ? 0 : x + 1, the entry after x, wrapping:
  //  - at0_q:     the current entry is entry 0;
  //  - lastent_q: the current entry is the list's last;
  //  - lastpl_q:  the current plane is the token's last;
  //  - port_q:    next(current), the address on the read port;
  //  - nx2_q:     next(port_q);
  //  - adv_q:     the port's address once the walk moves on: next(port_q),
  //               or next(0) after the last entry.
  // (A capture still in flight, capfl, comes from the capture line.)
  reg               at0_q, lastent_q, lastpl_q, one_q;
  reg [KCNT_W-1:0]  port_q, nx2_q, nx2_wrap_q, cnt_m1_q, adv_q;

  localparam integer       ONE = 1, TWO = 2;
  localparam [KCNT_W-1:0]  K0  = {KCNT_W{1'b0}};
  localparam [KCNT_W-1:0]  K1  = ONE[KCNT_W-1:0];
  localparam [KCNT_W-1:0]  K2  = TWO[KCNT_W-1:0];   // 0 where KCNT_W is 1: then n <= 1
  localparam [PLANE_W-1:0] P1  = ONE[PLANE_W-1:0];

  wire n_one  = vlist_count_i == K1;
  wire empty  = vlist_count_i == K0;
  // next(next(0)) for the list on the port at start_i
  wire [KCNT_W-1:0] nx2_start = n_one || vlist_count_i == K2 ? K0 : K2;

  wire last_op    = lastpl_q && lastent_q;
  wire last_tile  = tt_q == TTL;
  wire capfl, cl_busy, s1_step, s1_cap, cs_step, cs_cap, cs_last;
  wire issue      = running_q && (!last_op || (drain_free_i && !capfl));
  wire advance    = issue && lastpl_q;   // on to the next entry
  wire running_d  = start_i ? !empty : issue && last_op ? !last_tile : running_q;

  // The read address: the entry after the one current next cycle; while
  // idle the port shows entry 0, which start_i takes.
  wire [KCNT_W-1:0] raddr  = start_i    ? (n_one ? K0 : K1) :
                             !running_q ? K0 :
                             advance    ? adv_q : port_q;
  wire [KCNT_W-1:0] nx2_inc = nx2_q == cnt_m1_q ? K0 : nx2_q + 1'b1;
  // the next state of the flags adv_q is made of
  wire              lastent_d = start_i ? n_one :
                                advance ? (lastent_q ? one_q : nx2_q == K0) : lastent_q;
  wire              one_d     = start_i ? n_one : one_q;
  wire [KCNT_W-1:0] nx2_d     = start_i ? nx2_start :
                                advance ? (lastent_q ? nx2_wrap_q : nx2_inc) : nx2_q;
  wire [31:0]       raddr32 = {{(32 - KCNT_W){1'b0}}, raddr};
  wire [VADDR_W:0]  base_n = {1'b0, base_q} + STRIDE;
  wire [PLANE_W-1:0] pl_inc = pl_q + 1'b1;

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      running_q <= 1'b0;
      none_q    <= 1'b0;
      idle_q    <= 1'b1;
      tt_q      <= {TT_W{1'b0}};
      pl_q      <= {PLANE_W{1'b0}};
      base_q    <= {VADDR_W{1'b0}};
      at0_q     <= 1'b1;
      lastent_q <= 1'b0;
      lastpl_q  <= 1'b0;
      port_q    <= K0;
    end else begin
      none_q  <= start_i && empty;
      idle_q  <= !running_d && !issue && !cl_busy;
      port_q  <= raddr;
      lastent_q <= lastent_d;
      running_q <= running_d;
      if (start_i) begin
        tt_q      <= {TT_W{1'b0}};
        pl_q      <= {PLANE_W{1'b0}};
        base_q    <= {VADDR_W{1'b0}};
        at0_q     <= 1'b1;
        lastpl_q  <= e_vp == P1;
      end else if (issue) begin
        pl_q     <= lastpl_q ? {PLANE_W{1'b0}} : pl_inc;
        lastpl_q <= lastpl_q ? e_vp == P1 : pl_inc == cur_vp_q - 1'b1;
        if (lastpl_q) begin
          at0_q     <= lastent_q;
        end
        if (last_op) begin
          tt_q      <= tt_q + 1'b1;
          base_q    <= base_n[VADDR_W-1:0];
        end
      end
    end
  end

  // The list's count, as start_i finds it, and the walk's next addresses.
  always @(posedge clk_i) begin
    if (start_i) begin
      cnt_m1_q   <= vlist_count_i - 1'b1;
      nx2_wrap_q <= nx2_start;
    end
    one_q <= one_d;
    nx2_q <= nx2_d;
    adv_q <= lastent_d ? (one_d ? K0 : K1) : nx2_d;
  end

  // The current token: entry 0 at the start, then the entry on the port.
  always @(posedge clk_i) begin
    if (start_i || advance) begin
      cur_idx_q   <= e_idx;
      cur_label_q <= e_label;
      cur_vp_q    <= e_vp;
    end
  end

  // The issued operation's step and capture through stages 1 to LANE_LAT;
  // the tag is whether its t-tile is the block's last.
  wire s2_step;
  vssa_capline #(.GRP_W (1), .LANE_LAT (LANE_LAT)) u_capline (
    .clk_i     (clk_i),
    .rst_ni    (rst_ni),
    .issue_i   (issue),
    .cap_i     (last_op),
    .tag_i     (last_tile),
    .s1_step_o (s1_step),
    .s1_cap_o  (s1_cap),
    .s2_step_o (s2_step),
    .cs_step_o (cs_step),
    .cs_cap_o  (cs_cap),
    .cs_tag_o  (cs_last),
    .capfl_o   (capfl),
    .busy_o    (cl_busy)
  );

  wire [31:0] idx32 = {{(32 - IDX_W){1'b0}}, cur_idx_q};
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      s1_imp_q <= 1'b0;
    end else begin
      s1_imp_q <= issue && tt_q == {TT_W{1'b0}} && pl_q == {PLANE_W{1'b0}};
    end
  end

  always @(posedge clk_i) begin
    s1_first_q <= at0_q && pl_q == {PLANE_W{1'b0}};
    s1_plane_q <= pl_q;
    s1_rows_q  <= last_tile ? TAIL : FULL;
    s1_vaddr_q <= base_q + idx32[VADDR_W-1:0];
    s1_eaddr_q <= cur_idx_q;
    s1_label_q <= cur_label_q;
  end

  // High index bits only pad the address; the stride sum's carry is unused.
  // idle_q looks at stages 1 to LANE_LAT - 1 (busy) a cycle ahead.
  wire unused = base_n[VADDR_W] ^ (|idx32[31:VADDR_W]) ^ (|raddr32[31:IDX_W]) ^ s2_step ^ cs_step;

  assign vlist_raddr_o = raddr32[IDX_W-1:0];
  assign none_o        = none_q;
  assign idle_o        = idle_q;
  assign wait_o        = running_q && !issue;
  assign s1_step_o     = s1_step;
  assign s1_first_o    = s1_first_q;
  assign s1_capture_o  = s1_cap;
  assign s1_plane_o    = s1_plane_q;
  assign s1_rows_o     = s1_rows_q;
  assign s1_vaddr_o    = s1_vaddr_q;
  assign s1_eaddr_o    = s1_eaddr_q;
  assign s1_label_o    = s1_label_q;
  assign s1_imp_o      = s1_imp_q;
  assign cs_capture_o  = cs_cap;
  assign cs_last_o     = cs_last;
endmodule
