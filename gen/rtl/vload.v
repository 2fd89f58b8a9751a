// SPDX-License-Identifier: MIT
// Value loader and token lists. A kept key's beat also carries its value
// token. The loader records, in arrival order:
//  - the key list: every key with digit planes (the keys the softmax runs
//    over), with its value's planes;
//  - the value list: those whose value has planes too (the tokens P.V runs
//    over), and writes such a value into the lanes' value banks, ROWS
//    elements a cycle (element LANE + tt*ROWS at address tt*MAX_SEQ + slot),
//    in TT = ceil(D/ROWS) cycles.
// Storage is by arrival slot (the key's place among the set's kept keys,
// always below MAX_SEQ); the token index is only a label carried in the
// lists, so any index, repeated or not, gives a defined result.
// A value whose key is pruned is never used (its exponential is 0), so it
// is neither listed nor written.
module vssa_vload #(
  parameter integer ROWS     = 4,
  parameter integer D        = 16,
  parameter integer TT       = 4,
  parameter integer MAX_SEQ  = 64,
  parameter integer VADDR_W  = 8,
  parameter integer IDX_W    = 6,
  parameter integer PLANE_W  = 2,
  parameter integer KCNT_W   = 7
) (
  input  wire                       clk_i,
  input  wire                       rst_ni,
  input  wire                       clear_i,    // a new key set begins
  input  wire                       put_i,      // a kept key and its value
  input  wire [PLANE_W-1:0]         kplanes_i,
  input  wire [PLANE_W-1:0]         vplanes_i,
  input  wire [IDX_W-1:0]           idx_i,      // the key's label (in_idx_i)
  input  wire [IDX_W-1:0]           slot_i,     // its arrival slot
  input  wire [D*8-1:0]             data_i,
  output wire                       ready_o,    // put_i may be raised this cycle
  output wire                       idle_o,     // no value waits to be written
  // value bank write port, shared by the lanes
  output wire                       vw_we_o,
  output wire [VADDR_W-1:0]         vw_addr_o,
  output wire [ROWS*8-1:0]          vw_data_o,
  // key list
  input  wire [IDX_W-1:0]           klist_raddr_i,
  output wire [PLANE_W+2*IDX_W-1:0] klist_rdata_o,   // {value planes, index, slot}
  output wire [KCNT_W-1:0]          klist_count_o,
  // value list
  input  wire [IDX_W-1:0]           vlist_raddr_i,
  output wire [PLANE_W+2*IDX_W-1:0] vlist_rdata_o,   // {value planes, index, slot}
  output wire [KCNT_W-1:0]          vlist_count_o
);
  // Parameter checks, at elaboration: an inconsistent instance stops the
  // simulation at time 0, and Yosys refuses it.
  initial begin
    if (!(ROWS >= 1 && D >= 1 && TT == (D + ROWS - 1) / ROWS && MAX_SEQ >= 1 &&
          (1 << VADDR_W) >= TT * MAX_SEQ && (1 << IDX_W) >= MAX_SEQ &&
          (1 << KCNT_W) > MAX_SEQ && PLANE_W >= 1)) begin
      $display("ERROR: %m: parameters: need TT = ceil(D/ROWS), 2^VADDR_W >= TT*MAX_SEQ, 2^IDX_W >= MAX_SEQ, 2^KCNT_W > MAX_SEQ");
      $finish;
    end
  end

  localparam integer SW = TT * ROWS * 8;
  localparam [VADDR_W:0] STRIDE = MAX_SEQ[VADDR_W:0];
  // The writer's count of cycles left: 0..TT, in as few bits as that takes.
  localparam integer      LEFT_W = $clog2(TT + 1);
  localparam [LEFT_W-1:0] TTL    = TT[LEFT_W-1:0];
  localparam [LEFT_W-1:0] L0     = {LEFT_W{1'b0}};

  wire listed = put_i && kplanes_i != {PLANE_W{1'b0}};
  wire valued = listed && vplanes_i != {PLANE_W{1'b0}};

  reg [KCNT_W-1:0] kcount_q, vcount_q;
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      kcount_q <= {KCNT_W{1'b0}};
      vcount_q <= {KCNT_W{1'b0}};
    end else if (clear_i) begin
      kcount_q <= {KCNT_W{1'b0}};
      vcount_q <= {KCNT_W{1'b0}};
    end else begin
      if (listed) begin
        kcount_q <= kcount_q + 1'b1;
      end
      if (valued) begin
        vcount_q <= vcount_q + 1'b1;
      end
    end
  end

  vssa_ram #(
    .WIDTH  (PLANE_W + 2 * IDX_W),
    .DEPTH  (MAX_SEQ),
    .ADDR_W (IDX_W)
  ) u_klist (
    .clk_i   (clk_i),
    .we_i    (listed),
    .waddr_i (kcount_q[IDX_W-1:0]),
    .wdata_i ({vplanes_i, idx_i, slot_i}),
    .raddr_i (klist_raddr_i),
    .rdata_o (klist_rdata_o)
  );

  vssa_ram #(
    .WIDTH  (PLANE_W + 2 * IDX_W),
    .DEPTH  (MAX_SEQ),
    .ADDR_W (IDX_W)
  ) u_vlist (
    .clk_i   (clk_i),
    .we_i    (valued),
    .waddr_i (vcount_q[IDX_W-1:0]),
    .wdata_i ({vplanes_i, idx_i, slot_i}),
    .raddr_i (vlist_raddr_i),
    .rdata_o (vlist_rdata_o)
  );

  // ---- the value writer: ROWS elements a cycle
  reg [SW-1:0]      stage_q;
  reg [VADDR_W-1:0] addr_q;
  reg [LEFT_W-1:0]  left_q;
  reg               ready_q;
  wire              writing = left_q != L0;
  wire [VADDR_W:0]  addr_next = {1'b0, addr_q} + STRIDE;
  wire [31:0]       slot32    = {{(32 - IDX_W){1'b0}}, slot_i};
  wire [SW-1:0]     padded;
  wire [SW-1:0]     stage_next;   // the next t-tile's elements moved down
  generate
    if (SW > D * 8) begin : g_pad
      assign padded = {{(SW - D * 8){1'b0}}, data_i};
    end else begin : g_exact
      assign padded = data_i;
    end
    if (SW > ROWS * 8) begin : g_shift
      assign stage_next = {{(ROWS * 8){1'b0}}, stage_q[SW-1:ROWS*8]};
    end else begin : g_one
      assign stage_next = {SW{1'b0}};
      wire unused_stage = ^stage_q;
    end
  endgenerate

  // The ready flag is registered from the counter's next value.
  reg [LEFT_W-1:0] left_d;
  always @* begin
    left_d = left_q;
    if (valued) begin
      left_d = TTL;
    end else if (writing) begin
      left_d = left_q - 1'b1;
    end
  end

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      left_q  <= L0;
      ready_q <= 1'b1;
    end else begin
      left_q  <= left_d;
      ready_q <= (left_d >> 1) == L0;   // left_d <= 1 (a compare with 1 is constant at LEFT_W 1)
    end
  end

  // A put can only come while ready_q is high, so ready_q alone chooses
  // between taking the input and shifting: the input's accept decision,
  // which crosses the controller and the dispatcher, stays off these wide
  // registers' enables. With ready_q and no put they take the input beat
  // anyway, unused: a new put reloads them, and nothing is written before.
  always @(posedge clk_i) begin
    if (ready_q) begin
      stage_q <= padded;
      addr_q  <= slot32[VADDR_W-1:0];
    end else begin
      stage_q <= stage_next;
      addr_q  <= addr_next[VADDR_W-1:0];
    end
  end

  // The stride sum's carry is never used: the last address is in range.
  wire unused = addr_next[VADDR_W] ^ (|slot32[31:VADDR_W]);

  assign ready_o       = ready_q;
  assign idle_o        = !writing;
  assign vw_we_o       = writing;
  assign vw_addr_o     = addr_q;
  assign vw_data_o     = stage_q[ROWS*8-1:0];
  assign klist_count_o = kcount_q;
  assign vlist_count_o = vcount_q;
endmodule
