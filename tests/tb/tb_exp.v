// tb_exp.v - self-checking testbench for the exponent unit (gen/rtl/exp.v):
// every vector of VEC (x, ES, e as golden/attention.c's vssa_exp computes it,
// written by tests/tb/vectors.c) goes in with random bubbles; each result
// must come out exactly 4 cycles after its input, in order, and equal e.
// Parameters: X_W, N (vectors in VEC), VEC. Prints one final line:
// PASS tb_exp: ... or FAIL tb_exp: ...
`timescale 1ns/1ps
module tb_exp;
  parameter integer X_W = 21;
  parameter integer N   = 1;
  parameter         VEC = "exp.hex";
  localparam integer LAT = 4;

  reg            clk = 1'b0;
  reg            rst_n = 1'b0;
  reg            valid = 1'b0;
  reg  [X_W-1:0] x = {X_W{1'b0}};
  reg  [31:0]    es = 32'd0;
  wire           valid_o;
  wire [7:0]     e;

  vssa_exp #(.X_W(X_W)) dut (
    .clk_i(clk), .rst_ni(rst_n), .valid_i(valid), .x_i(x), .es_i(es),
    .valid_o(valid_o), .e_o(e)
  );

  always #5 clk = ~clk;

  reg [71:0] vec [0:N-1];
  integer sent_at [0:N-1];
  integer cycle = 0, sent = 0, got = 0, errors = 0, seed = 1;

  always @(posedge clk) cycle <= cycle + 1;

  // Output side: results in order, at the fixed latency.
  always @(posedge clk) begin
    if (rst_n && valid_o) begin
      if (got >= sent) begin
        $display("FAIL tb_exp: a result without an input at cycle %0d", cycle);
        $finish;
      end
      if (e !== vec[got][7:0] || cycle - sent_at[got] != LAT) begin
        if (errors < 10)
          $display("vector %0d: x %0d es %0d: e %0d, want %0d (latency %0d)", got,
                   vec[got][71:40], vec[got][39:8], e, vec[got][7:0], cycle - sent_at[got]);
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
      x     = $random(seed);       // junk unless valid
      es    = $random(seed);
      if (valid) begin
        x  = vec[sent][40 +: X_W];
        es = vec[sent][39:8];
        sent_at[sent] = cycle;
        sent = sent + 1;
      end
    end
    @(negedge clk);
    valid = 1'b0;
    repeat (LAT + 3) @(posedge clk);
    if (errors == 0 && got == N)
      $display("PASS tb_exp: %0d vectors, X_W %0d", N, X_W);
    else
      $display("FAIL tb_exp: %0d errors, %0d of %0d results", errors, got, N);
    $finish;
  end
endmodule
