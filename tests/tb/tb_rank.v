// SPDX-License-Identifier: MIT
// tb_rank.v - self-checking testbench for vssa_rank (gen/rtl/rank.v),
// against vectors from the golden model's vssa_rank_radix() (tests/tb/
// vectors.c, "rank" mode): n, the packed ratios, n counters, n classes.
// n_i, ratio_i and trace_i change right after start_i: the ranker must
// have taken them.
//
// The counters sit in a RAM model with the design's IMP_RD_LAT-cycle read
// (2: the importance RAM's registered output). Each ranking runs twice:
// without trace, where every class must be written once to its own index,
// in index order, and the cycle count must be (RD = IMP_RD_LAT)
//   NCUT * (X_W + RANK_CUT_LAT) + DIGITS * (n + RD + 19) + n + RD + 3
//   (start to done_o; DIGITS * 18 + 2 instead of the last two terms for
//   n = 0)
// and with trace under random back-pressure (stalls of 1 to 6 cycles, so the
// ranker's queue of tokens in flight fills and its reads stop), where every
// token must also leave as one beat (index, class, counter) in index order,
// each held still until taken; some beat must be held 4 cycles or more.
// Parameters: IMP_W, IDX_W, CNT_W, NCUT, CLS_W, IMP_RD_LAT, RANK_CUT_LAT
// (run_tb.sh takes them from vssagen --params), MAX_SEQ, N
// (lines of the file), VEC (the file). Prints one final line:
// PASS tb_rank: ... or FAIL tb_rank: ...
`timescale 1ns/1ps
module tb_rank;
  parameter integer IMP_W   = 32;
  parameter integer IDX_W   = 6;
  parameter integer CNT_W   = 7;
  parameter integer NCUT    = 2;
  parameter integer CLS_W   = 2;
  parameter integer IMP_RD_LAT   = 2;
  parameter integer RANK_CUT_LAT = 5;
  parameter integer MAX_SEQ = 64;
  parameter integer N       = 1;
  parameter         VEC     = "vec_rank.hex";
  localparam integer DIGITS = (IMP_W + 3) / 4;
  localparam integer X_W    = CNT_W + 10;
  localparam TB_NAME = "tb_rank";
  `include "tb_common.vh"

  reg                  start, trace, ready;
  reg  [CNT_W-1:0]     n_in;
  reg  [NCUT*10-1:0]   ratio;
  wire [IDX_W-1:0]     raddr, waddr, oidx;
  reg  [IMP_W-1:0]     rdata;
  wire                 we, ovalid, busy, done;
  wire [CLS_W-1:0]     wdata, ocls;
  wire [IMP_W-1:0]     oimp;

  vssa_rank #(.IMP_W(IMP_W), .IDX_W(IDX_W), .CNT_W(CNT_W), .NCUT(NCUT), .CLS_W(CLS_W),
              .IMP_RD_LAT(IMP_RD_LAT), .RANK_CUT_LAT(RANK_CUT_LAT)) dut (
    .clk_i(clk), .rst_ni(rst_n), .start_i(start), .n_i(n_in), .ratio_i(ratio),
    .trace_i(trace), .imp_raddr_o(raddr), .imp_rdata_i(rdata), .cls_we_o(we),
    .cls_waddr_o(waddr), .cls_wdata_o(wdata), .out_valid_o(ovalid), .out_ready_i(ready),
    .out_idx_o(oidx), .out_cls_o(ocls), .out_imp_o(oimp), .busy_o(busy), .done_o(done)
  );

  reg [63:0]  vec [0:N-1];
  reg [IMP_W-1:0] imp [0:MAX_SEQ-1];
  reg [CLS_W-1:0] want [0:MAX_SEQ-1];
  integer     pos, r, n, j, t0, writes, beats, pass, rankings;
  integer     expect_cycles, stall, hold, long_holds;
  reg         held;
  reg [NCUT*10-1:0] case_ratio;
  reg [IDX_W+CLS_W+IMP_W-1:0] held_beat;

  // the counter read: IMP_RD_LAT registers from the address to the data
  reg  [IMP_W-1:0] rd_pipe [1:IMP_RD_LAT];
  integer          k;
  always @(posedge clk) begin
    rd_pipe[1] <= imp[raddr];
    for (k = 2; k <= IMP_RD_LAT; k = k + 1)
      rd_pipe[k] <= rd_pipe[k-1];
  end
  always @(*) rdata = rd_pipe[IMP_RD_LAT];

  // One ranking of the loaded case, checked cycle by cycle.
  task run(input integer with_trace);
    begin
      $sformat(tb_where, "ranking %0d, n %0d, pass %0d", r, n, with_trace);
      trace = with_trace; n_in = n; ratio = case_ratio; writes = 0; beats = 0; held = 1'b0;
      stall = 0; hold = 0;
      @(negedge clk); start = 1'b1; t0 = cyc;
      @(negedge clk); start = 1'b0;
      // the inputs were taken at the start
      n_in = $random(seed); ratio = {$random(seed), $random(seed)}; trace = !with_trace;
      while (!done) begin
        if (cyc - t0 > 4 * expect_cycles + 100) tb_fatal("no done_o");
        if (!with_trace) ready = 1'b0;
        else if (stall > 0) begin ready = 1'b0; stall = stall - 1; end
        else begin
          ready = 1'b1;
          if (tb_one_in(3)) stall = 1 + tb_rand(6);
        end
        #1;
        if (held && (!ovalid || {oidx, ocls, oimp} != held_beat)) tb_err("beat changed under back-pressure");
        held = ovalid && !ready;
        hold = held ? hold + 1 : 0;
        if (hold == 4) long_holds = long_holds + 1;
        held_beat = {oidx, ocls, oimp};
        if (ovalid && !with_trace) tb_err("beat without trace");
        if (ovalid && ready) begin
          if (oidx != beats || ocls != want[beats] || oimp != imp[beats]) tb_err("token beat");
          beats = beats + 1;
        end
        if (we) begin
          if (waddr != writes) tb_err("class write out of order");
          else if (wdata != want[writes]) tb_err("class");
          writes = writes + 1;
        end
        @(negedge clk);
      end
      if (writes != n) tb_err("not every class written");
      if (with_trace && beats != n) tb_err("not every token sent");
      if (!with_trace && cyc - t0 != expect_cycles) begin
        tb_err("cycle count");
        if (tb_show) $display("    %0d cycles, want %0d", cyc - t0, expect_cycles);
      end
      @(negedge clk);
      if (busy) tb_err("busy after done");
    end
  endtask

  initial begin
    tb_seed(11); pos = 0; rankings = 0; long_holds = 0;
    start = 1'b0; trace = 1'b0; ready = 1'b0; n_in = 0; ratio = 0;
    $readmemh(VEC, vec);
    tb_reset(2);
    for (r = 0; pos < N; r = r + 1) begin
      n = vec[pos]; case_ratio = vec[pos + 1]; pos = pos + 2;
      for (j = 0; j < n; j = j + 1) imp[j] = vec[pos + j];
      for (j = 0; j < n; j = j + 1) want[j] = vec[pos + n + j];
      pos = pos + 2 * n;
      expect_cycles = NCUT * (X_W + RANK_CUT_LAT) +
                      (n ? DIGITS * (n + IMP_RD_LAT + 19) + n + IMP_RD_LAT + 3 : DIGITS * 18 + 2);
      for (pass = 0; pass < 2; pass = pass + 1) run(pass);
      rankings = rankings + 1;
    end
    tb_where = 0;
    if (long_holds == 0) tb_err("coverage: no beat held 4 cycles");
    $sformat(tb_pass_text, "%0d rankings of up to %0d tokens, %0d-bit counters, %0d cuts, each with and without trace",
             rankings, MAX_SEQ, IMP_W, NCUT);
    tb_finish(tb_pass_text, "");
  end
endmodule
