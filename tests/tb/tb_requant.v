// tb_requant.v - self-checking testbench for output requantization
// (gen/rtl/requant.v): every vector of VEC (A, G, k and O as golden/attention.c's
// vssa_requant computes it, written by tests/tb/vectors.c) goes in with
// random bubbles; each result must come out exactly 3 cycles after its
// input, in order, and equal O (ties, saturation and k = 0 included).
// Parameters: A_W, K_W, N, VEC. Prints one final line: PASS tb_requant: ...
// or FAIL tb_requant: ...
`timescale 1ns/1ps
module tb_requant;
  parameter integer A_W = 25;
  parameter integer K_W = 5;
  parameter integer N   = 1;
  parameter         VEC = "requant.hex";
  localparam integer LAT = 3;

  reg            clk = 1'b0;
  reg            rst_n = 1'b0;
  reg            valid = 1'b0;
  reg  [A_W-1:0] a = {A_W{1'b0}};
  reg  [23:0]    g = 24'd0;
  reg  [K_W-1:0] k = {K_W{1'b0}};
  wire           valid_o;
  wire [7:0]     o;

  vssa_requant #(.A_W(A_W), .K_W(K_W)) dut (
    .clk_i(clk), .rst_ni(rst_n), .valid_i(valid), .a_i(a), .g_i(g), .k_i(k),
    .valid_o(valid_o), .o_o(o)
  );

  always #5 clk = ~clk;

  reg [79:0] vec [0:N-1];
  integer sent_at [0:N-1];
  integer cycle = 0, sent = 0, got = 0, errors = 0, seed = 5;

  always @(posedge clk) cycle <= cycle + 1;

  always @(posedge clk) begin
    if (rst_n && valid_o) begin
      if (got >= sent) begin
        $display("FAIL tb_requant: a result without an input at cycle %0d", cycle);
        $finish;
      end
      if (o !== vec[got][7:0] || cycle - sent_at[got] != LAT) begin
        if (errors < 10)
          $display("vector %0d: A %h G %0d k %0d: O %0d, want %0d (latency %0d)", got,
                   vec[got][79:40], vec[got][39:16], vec[got][15:8], $signed(o),
                   $signed(vec[got][7:0]), cycle - sent_at[got]);
        errors = errors + 1;
      end
      got = got + 1;
    end
  end

  initial begin
    $readmemh(VEC, vec);
    repeat (3) @(posedge clk);
    rst_n = 1'b1;
    while (sent < N) begin
      @(negedge clk);
      valid = ($random(seed) & 3) != 0;
      a     = $random(seed);
      g     = $random(seed);
      k     = $random(seed);
      if (valid) begin
        a = vec[sent][40 +: A_W];
        g = vec[sent][39:16];
        k = vec[sent][8 +: K_W];
        sent_at[sent] = cycle;
        sent = sent + 1;
      end
    end
    @(negedge clk);
    valid = 1'b0;
    repeat (LAT + 3) @(posedge clk);
    if (errors == 0 && got == N)
      $display("PASS tb_requant: %0d vectors, A_W %0d", N, A_W);
    else
      $display("FAIL tb_requant: %0d errors, %0d of %0d results", errors, got, N);
    $finish;
  end
endmodule
