// Performance counters for one pass, cleared when the pass starts computing.
// Every lane-cycle of the compute phase is exactly one of busy (a digit MAC),
// stalled (holding a token whose digits are done while slower lanes finish)
// or idle (no token, or no operation issued).
module ${TOP}_perf #(
  parameter integer ROWS  = 4,
  parameter integer CNT_W = 32
) (
  input  wire             clk_i,
  input  wire             rst_ni,
  input  wire             clear_i,
  input  wire             run_i,        // the compute phase is on
  input  wire             capture_i,    // a tile finished
  input  wire             wait_drain_i, // issue held back by the drain
  input  wire [ROWS-1:0]  busy_i,
  input  wire [ROWS-1:0]  stall_i,
  output wire [CNT_W-1:0] cycles_o,
  output wire [CNT_W-1:0] busy_o,
  output wire [CNT_W-1:0] stall_o,
  output wire [CNT_W-1:0] idle_o,
  output wire [CNT_W-1:0] tiles_o,
  output wire [CNT_W-1:0] drain_wait_o
);
  function automatic [CNT_W-1:0] popcount(input [ROWS-1:0] v);
    integer i;
    begin
      popcount = {CNT_W{1'b0}};
      for (i = 0; i < ROWS; i = i + 1) begin
        popcount = popcount + {{(CNT_W - 1){1'b0}}, v[i]};
      end
    end
  endfunction

  localparam [CNT_W-1:0] LANES = ROWS;
  wire [CNT_W-1:0] n_busy  = popcount(busy_i);
  wire [CNT_W-1:0] n_stall = popcount(stall_i);

  reg [CNT_W-1:0] cycles_q, busy_q, stall_q, idle_q, tiles_q, drain_wait_q;
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      cycles_q     <= {CNT_W{1'b0}};
      busy_q       <= {CNT_W{1'b0}};
      stall_q      <= {CNT_W{1'b0}};
      idle_q       <= {CNT_W{1'b0}};
      tiles_q      <= {CNT_W{1'b0}};
      drain_wait_q <= {CNT_W{1'b0}};
    end else if (clear_i) begin
      cycles_q     <= {CNT_W{1'b0}};
      busy_q       <= {CNT_W{1'b0}};
      stall_q      <= {CNT_W{1'b0}};
      idle_q       <= {CNT_W{1'b0}};
      tiles_q      <= {CNT_W{1'b0}};
      drain_wait_q <= {CNT_W{1'b0}};
    end else if (run_i) begin
      cycles_q     <= cycles_q + 1'b1;
      busy_q       <= busy_q + n_busy;
      stall_q      <= stall_q + n_stall;
      idle_q       <= idle_q + (LANES - n_busy - n_stall);
      tiles_q      <= tiles_q + {{(CNT_W - 1){1'b0}}, capture_i};
      drain_wait_q <= drain_wait_q + {{(CNT_W - 1){1'b0}}, wait_drain_i};
    end
  end

  assign cycles_o     = cycles_q;
  assign busy_o       = busy_q;
  assign stall_o      = stall_q;
  assign idle_o       = idle_q;
  assign tiles_o      = tiles_q;
  assign drain_wait_o = drain_wait_q;
endmodule
