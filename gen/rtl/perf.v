// SPDX-License-Identifier: MIT
// Performance counters of a key set: cleared when the set begins, they count
// every cycle the design is busy. Every lane-cycle is exactly one of busy (a
// digit MAC), stalled (holding a token whose digits are done while slower
// lanes finish) or idle. The popcounts are registered before the adds, so the
// counters show a cycle's activity two cycles later.
module vssa_perf #(
  parameter integer ROWS   = 4,
  parameter integer FILL_W = 3,
  parameter integer CNT_W  = 32
) (
  input  wire             clk_i,
  input  wire             rst_ni,
  input  wire             clear_i,
  input  wire             run_i,        // the design is busy
  input  wire             tile_i,       // a tile's sums were captured
  input  wire             wait_i,       // the sequencer held an operation back
  input  wire [ROWS-1:0]  busy_i,
  input  wire [ROWS-1:0]  stall_i,
  output wire [CNT_W-1:0] cycles_o,
  output wire [CNT_W-1:0] busy_o,
  output wire [CNT_W-1:0] stall_o,
  output wire [CNT_W-1:0] idle_o,
  output wire [CNT_W-1:0] tiles_o,
  output wire [CNT_W-1:0] wait_o
);
  // Parameter checks, at elaboration: an inconsistent instance stops the
  // simulation at time 0, and Yosys refuses it.
  initial begin
    if (!(ROWS >= 1 && (1 << FILL_W) > ROWS && CNT_W >= 1)) begin
      $display("ERROR: %m: parameters: need ROWS >= 1, 2^FILL_W > ROWS");
      $finish;
    end
  end

  localparam integer NCNT = 6;
  localparam [FILL_W-1:0] LANES = ROWS[FILL_W-1:0];

  function automatic [FILL_W-1:0] popcount(input [ROWS-1:0] v);
    integer i;
    begin
      popcount = {FILL_W{1'b0}};
      for (i = 0; i < ROWS; i = i + 1) begin
        popcount = popcount + {{(FILL_W - 1){1'b0}}, v[i]};
      end
    end
  endfunction

  reg              clear_q, run_q, tile_q, wait_q;
  reg [FILL_W-1:0] nbusy_q, nstall_q;
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      clear_q  <= 1'b0;
      run_q    <= 1'b0;
      tile_q   <= 1'b0;
      wait_q   <= 1'b0;
      nbusy_q  <= {FILL_W{1'b0}};
      nstall_q <= {FILL_W{1'b0}};
    end else begin
      clear_q  <= clear_i;
      run_q    <= run_i;
      tile_q   <= tile_i;
      wait_q   <= wait_i;
      nbusy_q  <= popcount(busy_i);
      nstall_q <= popcount(stall_i);
    end
  end

  wire [FILL_W-1:0] nidle = LANES - nbusy_q - nstall_q;
  // What each counter adds per busy cycle, counter 0 lowest.
  wire [NCNT*FILL_W-1:0] add = {
    {{(FILL_W - 1){1'b0}}, wait_q},
    {{(FILL_W - 1){1'b0}}, tile_q},
    nidle,
    nstall_q,
    nbusy_q,
    {{(FILL_W - 1){1'b0}}, 1'b1}
  };
  wire [NCNT*CNT_W-1:0] count;

  genvar k;
  generate
    for (k = 0; k < NCNT; k = k + 1) begin : g_count
      reg [CNT_W-1:0] count_q;
      always @(posedge clk_i or negedge rst_ni) begin
        if (!rst_ni) begin
          count_q <= {CNT_W{1'b0}};
        end else if (clear_q) begin
          count_q <= {CNT_W{1'b0}};
        end else if (run_q) begin
          count_q <= count_q + {{(CNT_W - FILL_W){1'b0}}, add[k*FILL_W +: FILL_W]};
        end
      end
      assign count[k*CNT_W +: CNT_W] = count_q;
    end
  endgenerate

  assign cycles_o = count[0*CNT_W +: CNT_W];
  assign busy_o   = count[1*CNT_W +: CNT_W];
  assign stall_o  = count[2*CNT_W +: CNT_W];
  assign idle_o   = count[3*CNT_W +: CNT_W];
  assign tiles_o  = count[4*CNT_W +: CNT_W];
  assign wait_o   = count[5*CNT_W +: CNT_W];
endmodule
