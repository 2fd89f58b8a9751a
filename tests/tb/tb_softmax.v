// SPDX-License-Identifier: MIT
// tb_softmax.v - self-checking testbench for the softmax stage
// (gen/rtl/softmax.v). VEC holds blocks written by tests/tb/vectors.c
// (`vectors softmax`), every expected number from golden/attention.c:
//   1  a = K (list length), b = nq, c = ES; hi = the column's maximum M
//   2  c = OS; hi = C = sum e*2^(7-pv), lo = {k, G}
//   3  K of them, in list order: a = key slot, b = its value's planes; hi = the
//      column's score S, lo = {e, P}: e = vssa_exp(M - S, ES),
//      P = vssa_prob(e, r, k) below nq and 0 from nq on
// `vectors softmax-comp` writes the blocks of compensated heads through
// vssa_head(): M of record 1 is then the maximum of the listed scores alone
// (max_i), and between records 2 and 3
//   5  a = c, the virtual key's weight (0: none); hi = S_z, lo = {e_z, E}
// With COMP, zc_i is c (0 without record 5) and sz_i S_z, junk when c = 0;
// any_i is K > 0, and max_i junk when K = 0: e_z must then be 255 whatever
// it holds.
// The testbench plays the key list and score RAMs (synchronous read, data
// one cycle after the address; words outside the block's list are junk) and
// the maxima. A list entry is {value planes, label, slot}: the slot (the
// record's key, a permutation of 0..MAX_SEQ-1) addresses the score and e
// RAMs, and the label, the token's index, differs from it: by block, any
// value of IDX_W bits (MAX_SEQ or more where the width allows), a few values
// repeated, or the slots reversed from the top of the width. Blocks rotate
// through trace_i low, trace_i high with the output always ready, and
// trace_i high with random back-pressure; the exponent unit gets EXP_LUT,
// which run_tb.sh takes from vssa_exp_lut.
// Checked:
//  - one probability beat per listed key, in list order, with the key's
//    label and every column's P; a refused beat holds; no beat without trace_i, none
//    for an empty list, none after done_o;
//  - done_o once per block, after the last beat was taken, and, when no beat
//    was refused, in the cycle golden/plan.c's timing gives (want_done:
//    SM_SHARE slots a key, the members' reciprocals one after another);
//  - k_o, g_o, c_o and ez_o at done_o and in every cycle after it until the
//    next start (through E = 0: k = G = C = 0; e_z = 0 without the virtual
//    key), and, with record 5, every column's E at done_o;
//  - every word of both e banks through pv_bank_i, pv_raddr_i / e_o after
//    done_o: the block writes the bank bank_i names (random per block),
//    where the listed keys' slots hold e; all other words, the other bank's
//    included, what earlier blocks left;
//  - the importance taps: a read of a listed slot of the block's bank with
//    imp_i high (at random, pv_nq_i the block's nq, pv_label_i the token's
//    label, junk on other reads) gives
//    imp_valid_o three cycles later with imp_idx_o = that label and
//    imp_p_o = the token's P; imp_valid_o at no other time.
// Parameters: those of vssa_softmax, N (lines in VEC), VEC. Prints one final
// line: PASS tb_softmax: ... or FAIL tb_softmax: ...
`timescale 1ns/1ps
module tb_softmax;
  parameter integer COLS    = 4;
  parameter integer S_W     = 20;
  parameter integer DIGIT   = 4;
  parameter integer PLANE_W = 2;
  parameter integer IDX_W   = 6;
  parameter integer KCNT_W  = 7;
  parameter integer QCNT_W  = 3;
  parameter integer MAX_SEQ = 64;
  parameter integer ESUM_W  = 15;
  parameter integer C_W     = 21;
  // latencies: run_tb.sh takes them from vssagen --params
  parameter integer EXP_MUL_LAT = 3;
  parameter integer EXP_LAT   = 5;
  parameter integer SM_LAT    = 8;
  parameter integer SM_SHARE     = 1;
  parameter integer G_MUL_LAT = 2;
  parameter integer RECIP_LAT = 22;
  parameter integer K_W     = 4;
  parameter integer MID     = 1;
  parameter integer COMP    = 0;
  parameter [255:0] EXP_LUT = 256'd0;
  parameter integer N       = 1;
  parameter         VEC     = "softmax.hex";
  localparam integer H  = 64 * COLS;
  localparam integer LW = H + 64;
  localparam integer RESULT_W = COLS * (K_W + 24 + C_W);

  localparam TB_NAME = "tb_softmax";

  // Cycles from start_i to done_o without refused beats (golden/plan.c).
  function integer want_done(input integer nk, input integer zv);
    integer slots;
    begin
      slots = SM_SHARE * (nk + zv);
      want_done = (slots > 0 ? slots + SM_LAT + 3 + zv + SM_SHARE * RECIP_LAT : SM_SHARE * RECIP_LAT + 2) +
                  (trace ? 5 * nk + 1 : 0);
    end
  endfunction
  `include "tb_common.vh"

  reg                      start = 1'b0;
  reg                      bank = 1'b0, pv_bank = 1'b0;
  reg  [QCNT_W-1:0]        pv_nq = {QCNT_W{1'b0}};
  reg                      trace = 1'b0;
  reg  [31:0]              es = 32'd0;
  reg  [23:0]              os = 24'd0;
  reg  [QCNT_W-1:0]        nq = {QCNT_W{1'b0}};
  wire [IDX_W-1:0]         klist_raddr, s_raddr;
  reg  [PLANE_W+2*IDX_W-1:0] klist_rdata;
  reg  [KCNT_W-1:0]        klist_count = {KCNT_W{1'b0}};
  reg  [COLS*S_W-1:0]      s_rdata;
  reg  [COLS*S_W-1:0]      maxv = {(COLS * S_W){1'b0}};
  reg  [IDX_W-1:0]         pv_raddr = {IDX_W{1'b0}};
  reg  [IDX_W-1:0]         pv_label = {IDX_W{1'b0}};
  reg                      imp = 1'b0;
  wire                     imp_valid;
  wire [IDX_W-1:0]         imp_idx;
  wire [COLS*16-1:0]       imp_p;
  wire [COLS*8-1:0]        e;
  wire                     out_valid;
  reg                      out_ready = 1'b0;
  wire [IDX_W-1:0]         out_key;
  wire [COLS*16-1:0]       out_probs;
  wire                     done;
  wire [COLS*K_W-1:0]      k;
  wire [COLS*24-1:0]       g;
  wire [COLS*C_W-1:0]      csum;
  reg                      any = 1'b0;
  reg  [KCNT_W-1:0]        zc = {KCNT_W{1'b0}};
  reg  [COLS*S_W-1:0]      sz = {(COLS * S_W){1'b0}};
  wire [COLS*8-1:0]        ez;

  vssa_softmax #(
    .COLS (COLS), .S_W (S_W), .DIGIT (DIGIT), .PLANE_W (PLANE_W), .IDX_W (IDX_W),
    .KCNT_W (KCNT_W), .QCNT_W (QCNT_W), .MAX_SEQ (MAX_SEQ), .ESUM_W (ESUM_W),
    .C_W (C_W), .K_W (K_W), .MID (MID), .COMP (COMP), .SM_SHARE (SM_SHARE), .EXP_MUL_LAT (EXP_MUL_LAT),
    .EXP_LAT (EXP_LAT), .SM_LAT (SM_LAT), .G_MUL_LAT (G_MUL_LAT), .RECIP_LAT (RECIP_LAT),
    .EXP_LUT (EXP_LUT)
  ) dut (
    .clk_i (clk), .rst_ni (rst_n), .start_i (start), .trace_i (trace),
    .es_i (es), .os_i (os), .nq_i (nq), .bank_i (bank), .pv_bank_i (pv_bank), .pv_nq_i (pv_nq),
    .klist_raddr_o (klist_raddr), .klist_rdata_i (klist_rdata),
    .klist_count_i (klist_count),
    .s_raddr_o (s_raddr), .s_rdata_i (s_rdata), .max_i (maxv), .any_i (any),
    .zc_i (zc), .sz_i (sz), .ez_o (ez),
    .pv_raddr_i (pv_raddr), .pv_label_i (pv_label), .e_o (e),
    .imp_i (imp), .imp_valid_o (imp_valid), .imp_idx_o (imp_idx), .imp_p_o (imp_p),
    .out_valid_o (out_valid), .out_ready_i (out_ready), .out_key_o (out_key),
    .out_probs_o (out_probs),
    .done_o (done), .k_o (k), .g_o (g), .c_o (csum)
  );

  // E is no port, and k and G only bound it: the sums are read inside.
  wire [COLS*ESUM_W-1:0] esum;
  genvar gc;
  generate
    for (gc = 0; gc < COLS; gc = gc + 1) begin : g_esum
      assign esum[gc*ESUM_W +: ESUM_W] = dut.g_col[gc].esum_q;
    end
  endgenerate

  // the key list and score RAMs
  reg [PLANE_W+2*IDX_W-1:0] klist [0:MAX_SEQ-1];
  reg [COLS*S_W-1:0]      smem  [0:MAX_SEQ-1];
  always @(posedge clk) begin
    klist_rdata <= klist[klist_raddr];
    s_rdata     <= smem[s_raddr];
  end

  reg [LW-1:0]       vec [0:N-1];
  reg [COLS*8-1:0]   eram [0:2*MAX_SEQ-1];   // what the e banks must hold
  reg [RESULT_W-1:0] want;                 // {k, G, C} of every column
  reg [COLS*8-1:0]   want_ez;
  reg [COLS*ESUM_W-1:0] want_e;
  integer p = 0, blk = 0, mode = 0, nk = 0, nqi = 0, row0 = 0, zrec = 0, zon = 0;
  integer i, c, w;
  integer beats = 0, dones = 0, start_at = 0, refused = 0;
  localparam integer LN = 1 << IDX_W;
  integer lab   [0:MAX_SEQ-1];           // list entry i's label
  integer rowof [0:MAX_SEQ-1];           // the list entry of a slot, or -1
  integer relabeled = 0, high_labels = 0, imps = 0;
  // importance reads: [0] = issued before the last edge, ...
  reg                iv  [0:2];
  reg [IDX_W-1:0]    il  [0:2];
  reg [COLS*16-1:0]  ip  [0:2];
  reg [IDX_W-1:0]    imp_want_lab;
  reg [COLS*16-1:0]  imp_want_p;
  reg                held = 1'b0;
  reg                after = 1'b0;         // done_o was seen; results must hold
  reg [IDX_W-1:0]    held_key;
  reg [COLS*16-1:0]  held_probs;

  function [7:0] tag_of(input [LW-1:0] l);
    tag_of = l[H+56 +: 8];
  endfunction
  function [COLS*16-1:0] probs_of(input [LW-1:0] l);
    integer j;
    begin
      for (j = 0; j < COLS; j = j + 1)
        probs_of[j*16 +: 16] = l[j*64 +: 16];
    end
  endfunction
  function [COLS*8-1:0] exps_of(input [LW-1:0] l);
    integer j;
    begin
      for (j = 0; j < COLS; j = j + 1)
        exps_of[j*8 +: 8] = l[j*64 + 16 +: 8];
    end
  endfunction
  function [COLS*S_W-1:0] his_of(input [LW-1:0] l);   // S or M
    integer j;
    begin
      for (j = 0; j < COLS; j = j + 1)
        his_of[j*S_W +: S_W] = l[j*64 + 32 +: S_W];
    end
  endfunction
  function [COLS*8-1:0] ezs_of(input [LW-1:0] l);
    integer j;
    begin
      for (j = 0; j < COLS; j = j + 1)
        ezs_of[j*8 +: 8] = l[j*64 + 24 +: 8];
    end
  endfunction
  function [COLS*ESUM_W-1:0] esums_of(input [LW-1:0] l);
    integer j;
    begin
      for (j = 0; j < COLS; j = j + 1)
        esums_of[j*ESUM_W +: ESUM_W] = l[j*64 +: ESUM_W];
    end
  endfunction
  function [RESULT_W-1:0] results_of(input [LW-1:0] l);
    integer j;
    begin
      for (j = 0; j < COLS; j = j + 1) begin
        results_of[COLS*(24+C_W) + j*K_W +: K_W] = l[j*64 + 24 +: K_W];
        results_of[COLS*C_W + j*24 +: 24]        = l[j*64 +: 24];
        results_of[j*C_W +: C_W]                 = l[j*64 + 32 +: C_W];
      end
    end
  endfunction

  // ---- monitor: everything sampled just before the clock edge
  always @(posedge clk) begin
    if (rst_n) begin
      if (start) begin
        start_at = cyc;
        after    = 1'b0;
      end
      if (out_valid && (!trace || after))
        tb_err(after ? "a beat after done_o" : "a beat without trace_i");
      if (held && (out_valid !== 1'b1 || out_key !== held_key || out_probs !== held_probs))
        tb_err("a refused beat did not hold");
      held       = out_valid && !out_ready;
      held_key   = out_key;
      held_probs = out_probs;
      if (held) refused = refused + 1;
      if (out_valid && out_ready) begin
        if (beats >= nk) begin
          tb_err("a beat beyond the key list");
        end else if (out_key !== lab[beats] ||
                     out_probs !== probs_of(vec[row0 + beats])) begin
          tb_err("a probability beat's key or P wrong");
          if (tb_show)
            $display("    beat %0d: key %0d P %h, want key %0d (slot %0d) P %h",
                     beats, out_key, out_probs, lab[beats], vec[row0 + beats][H+40 +: 16],
                     probs_of(vec[row0 + beats]));
        end
        beats = beats + 1;
      end
      if (done) begin
        dones = dones + 1;
        if (after)
          tb_err("done_o twice");
        if (beats != (trace ? nk : 0))
          tb_err("done_o before every beat");
        // golden/plan.c: SM_SHARE slots a key and SM_SHARE for the virtual key,
        // the last one's exponential SM_LAT + 1 cycles after its issue (the
        // virtual key's c * e_z one later), the members' reciprocals
        // SM_SHARE * RECIP_LAT, then 5 cycles a key and one more for the
        // probability pass.
        if (refused == 0 && cyc - start_at != want_done(nk, zon))
          tb_err("done_o at the wrong cycle");
        if (refused == 0 && cyc - start_at != want_done(nk, zon) && tb_show)
          $display("    done_o %0d cycles after start_i, want %0d", cyc - start_at,
                   want_done(nk, zon));
        if (zrec && esum !== want_e) begin
          tb_err("E wrong");
          if (tb_show) $display("    E %h, want %h", esum, want_e);
        end
        after = 1'b1;
      end
      if ((done || after) && ({k, g, csum} !== want || ez !== want_ez)) begin
        tb_err("k_o, g_o, c_o or ez_o wrong");
        if (tb_show)
          $display("    {k, G, C} %h e_z %h, want %h %h", {k, g, csum}, ez, want, want_ez);
      end
      // the importance taps, three cycles after the read
      if (imp_valid !== iv[2])
        tb_err(iv[2] ? "imp_valid_o missing" : "imp_valid_o without an importance read");
      else if (iv[2] && (imp_idx !== il[2] || imp_p !== ip[2])) begin
        tb_err("imp_idx_o or imp_p_o wrong");
        if (tb_show)
          $display("    imp_idx_o %0d imp_p_o %h, want %0d %h", imp_idx, imp_p, il[2], ip[2]);
      end
      iv[2] = iv[1]; il[2] = il[1]; ip[2] = ip[1];
      iv[1] = iv[0]; il[1] = il[0]; ip[1] = ip[0];
      iv[0] = imp;   il[0] = imp_want_lab; ip[0] = imp_want_p;
      if (imp) imps = imps + 1;
    end
  end

  always @(negedge clk) begin
    out_ready = tb_sink(mode == 1 ? TB_SINK_ALWAYS : TB_SINK_HALF, out_ready);
    if (!after) begin
      pv_raddr = $random(seed);
      pv_label = $random(seed);
    end
  end

  initial begin
    tb_seed(11);
    $readmemh(VEC, vec);
    for (i = 0; i < 3; i = i + 1) begin iv[i] = 1'b0; il[i] = 0; ip[i] = 0; end
    imp_want_lab = 0; imp_want_p = 0;
    tb_reset(3);
    @(negedge clk);
    while (p < N && errors < TB_SHOW) begin
      $sformat(tb_where, "block %0d", blk);
      nk   = vec[p][H+40 +: 16];
      zrec = p + 2 < N && tag_of(vec[p + 2]) == 5;
      row0 = p + 2 + zrec;
      zon  = zrec && vec[p + 2][H+40 +: 16] != 0;
      if (tag_of(vec[p]) != 1 || tag_of(vec[p + 1]) != 2 || row0 + nk > N ||
          (nk > 0 && tag_of(vec[row0]) != 3) || (zon && COMP == 0)) begin
        $sformat(tb_fail_text, "block at record %0d is out of step", p);
        tb_fatal(tb_fail_text);
      end
      nqi  = vec[p][H+32 +: 8];
      mode = blk % 3;
      // the block's list and scores; everything else is junk
      for (i = 0; i < MAX_SEQ; i = i + 1) begin
        klist[i] = $random(seed);
        for (c = 0; c < COLS; c = c + 1)
          smem[i][c*S_W +: S_W] = $random(seed);
      end
      for (i = 0; i < MAX_SEQ; i = i + 1) rowof[i] = -1;
      for (i = 0; i < nk; i = i + 1) begin
        case (blk % 3)
          0: lab[i] = tb_rand(LN);
          1: lab[i] = tb_rand(3) * 7 % LN;
          default: lab[i] = LN - 1 - vec[row0 + i][H+40 +: IDX_W];
        endcase
        if (lab[i] != vec[row0 + i][H+40 +: IDX_W]) relabeled = relabeled + 1;
        if (lab[i] >= MAX_SEQ) high_labels = high_labels + 1;
        rowof[vec[row0 + i][H+40 +: IDX_W]] = i;
        klist[i] = {vec[row0 + i][H+32 +: PLANE_W], lab[i][IDX_W-1:0],
                    vec[row0 + i][H+40 +: IDX_W]};
        smem[vec[row0 + i][H+40 +: IDX_W]] = his_of(vec[row0 + i]);
      end
      maxv        = nk > 0 ? his_of(vec[p]) : {COLS{$random(seed)}};
      any         = nk > 0;
      zc          = zon ? vec[p + 2][H+40 +: KCNT_W] : {KCNT_W{1'b0}};
      sz          = zon ? his_of(vec[p + 2]) : {COLS{$random(seed)}};
      want_ez     = zon ? ezs_of(vec[p + 2]) : {(COLS * 8){1'b0}};
      want_e      = esums_of(vec[p + 2]);
      klist_count = nk;
      nq          = nqi;
      es          = vec[p][H +: 32];
      os          = vec[p + 1][H +: 24];
      trace       = mode != 0;
      bank        = $random(seed);
      want        = results_of(vec[p + 1]);
      beats       = 0;
      refused     = 0;
      start       = 1'b1;
      @(negedge clk);
      start = 1'b0;
      w = 0;
      while (!done) begin
        @(negedge clk);
        w = w + 1;
        if (w > 200 * nk + 1000) begin
          $sformat(tb_fail_text, "block %0d: no done_o", blk);
          tb_fatal(tb_fail_text);
        end
      end
      for (i = 0; i < nk; i = i + 1)
        eram[bank * MAX_SEQ + vec[row0 + i][H+40 +: IDX_W]] = exps_of(vec[row0 + i]);
      @(negedge clk);
      pv_nq = nq;
      for (i = 0; i < 2 * MAX_SEQ; i = i + 1) begin
        // the other bank first, then the block's own
        pv_bank  = (i < MAX_SEQ) ? !bank : bank;
        pv_raddr = i % MAX_SEQ;
        // an importance read now and then, of a listed slot of the block's
        // bank only (P of others' stale e is no block's)
        imp      = i >= MAX_SEQ && rowof[i % MAX_SEQ] >= 0 && !tb_one_in(2);
        pv_label = rowof[i % MAX_SEQ] >= 0 ? lab[rowof[i % MAX_SEQ]] : $random(seed);
        imp_want_lab = pv_label;
        imp_want_p   = rowof[i % MAX_SEQ] >= 0 ? probs_of(vec[row0 + rowof[i % MAX_SEQ]]) : 0;
        @(negedge clk);
        imp = 1'b0;
        if (e !== eram[pv_bank * MAX_SEQ + i % MAX_SEQ]) begin
          tb_err("an e RAM word wrong");
          if (tb_show) $display("    bank %0d word %0d %h, want %h", pv_bank, i % MAX_SEQ, e,
                                eram[pv_bank * MAX_SEQ + i % MAX_SEQ]);
        end
      end
      // the last importance reads out (they take nq_i, r and k of this
      // block) before the next block's inputs
      repeat (3 + tb_rand(8)) @(negedge clk);
      if (dones != blk + 1)
        tb_err("done_o count");
      p   = row0 + nk;
      blk = blk + 1;
    end
    tb_where = 0;
    repeat (8) @(negedge clk);
    if (imps == 0 || relabeled == 0 || (high_labels == 0) !== (LN == MAX_SEQ))
      tb_err("coverage: importance reads, labels apart from slots or labels >= MAX_SEQ missing");
    if (dones != blk) tb_err("done_o count");
    $sformat(tb_pass_text, "%0d blocks, %0d keys labelled apart from their slot (%0d labels >= MAX_SEQ), %0d importance reads, COLS %0d S_W %0d DIGIT %0d MAX_SEQ %0d MID %0d COMP %0d",
             blk, relabeled, high_labels, imps, COLS, S_W, DIGIT, MAX_SEQ, MID, COMP);
    $sformat(tb_fail_text, "%0d done_o in %0d blocks", dones, blk);
    tb_finish(tb_pass_text, tb_fail_text);
  end
endmodule
