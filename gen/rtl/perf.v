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
  localparam integer NCNT = 6;
  wire [CNT_W-1:0] n_busy  = popcount(busy_i);
  wire [CNT_W-1:0] n_stall = popcount(stall_i);

  // What each counter adds per compute cycle, counter 0 lowest.
  wire [NCNT*CNT_W-1:0] add = {
    {{(CNT_W - 1){1'b0}}, wait_drain_i},
    {{(CNT_W - 1){1'b0}}, capture_i},
    LANES - n_busy - n_stall,
    n_stall,
    n_busy,
    {{(CNT_W - 1){1'b0}}, 1'b1}
  };
  wire [NCNT*CNT_W-1:0] count;

  genvar k;
  generate
    for (k = 0; k < NCNT; k = k + 1) begin : g_count
      reg  [CNT_W-1:0] count_q;
      wire [CNT_W-1:0] count_d = clear_i ? {CNT_W{1'b0}} :
                                 run_i   ? count_q + add[k*CNT_W +: CNT_W] : count_q;
      always @(posedge clk_i or negedge rst_ni) begin
        if (!rst_ni) begin
          count_q <= {CNT_W{1'b0}};
        end else begin
          count_q <= count_d;
        end
      end
      assign count[k*CNT_W +: CNT_W] = count_q;
    end
  endgenerate

  assign cycles_o     = count[0*CNT_W +: CNT_W];
  assign busy_o       = count[1*CNT_W +: CNT_W];
  assign stall_o      = count[2*CNT_W +: CNT_W];
  assign idle_o       = count[3*CNT_W +: CNT_W];
  assign tiles_o      = count[4*CNT_W +: CNT_W];
  assign drain_wait_o = count[5*CNT_W +: CNT_W];
endmodule
