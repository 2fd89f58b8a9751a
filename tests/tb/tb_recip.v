// tb_recip.v - self-checking testbench for the row reciprocal
// (gen/rtl/recip.v): every vector of VEC (E, OS, and k, r, G as golden/attention.c
// computes them, written by tests/tb/vectors.c) is started after a random
// idle time; done_o must pulse exactly 20 cycles after the start, with k, r
// and G equal to the vector's, ready_o must stay low in between, and a start
// while busy must be ignored. Parameters: SUM_W, K_W, N, VEC. Prints one
// final line: PASS tb_recip: ... or FAIL tb_recip: ...
`timescale 1ns/1ps
module tb_recip;
  parameter integer SUM_W = 17;
  parameter integer K_W   = 5;
  parameter integer N     = 1;
  parameter         VEC   = "recip.hex";
  localparam integer LAT = 20;

  reg              clk = 1'b0;
  reg              rst_n = 1'b0;
  reg              start = 1'b0;
  reg  [SUM_W-1:0] esum = {SUM_W{1'b0}};
  reg  [23:0]      os = 24'd0;
  wire             ready, done;
  wire [K_W-1:0]   k;
  wire [16:0]      r;
  wire [23:0]      g;

  vssa_recip #(.SUM_W(SUM_W), .K_W(K_W)) dut (
    .clk_i(clk), .rst_ni(rst_n), .start_i(start), .esum_i(esum), .os_i(os),
    .ready_o(ready), .done_o(done), .k_o(k), .r_o(r), .g_o(g)
  );

  always #5 clk = ~clk;

  reg [107:0] vec [0:N-1];
  integer i, c, errors = 0, seed = 3;

  initial begin
    $readmemh(VEC, vec);
    repeat (3) @(posedge clk);
    rst_n = 1'b1;
    for (i = 0; i < N; i = i + 1) begin
      repeat ($random(seed) & 3) @(posedge clk);
      @(negedge clk);
      if (!ready) begin
        $display("FAIL tb_recip: not ready before vector %0d", i);
        $finish;
      end
      start = 1'b1;
      esum  = vec[i][76 +: SUM_W];
      os    = vec[i][75:52];
      @(negedge clk);
      // a second start while busy, with other operands, must be ignored
      start = ($random(seed) & 1) != 0;
      esum  = $random(seed);
      os    = $random(seed);
      c = 1;
      while (!done && c < LAT + 5) begin
        @(negedge clk);
        start = 1'b0;
        if (ready && !done && c < LAT) begin
          $display("FAIL tb_recip: ready while busy, vector %0d", i);
          $finish;
        end
        c = c + 1;
      end
      if (c != LAT || k !== vec[i][44 +: K_W] || r !== vec[i][40:24] || g !== vec[i][23:0]) begin
        if (errors < 10)
          $display("vector %0d: E %0d OS %0d: k %0d r %0d G %0d after %0d, want %0d %0d %0d after %0d",
                   i, vec[i][107:76], vec[i][75:52], k, r, g, c,
                   vec[i][51:44], vec[i][40:24], vec[i][23:0], LAT);
        errors = errors + 1;
      end
    end
    if (errors == 0)
      $display("PASS tb_recip: %0d vectors, SUM_W %0d", N, SUM_W);
    else
      $display("FAIL tb_recip: %0d errors in %0d vectors", errors, N);
    $finish;
  end
endmodule
