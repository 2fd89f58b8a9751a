// SPDX-License-Identifier: MIT
// tb_outq.v - self-checking testbench for the output stage (gen/rtl/outq.v).
// VEC holds blocks written by tests/tb/vectors.c (`vectors outq`): each a
// random head of COLS queries through golden/attention.c's vssa_head(),
// given as the stage sees it:
//   1  a = nq, b = 1 when P.V has no rows (none_i); hi = C, lo = {k, G}
//   2  D of them, t = 0, 1, ...: hi = F, the floor part of A (the drained
//      P.V sum), lo = O = vssa_requant(F + C, G, k)
// `vectors outq-comp` writes compensated heads (section 15), with between
// records 1 and 2
//   5  a = c, the virtual key's weight (0: none); lo = e_z
// and in c of record 2 t the pruned values' sum vsum_t; there
// O = vssa_requant(F + C + e_z * vsum_t, G, k). With COMP, zon_i is c > 0
// and ez_i e_z (0 without record 5, as the softmax gives it), and the
// testbench plays the compensation unit: vsum_i is vsum_t, t the vstep_o
// pulses so far modulo D (junk without record 5).
// Each block: start_i with random query indices on qidx_i (junk from the
// next cycle on, so they must have been latched), then either none_i the
// cycle after (as vssa_pvseq raises it) or the D rows with random gaps and
// junk between them. Blocks rotate through an always ready output, random
// back-pressure, and long stalls. Checked:
//  - nq O rows in column order: query index, D bytes (element t at
//    [8t +: 8]) and last on the nq-th only; a refused row holds;
//  - the first O row offered exactly when golden/plan.c says: row t,
//    arriving in cycle v_t, has its first requantizer slot in
//    s_t = max(v_t + 1, s_(t-1) + SM_SHARE), and the first O row comes
//    OUT_LAT cycles after the last row's last slot, s_(D-1) + SM_SHARE - 1
//    (with the virtual key on and none_i in cycle n, the D rows of zeros
//    arrive in n+1 .. n+D; without it, the O rows come in n+1); none
//    before, none after the nq-th was taken;
//  - vstep_o once per row: D per block, 0 for none_i without the virtual
//    key;
//  - done_o high in exactly the cycle after the nq-th row was taken.
// Parameters: those of vssa_outq, N (lines in VEC), VEC. Prints one final
// line: PASS tb_outq: ... or FAIL tb_outq: ...
`timescale 1ns/1ps
module tb_outq;
  parameter integer COLS   = 4;
  parameter integer D      = 16;
  parameter integer ACC_W  = 24;
  parameter integer PV_W   = 23;
  parameter integer C_W    = 21;
  parameter integer K_W    = 4;
  parameter integer IDX_W  = 6;
  parameter integer T_W    = 4;
  parameter integer QCNT_W = 3;
  parameter integer VS_W   = 15;
  parameter integer COMP   = 0;
  parameter integer SM_SHARE = 1;     // columns a requantizer serves
  parameter integer RQ_MUL_LAT = 3;   // latencies: run_tb.sh takes them
  parameter integer RQ_LAT     = 5;   // from vssagen --params
  parameter integer OUT_LAT    = 9;
  parameter integer N      = 1;
  parameter         VEC    = "outq.hex";
  localparam integer H  = 64 * COLS;
  localparam integer LW = H + 64;

  localparam TB_NAME = "tb_outq";
  `include "tb_common.vh"

  reg                   start = 1'b0;
  reg                   none = 1'b0;
  reg  [QCNT_W-1:0]     nq = {QCNT_W{1'b0}};
  reg  [COLS*IDX_W-1:0] qidx = {(COLS * IDX_W){1'b0}};
  reg  [COLS*C_W-1:0]   csum = {(COLS * C_W){1'b0}};
  reg  [COLS*24-1:0]    g = {(COLS * 24){1'b0}};
  reg  [COLS*K_W-1:0]   k = {(COLS * K_W){1'b0}};
  reg                   valid = 1'b0;
  reg  [COLS*ACC_W-1:0] sums = {(COLS * ACC_W){1'b0}};
  wire                  out_valid;
  reg                   out_ready = 1'b0;
  wire                  out_last;
  wire [IDX_W-1:0]      out_idx;
  wire [D*8-1:0]        out_data;
  wire                  done;
  reg                   zon = 1'b0;
  reg  [COLS*8-1:0]     ez = {(COLS * 8){1'b0}};
  reg  [VS_W-1:0]       vsum = {VS_W{1'b0}};
  wire                  vstep;

  vssa_outq #(
    .COLS (COLS), .D (D), .ACC_W (ACC_W), .PV_W (PV_W), .C_W (C_W), .K_W (K_W),
    .IDX_W (IDX_W), .T_W (T_W), .QCNT_W (QCNT_W), .VS_W (VS_W), .COMP (COMP), .SM_SHARE (SM_SHARE),
    .RQ_MUL_LAT (RQ_MUL_LAT), .RQ_LAT (RQ_LAT), .OUT_LAT (OUT_LAT)
  ) dut (
    .clk_i (clk), .rst_ni (rst_n), .start_i (start), .none_i (none), .nq_i (nq),
    .qidx_i (qidx), .c_i (csum), .g_i (g), .k_i (k),
    .zon_i (zon), .ez_i (ez), .vsum_i (vsum), .vstep_o (vstep),
    .valid_i (valid), .sums_i (sums),
    .out_valid_o (out_valid), .out_ready_i (out_ready), .out_last_o (out_last),
    .out_idx_o (out_idx), .out_data_o (out_data), .done_o (done)
  );

  reg [LW-1:0]          vec [0:N-1];
  reg [COLS*IDX_W-1:0]  qx;                // the block's query indices
  reg [VS_W-1:0]        vs [0:D-1];        // the block's vsum_t
  integer p = 0, blk = 0, mode = 0, nqi = 0, nrows = 0, zrec = 0, row0 = 0;
  integer vt = 0, vsteps = 0;
  integer i, t, c, w;
  integer beats = 0, dones = 0, rows = 0, emit_at = -1;
  reg                   emitting = 1'b0, done_due = 1'b0, held = 1'b0;
  reg                   held_last;
  reg [IDX_W-1:0]       held_idx;
  reg [D*8-1:0]         held_data;
  integer               s_last = 0;        // the last row's first slot
  reg                   s_have = 1'b0;

  // A row arriving in cycle v takes its slots (golden/plan.c rq_row).
  task rq_row(input integer v);
    begin
      s_last = s_have && s_last + SM_SHARE > v + 1 ? s_last + SM_SHARE : v + 1;
      s_have = 1'b1;
    end
  endtask

  function [7:0] tag_of(input [LW-1:0] l);
    tag_of = l[H+56 +: 8];
  endfunction
  // Query j's O row: byte t from record t's column j.
  function [D*8-1:0] row_of(input integer j);
    integer u;
    begin
      for (u = 0; u < D; u = u + 1)
        row_of[u*8 +: 8] = vec[row0 + u][j*64 +: 8];
    end
  endfunction

  // ---- monitor: everything sampled just before the clock edge
  always @(posedge clk) begin
    if (rst_n) begin
      if (done !== done_due)
        tb_err(done ? "done_o at the wrong cycle" : "done_o missing");
      if (done) dones = dones + 1;
      done_due = 1'b0;
      if (held && (out_valid !== 1'b1 || out_idx !== held_idx || out_data !== held_data ||
                   out_last !== held_last))
        tb_err("a refused O row did not hold");
      held      = out_valid && !out_ready;
      held_idx  = out_idx;
      held_data = out_data;
      held_last = out_last;
      if (out_valid && !emitting) begin
        if (cyc != emit_at)
          tb_err(emit_at < 0 ? "an O row out of turn" : "the first O row at the wrong cycle");
        emitting = 1'b1;
        emit_at  = -1;
      end
      if (emitting && !out_valid)
        tb_err("O rows stopped before the nq-th");
      if (out_valid && out_ready) begin
        if (beats >= nqi) begin
          tb_err("an O row beyond nq");
        end else if (out_idx !== qx[beats*IDX_W +: IDX_W] || out_data !== row_of(beats) ||
                     out_last !== (beats == nqi - 1)) begin
          tb_err("an O row's query, last or bytes wrong");
          if (tb_show)
            $display("    row %0d: query %0d last %b O %h, want query %0d last %b O %h",
                     beats, out_idx, out_last, out_data, qx[beats*IDX_W +: IDX_W],
                     beats == nqi - 1, row_of(beats));
        end
        beats = beats + 1;
        if (beats == nqi) begin
          emitting = 1'b0;
          done_due = 1'b1;
        end
      end
      if (start) s_have = 1'b0;
      if (valid) begin
        rows = rows + 1;
        rq_row(cyc);
        if (rows == D) emit_at = s_last + SM_SHARE - 1 + OUT_LAT;
      end
      if (none && zon) begin
        for (i = 1; i <= D; i = i + 1)
          rq_row(cyc + i);
        emit_at = s_last + SM_SHARE - 1 + OUT_LAT;
      end else if (none) begin
        emit_at = cyc + 1;
      end
      if (vstep) begin
        vt     = vt + 1;
        vsteps = vsteps + 1;
      end
    end
  end

  always @(negedge clk) begin
    vsum = zrec ? vs[vt % D] : $random(seed);
    out_ready = tb_sink(mode, out_ready);   // TB_SINK_ALWAYS, _HALF, _STALLS
  end

  initial begin
    tb_seed(13);
    $readmemh(VEC, vec);
    tb_reset(3);
    @(negedge clk);
    while (p < N && errors < TB_SHOW) begin
      $sformat(tb_where, "block %0d", blk);
      zrec = p + 1 < N && tag_of(vec[p + 1]) == 5;
      row0 = p + 1 + zrec;
      if (tag_of(vec[p]) != 1 || row0 + D > N || tag_of(vec[row0]) != 2 ||
          tag_of(vec[row0 + D - 1]) != 2 ||
          (zrec && vec[p + 1][H+40 +: 16] != 0 && COMP == 0)) begin
        $sformat(tb_fail_text, "block at record %0d is out of step", p);
        tb_fatal(tb_fail_text);
      end
      nqi   = vec[p][H+40 +: 16];
      nrows = vec[p][H+32 +: 8] ? 0 : D;
      mode  = blk % 3;
      for (c = 0; c < COLS; c = c + 1) begin
        csum[c*C_W +: C_W] = vec[p][c*64 + 32 +: C_W];
        g[c*24 +: 24]      = vec[p][c*64 +: 24];
        k[c*K_W +: K_W]    = vec[p][c*64 + 24 +: K_W];
        qx[c*IDX_W +: IDX_W] = $random(seed);
        ez[c*8 +: 8]       = zrec ? vec[p + 1][c*64 +: 8] : 8'd0;
      end
      zon = zrec && vec[p + 1][H+40 +: 16] != 0;
      for (t = 0; t < D; t = t + 1)
        vs[t] = vec[row0 + t][H +: VS_W];
      vsteps = 0;
      nq    = nqi;
      qidx  = qx;
      beats = 0;
      rows  = 0;
      start = 1'b1;
      @(negedge clk);
      start = 1'b0;
      qidx  = $random(seed);
      if (nrows == 0) begin
        none = 1'b1;
        @(negedge clk);
        none = 1'b0;
      end
      for (t = 0; t < nrows; t = t + 1) begin
        while (tb_bubble(4)) begin
          valid = 1'b0;
          for (c = 0; c < COLS; c = c + 1)
            sums[c*ACC_W +: ACC_W] = $random(seed);
          @(negedge clk);
        end
        valid = 1'b1;
        for (c = 0; c < COLS; c = c + 1)
          sums[c*ACC_W +: ACC_W] = vec[row0 + t][c*64 + 32 +: ACC_W];
        @(negedge clk);
      end
      valid = 1'b0;
      w = 0;
      while (dones != blk + 1) begin
        sums = {COLS{$random(seed)}};
        @(negedge clk);
        w = w + 1;
        if (w > 100 * COLS + 1000) begin
          $sformat(tb_fail_text, "block %0d: %0d of %0d O rows, no done_o", blk, beats, nqi);
          tb_fatal(tb_fail_text);
        end
      end
      if (vsteps != (nrows > 0 || zon ? D : 0)) begin
        tb_err("vstep_o pulses wrong");
        if (tb_show) $display("    %0d vstep_o pulses, want %0d", vsteps, nrows > 0 || zon ? D : 0);
      end
      repeat (tb_rand(8)) @(negedge clk);
      p   = row0 + D;
      blk = blk + 1;
    end
    tb_where = 0;
    repeat (8) @(negedge clk);
    if (dones != blk) tb_err("done_o count");
    $sformat(tb_pass_text, "%0d blocks, COLS %0d D %0d PV_W %0d COMP %0d SM_SHARE %0d", blk, COLS,
             D, PV_W, COMP, SM_SHARE);
    $sformat(tb_fail_text, "%0d done_o in %0d blocks", dones, blk);
    tb_finish(tb_pass_text, tb_fail_text);
  end
endmodule
