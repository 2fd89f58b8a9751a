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
  parameter integer TT_W    = 2
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
  // stage 4
  output wire                     s4_capture_o,
  output wire                     s4_last_o     // ... of the block's last t-tile
);
  // Parameter checks, at elaboration: an inconsistent instance stops the
  // simulation at time 0, and Yosys refuses it.
  initial begin
    if (!(ROWS >= 1 && D >= 1 && TT == (D + ROWS - 1) / ROWS && (1 << TT_W) >= TT &&
          MAX_SEQ >= 1 && (1 << VADDR_W) >= TT * MAX_SEQ && (1 << IDX_W) >= MAX_SEQ &&
          (1 << KCNT_W) > MAX_SEQ && (1 << FILL_W) > ROWS && PLANE_W >= 1)) begin
      $display("ERROR: %m: parameters: need TT = ceil(D/ROWS), 2^TT_W >= TT, 2^VADDR_W >= TT*MAX_SEQ, 2^IDX_W >= MAX_SEQ, 2^KCNT_W > MAX_SEQ, 2^FILL_W > ROWS");
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
  reg [TT_W-1:0]    tt_q;
  reg [KCNT_W-1:0]  i_q;
  reg [PLANE_W-1:0] pl_q;
  reg [IDX_W-1:0]   cur_idx_q, cur_label_q;
  reg [PLANE_W-1:0] cur_vp_q;
  reg [VADDR_W-1:0] base_q;

  wire [PLANE_W-1:0] e_vp    = vlist_rdata_i[PLANE_W+2*IDX_W-1:2*IDX_W];
  wire [IDX_W-1:0]   e_label = vlist_rdata_i[2*IDX_W-1:IDX_W];
  wire [IDX_W-1:0]   e_idx   = vlist_rdata_i[IDX_W-1:0];

  reg               s1_step_q, s1_first_q, s1_cap_q, s1_last_q, s1_imp_q;
  reg [PLANE_W-1:0] s1_plane_q;
  reg [FILL_W-1:0]  s1_rows_q;
  reg [VADDR_W-1:0] s1_vaddr_q;
  reg [IDX_W-1:0]   s1_eaddr_q, s1_label_q;
  reg               st2_q, st3_q, st4_q, cap2_q, cap3_q, cap4_q, last2_q, last3_q, last4_q;

  wire last_plane = pl_q == cur_vp_q - 1'b1;
  wire last_entry = i_q == vlist_count_i - 1'b1;
  wire last_op    = last_plane && last_entry;
  wire last_tile  = tt_q == TTL;
  wire cap_flight = (s1_step_q && s1_cap_q) || cap2_q || cap3_q || cap4_q;
  wire issue      = running_q && (!last_op || (drain_free_i && !cap_flight));
  wire empty      = vlist_count_i == {KCNT_W{1'b0}};

  // The list index after this cycle, and the entry after it, wrapping; while
  // idle the port shows entry 0, which start_i takes.
  wire [KCNT_W-1:0] i_d    = start_i ? {KCNT_W{1'b0}} :
                             !issue || !last_plane ? i_q :
                             last_entry ? {KCNT_W{1'b0}} : i_q + 1'b1;
  wire [KCNT_W-1:0] i_nx   = i_d + 1'b1;
  wire [KCNT_W-1:0] raddr  = !running_q && !start_i ? {KCNT_W{1'b0}} :
                             i_nx == vlist_count_i ? {KCNT_W{1'b0}} : i_nx;
  wire [31:0]       raddr32 = {{(32 - KCNT_W){1'b0}}, raddr};
  wire [VADDR_W:0]  base_n = {1'b0, base_q} + STRIDE;

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      running_q <= 1'b0;
      none_q    <= 1'b0;
      tt_q      <= {TT_W{1'b0}};
      i_q       <= {KCNT_W{1'b0}};
      pl_q      <= {PLANE_W{1'b0}};
      base_q    <= {VADDR_W{1'b0}};
    end else begin
      none_q <= start_i && empty;
      if (start_i) begin
        running_q <= !empty;
        tt_q      <= {TT_W{1'b0}};
        i_q       <= {KCNT_W{1'b0}};
        pl_q      <= {PLANE_W{1'b0}};
        base_q    <= {VADDR_W{1'b0}};
      end else if (issue) begin
        i_q  <= i_d;
        pl_q <= last_plane ? {PLANE_W{1'b0}} : pl_q + 1'b1;
        if (last_op) begin
          tt_q      <= tt_q + 1'b1;
          base_q    <= base_n[VADDR_W-1:0];
          running_q <= !last_tile;
        end
      end
    end
  end

  // The current token: entry 0 at the start, then the entry on the port.
  always @(posedge clk_i) begin
    if (start_i || (issue && last_plane)) begin
      cur_idx_q   <= e_idx;
      cur_label_q <= e_label;
      cur_vp_q    <= e_vp;
    end
  end

  wire [31:0] idx32 = {{(32 - IDX_W){1'b0}}, cur_idx_q};
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      s1_step_q <= 1'b0;
      s1_cap_q  <= 1'b0;
      s1_imp_q  <= 1'b0;
    end else begin
      s1_step_q <= issue;
      s1_cap_q  <= last_op;
      s1_imp_q  <= issue && tt_q == {TT_W{1'b0}} && pl_q == {PLANE_W{1'b0}};
    end
  end

  always @(posedge clk_i) begin
    s1_first_q <= i_q == {KCNT_W{1'b0}} && pl_q == {PLANE_W{1'b0}};
    s1_last_q  <= last_tile;
    s1_plane_q <= pl_q;
    s1_rows_q  <= last_tile ? TAIL : FULL;
    s1_vaddr_q <= base_q + idx32[VADDR_W-1:0];
    s1_eaddr_q <= cur_idx_q;
    s1_label_q <= cur_label_q;
  end

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      st2_q  <= 1'b0;
      st3_q  <= 1'b0;
      st4_q  <= 1'b0;
      cap2_q <= 1'b0;
      cap3_q <= 1'b0;
      cap4_q <= 1'b0;
    end else begin
      st2_q  <= s1_step_q;
      st3_q  <= st2_q;
      st4_q  <= st3_q;
      cap2_q <= s1_step_q && s1_cap_q;
      cap3_q <= cap2_q;
      cap4_q <= cap3_q;
    end
  end

  always @(posedge clk_i) begin
    last2_q <= s1_last_q;
    last3_q <= last2_q;
    last4_q <= last3_q;
  end

  // High index bits only pad the address; the stride sum's carry is unused.
  wire unused = base_n[VADDR_W] ^ (|idx32[31:VADDR_W]) ^ (|raddr32[31:IDX_W]) ^ st4_q;

  assign vlist_raddr_o = raddr32[IDX_W-1:0];
  assign none_o        = none_q;
  assign idle_o        = !running_q && !s1_step_q && !st2_q && !st3_q && !st4_q;
  assign wait_o        = running_q && !issue;
  assign s1_step_o     = s1_step_q;
  assign s1_first_o    = s1_first_q;
  assign s1_capture_o  = s1_cap_q;
  assign s1_plane_o    = s1_plane_q;
  assign s1_rows_o     = s1_rows_q;
  assign s1_vaddr_o    = s1_vaddr_q;
  assign s1_eaddr_o    = s1_eaddr_q;
  assign s1_label_o    = s1_label_q;
  assign s1_imp_o      = s1_imp_q;
  assign s4_capture_o  = cap4_q;
  assign s4_last_o     = last4_q;
endmodule
