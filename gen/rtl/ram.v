// SPDX-License-Identifier: MIT
// One buffer: one write port, one read port, synchronous read. Written the
// way Yosys and FPGA/ASIC flows infer block RAM; every on-chip buffer of the
// design is an instance of this module. A read of the address being
// written in the same cycle returns an undefined word (X in simulation), as
// a block RAM's two ports give it: no_rw_check tells Yosys so, and it then
// adds no bypass logic behind the RAM's output to return the old word. No
// instance uses such a word (the importance counters forward the write
// instead); the X makes a simulation show it if one ever did.
// LUTRAM = 1 asks for distributed (LUT) RAM with the read register in the
// fabric (ram_style): an FPGA block RAM's unregistered read output is slow
// (about 5.6 ns on an ECP5 at speed 6), which a small buffer read straight
// into logic need not pay. RATIO > 1 writes RATIO words at once (word
// waddr_i + r from wdata_i[r*WIDTH +: WIDTH]; waddr_i a multiple of RATIO)
// and reads one: a block RAM with a wide write port and a narrow read
// port, so that a reader of words needs no word select behind the RAM.
module vssa_ram #(
  parameter integer WIDTH  = 8,
  parameter integer DEPTH  = 64,
  parameter integer ADDR_W = 6,
  parameter integer LUTRAM = 0,
  parameter integer RATIO  = 1
) (
  input  wire                   clk_i,
  input  wire                   we_i,
  input  wire [ADDR_W-1:0]      waddr_i,
  input  wire [RATIO*WIDTH-1:0] wdata_i,
  input  wire [ADDR_W-1:0]      raddr_i,
  output wire [WIDTH-1:0]       rdata_o
);
  // Parameter checks, at elaboration: an inconsistent instance stops the
  // simulation at time 0, and Yosys refuses it.
  initial begin
    if (!(WIDTH >= 1 && DEPTH >= 1 && ADDR_W >= 1 && (1 << ADDR_W) >= DEPTH &&
          (LUTRAM == 0 || LUTRAM == 1) && (RATIO == 1 || RATIO == 2 || RATIO == 4) &&
          DEPTH % RATIO == 0 && (1 << ADDR_W) >= RATIO)) begin
      $display("ERROR: %m: parameters: need WIDTH, DEPTH >= 1, 2^ADDR_W >= DEPTH, LUTRAM 0 or 1, RATIO 1, 2 or 4 dividing DEPTH");
      $finish;
    end
  end

  reg [WIDTH-1:0] rdata_q;
  localparam integer      RLOW_I = RATIO - 1;
  localparam [ADDR_W-1:0] RLOW   = RLOW_I[ADDR_W-1:0];   // the word bits within a write
  localparam integer      RB     = RATIO == 4 ? 2 : RATIO == 2 ? 1 : 0;


  // The two branches differ only in the ram_style attribute: Yosys 0.23
  // drops an attribute whose value is a parameter, so it must be a literal.
  wire [WIDTH-1:0] rd;
  genvar r;
  // Word r of a write goes to waddr_i with its low RB bits replaced by r:
  // a concatenation, which Yosys merges into one wide write port.
  wire [RATIO*ADDR_W-1:0] wa;
  generate
    if (RATIO == 1) begin : g_wa1
      assign wa = waddr_i;
    end else begin : g_wan
      for (r = 0; r < RATIO; r = r + 1) begin : g_r
        localparam [RB-1:0] RL = r;
        assign wa[r*ADDR_W +: ADDR_W] = {waddr_i[ADDR_W-1:RB], RL};
      end
      wire unused_lo = ^waddr_i[RB-1:0];   // zero: checked below
    end
  endgenerate

  generate
    if (LUTRAM != 0) begin : g_lut
      (* ram_style = "distributed", no_rw_check *)
      reg [WIDTH-1:0] mem_q [0:DEPTH-1];
      for (r = 0; r < RATIO; r = r + 1) begin : g_w
        always @(posedge clk_i) begin
          if (we_i) begin
            mem_q[wa[r*ADDR_W +: ADDR_W]] <= wdata_i[r*WIDTH +: WIDTH];
          end
        end
      end
      assign rd = mem_q[raddr_i];
    end else begin : g_any
      (* no_rw_check *)
      reg [WIDTH-1:0] mem_q [0:DEPTH-1];
      for (r = 0; r < RATIO; r = r + 1) begin : g_w
        always @(posedge clk_i) begin
          if (we_i) begin
            mem_q[wa[r*ADDR_W +: ADDR_W]] <= wdata_i[r*WIDTH +: WIDTH];
          end
        end
      end
      assign rd = mem_q[raddr_i];
    end
  endgenerate

  always @(posedge clk_i) begin
    rdata_q <= rd;
`ifndef SYNTHESIS
    if (we_i && (waddr_i | RLOW) == (raddr_i | RLOW)) begin
      rdata_q <= {WIDTH{1'bx}};
    end
`endif
  end

  assign rdata_o = rdata_q;

`ifndef SYNTHESIS
  // Assertion, in every simulation: a write lands inside the buffer. (A
  // read may run ahead of its use, so its address is not checked.)
  localparam [ADDR_W:0] DEPTH_U = DEPTH[ADDR_W:0];
  always @(posedge clk_i) begin
    if (we_i === 1'b1 && {1'b0, waddr_i} >= DEPTH_U) begin
      $fatal(1, "%m: write at address %0d of a %0d-word buffer", waddr_i, DEPTH);
    end
    if (we_i === 1'b1 && (waddr_i & RLOW) != {ADDR_W{1'b0}}) begin
      $fatal(1, "%m: write at address %0d, not a multiple of %0d", waddr_i, RATIO);
    end
  end
`endif
endmodule
