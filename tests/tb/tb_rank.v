// tb_rank.v - self-checking testbench for vssa_rank (gen/rtl/rank.v),
// against vectors from the golden model's vssa_rank_radix() (tests/tb/
// vectors.c, "rank" mode): n, the packed ratios, n counters, n classes.
// n_i, ratio_i and trace_i change right after start_i: the ranker must
// have taken them.
//
// The counters sit in a RAM model with the design's one-cycle read. Each
// ranking runs twice: without trace, where every class must be written once
// to its own index, in index order, and the cycle count must be
//   NCUT * (X_W + 2) + DIGITS * (n + 20) + n + 3      (start to done_o;
//   DIGITS * 18 + 2 instead of the last two terms for n = 0)
// and with trace under random back-pressure, where every token must also
// leave as one beat (index, class, counter) in index order, each held still
// until taken. Parameters: IMP_W, IDX_W, CNT_W, NCUT, CLS_W, MAX_SEQ, N
// (lines of the file), VEC (the file). Prints one final line:
// PASS tb_rank: ... or FAIL tb_rank: ...
`timescale 1ns/1ps
module tb_rank;
  parameter integer IMP_W   = 32;
  parameter integer IDX_W   = 6;
  parameter integer CNT_W   = 7;
  parameter integer NCUT    = 2;
  parameter integer CLS_W   = 2;
  parameter integer MAX_SEQ = 64;
  parameter integer N       = 1;
  parameter         VEC     = "vec_rank.hex";
  localparam integer DIGITS = (IMP_W + 3) / 4;
  localparam integer X_W    = CNT_W + 10;

  reg                  clk = 1'b0;
  reg                  rst_n = 1'b0;
  reg                  start, trace, ready;
  reg  [CNT_W-1:0]     n_in;
  reg  [NCUT*10-1:0]   ratio;
  wire [IDX_W-1:0]     raddr, waddr, oidx;
  reg  [IMP_W-1:0]     rdata;
  wire                 we, ovalid, busy, done;
  wire [CLS_W-1:0]     wdata, ocls;
  wire [IMP_W-1:0]     oimp;

  vssa_rank #(.IMP_W(IMP_W), .IDX_W(IDX_W), .CNT_W(CNT_W), .NCUT(NCUT), .CLS_W(CLS_W)) dut (
    .clk_i(clk), .rst_ni(rst_n), .start_i(start), .n_i(n_in), .ratio_i(ratio),
    .trace_i(trace), .imp_raddr_o(raddr), .imp_rdata_i(rdata), .cls_we_o(we),
    .cls_waddr_o(waddr), .cls_wdata_o(wdata), .out_valid_o(ovalid), .out_ready_i(ready),
    .out_idx_o(oidx), .out_cls_o(ocls), .out_imp_o(oimp), .busy_o(busy), .done_o(done)
  );

  always #5 clk = ~clk;

  reg [63:0]  vec [0:N-1];
  reg [IMP_W-1:0] imp [0:MAX_SEQ-1];
  reg [CLS_W-1:0] want [0:MAX_SEQ-1];
  integer     seed, errors, pos, r, n, j, cyc, t0, writes, beats, pass, rankings;
  integer     expect_cycles;
  reg         held;
  reg [NCUT*10-1:0] case_ratio;
  reg [IDX_W+CLS_W+IMP_W-1:0] held_beat;

  always @(posedge clk) rdata <= imp[raddr];

  task err(input [8*56-1:0] what);
    begin
      errors = errors + 1;
      if (errors <= 10) $display("  ranking %0d (n %0d, pass %0d) cycle %0d: %0s", r, n, pass,
                                 cyc, what);
    end
  endtask

  // One ranking of the loaded case, checked cycle by cycle.
  task run(input integer with_trace);
    begin
      trace = with_trace; n_in = n; ratio = case_ratio; writes = 0; beats = 0; held = 1'b0;
      @(negedge clk); start = 1'b1; t0 = cyc;
      @(negedge clk); start = 1'b0;
      // the inputs were taken at the start
      n_in = $random(seed); ratio = {$random(seed), $random(seed)}; trace = !with_trace;
      while (!done) begin
        ready = with_trace ? ($unsigned($random(seed)) % 3 != 0) : 1'b0;
        #1;
        if (held && (!ovalid || {oidx, ocls, oimp} != held_beat)) err("beat changed under back-pressure");
        held = ovalid && !ready;
        held_beat = {oidx, ocls, oimp};
        if (ovalid && !with_trace) err("beat without trace");
        if (ovalid && ready) begin
          if (oidx != beats || ocls != want[beats] || oimp != imp[beats]) err("token beat");
          beats = beats + 1;
        end
        if (we) begin
          if (waddr != writes) err("class write out of order");
          else if (wdata != want[writes]) err("class");
          writes = writes + 1;
        end
        @(negedge clk);
      end
      if (writes != n) err("not every class written");
      if (with_trace && beats != n) err("not every token sent");
      if (!with_trace && cyc - t0 != expect_cycles) begin
        err("cycle count");
        if (errors <= 10) $display("    %0d cycles, want %0d", cyc - t0, expect_cycles);
      end
      @(negedge clk);
      if (busy) err("busy after done");
    end
  endtask

  always @(posedge clk) cyc <= cyc + 1;

  initial begin
    seed = 11; errors = 0; cyc = 0; pos = 0; rankings = 0;
    start = 1'b0; trace = 1'b0; ready = 1'b0; n_in = 0; ratio = 0;
    $readmemh(VEC, vec);
    repeat (2) @(posedge clk);
    #1 rst_n = 1'b1;
    for (r = 0; pos < N; r = r + 1) begin
      n = vec[pos]; case_ratio = vec[pos + 1]; pos = pos + 2;
      for (j = 0; j < n; j = j + 1) imp[j] = vec[pos + j];
      for (j = 0; j < n; j = j + 1) want[j] = vec[pos + n + j];
      pos = pos + 2 * n;
      expect_cycles = NCUT * (X_W + 2) + (n ? DIGITS * (n + 20) + n + 3 : DIGITS * 18 + 2);
      for (pass = 0; pass < 2; pass = pass + 1) run(pass);
      rankings = rankings + 1;
    end
    if (errors == 0)
      $display("PASS tb_rank: %0d rankings of up to %0d tokens, %0d-bit counters, %0d cuts, each with and without trace",
               rankings, MAX_SEQ, IMP_W, NCUT);
    else
      $display("FAIL tb_rank: %0d errors", errors);
    $finish;
  end
endmodule
