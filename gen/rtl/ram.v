// One buffer: one write port, one read port, synchronous read. Written the
// way Yosys and FPGA/ASIC flows infer block RAM; every on-chip buffer of the
// design is an instance of this module. A read of the address being
// written in the same cycle returns an undefined word (X in simulation), as
// a block RAM's two ports give it: no_rw_check tells Yosys so, and it then
// adds no bypass logic behind the RAM's output to return the old word. No
// instance uses such a word (the importance counters forward the write
// instead); the X makes a simulation show it if one ever did. LUTRAM = 1 asks for distributed
// (LUT) RAM with the read register in the fabric (ram_style): an FPGA block
// RAM's unregistered read output is slow (about 5.6 ns on an ECP5 at speed
// 6), which a small buffer read straight into logic need not pay.
module vssa_ram #(
  parameter integer WIDTH  = 8,
  parameter integer DEPTH  = 64,
  parameter integer ADDR_W = 6,
  parameter integer LUTRAM = 0
) (
  input  wire              clk_i,
  input  wire              we_i,
  input  wire [ADDR_W-1:0] waddr_i,
  input  wire [WIDTH-1:0]  wdata_i,
  input  wire [ADDR_W-1:0] raddr_i,
  output wire [WIDTH-1:0]  rdata_o
);
  // Parameter checks, at elaboration: an inconsistent instance stops the
  // simulation at time 0, and Yosys refuses it.
  initial begin
    if (!(WIDTH >= 1 && DEPTH >= 1 && ADDR_W >= 1 && (1 << ADDR_W) >= DEPTH &&
          (LUTRAM == 0 || LUTRAM == 1))) begin
      $display("ERROR: %m: parameters: need WIDTH, DEPTH >= 1, 2^ADDR_W >= DEPTH and LUTRAM 0 or 1");
      $finish;
    end
  end

  reg [WIDTH-1:0] rdata_q;

  // The two branches differ only in the ram_style attribute: Yosys 0.23
  // drops an attribute whose value is a parameter, so it must be a literal.
  wire [WIDTH-1:0] rd;
  generate
    if (LUTRAM != 0) begin : g_lut
      (* ram_style = "distributed", no_rw_check *)
      reg [WIDTH-1:0] mem_q [0:DEPTH-1];
      always @(posedge clk_i) begin
        if (we_i) begin
          mem_q[waddr_i] <= wdata_i;
        end
      end
      assign rd = mem_q[raddr_i];
    end else begin : g_any
      (* no_rw_check *)
      reg [WIDTH-1:0] mem_q [0:DEPTH-1];
      always @(posedge clk_i) begin
        if (we_i) begin
          mem_q[waddr_i] <= wdata_i;
        end
      end
      assign rd = mem_q[raddr_i];
    end
  endgenerate

  always @(posedge clk_i) begin
    rdata_q <= rd;
`ifndef SYNTHESIS
    if (we_i && waddr_i == raddr_i) begin
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
  end
`endif
endmodule
