// One buffer: one write port, one read port, synchronous read. Written the
// way Yosys and FPGA/ASIC flows infer block RAM; every on-chip buffer of the
// design is an instance of this module.
module vssa_ram #(
  parameter integer WIDTH  = 8,
  parameter integer DEPTH  = 64,
  parameter integer ADDR_W = 6
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
    if (!(WIDTH >= 1 && DEPTH >= 1 && ADDR_W >= 1 && (1 << ADDR_W) >= DEPTH)) begin
      $display("ERROR: %m: parameters: need WIDTH, DEPTH >= 1 and 2^ADDR_W >= DEPTH");
      $finish;
    end
  end

  reg [WIDTH-1:0] mem_q [0:DEPTH-1];
  reg [WIDTH-1:0] rdata_q;

  always @(posedge clk_i) begin
    if (we_i) begin
      mem_q[waddr_i] <= wdata_i;
    end
  end

  // A read of the address being written returns the old word.
  always @(posedge clk_i) begin
    rdata_q <= mem_q[raddr_i];
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
