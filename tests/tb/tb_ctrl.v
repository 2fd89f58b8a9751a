// SPDX-License-Identifier: MIT
// tb_ctrl.v - self-checking testbench for vssa_ctrl (gen/rtl/ctrl.v).
//
// The testbench plays the input stage (a beat stream with random gaps, each
// beat held until h_ready_o takes it) and every status input (lane_ok_i,
// disp_ready_i, ld_idle_i, seq_ready_i, seq_idle_i, drain_free_i,
// out_idle_i: random, changing now and then; blk_busy_i: high for a random
// while after each start_o, as a started block's softmax, P.V and output
// rows keep it, and now and then at random; blk_allow_i: mostly high while
// blk_busy_i is low, and now and then high while it is high, as the phase
// controller lets the next block's Q.K^T overlap this one's softmax). The stream is made of heads:
// a key set of 1..MAX_SEQ+3 keys (the last one marked last), then query
// blocks of 1..COLS+2 queries (the last of each marked last), the final
// block sometimes left open so that the next key beat must close it; a block
// sometimes arrives in the middle of a key set, and the stream begins with a
// block before any key set. A reference model of the controller's rules (the
// module comment) gives every output each cycle:
//  - a key beat with no set open (none yet, or the last one ready) begins a
//    new set: an open block is closed first (as if its last query had been
//    marked last); clear_o pulses only when no block is open or waiting,
//    no start_o comes in this cycle and the engine was idle in the cycle
//    before (seq_idle_i, drain_free_i high, blk_busy_i low, no block open
//    or waiting, no start_o: the inputs are used a cycle old, as the other
//    modules leave idle only after a start); the key is taken from the
//    next cycle;
//  - keys of an open set are taken when lane_ok_i (key_o) or, past MAX_SEQ,
//    always, dropped, raising err_o[1] until the next clear_o; the key
//    marked last closes the set (key_last_o), which becomes ready once
//    disp_ready_i and ld_idle_i are high;
//  - query beats are taken unless a closed block waits; the first of a block
//    (q_first_o) goes to column 0 and sets qbase_o to its index; queries past
//    COLS are dropped and raise err_o[0] until the next block's first query;
//    qcount_o counts the loading block's queries kept (1..COLS), and holds
//    until the next block's first query, so that it is the block's count
//    when it starts;
//  - a closed block is started when the key set is ready, or none was ever
//    loaded, seq_ready_i is high and blk_allow_i is high; start_o pulses
//    the next cycle, and in that cycle no clear_o comes and busy_o shows
//    the start;
//  - h_ready_o is high exactly when a beat is taken; busy_o is high the
//    cycle after anything is offered, open, waiting, not yet drained or
//    blk_busy_i is high.
// Coverage counters make sure every rule was exercised.
// Prints one final line: PASS tb_ctrl: ... or FAIL tb_ctrl: ...
`timescale 1ns/1ps
module tb_ctrl;
  parameter integer COLS    = 4;
  parameter integer MAX_SEQ = 6;
  parameter integer KCNT_W  = 3;
  parameter integer COL_W   = 2;
  parameter integer QCNT_W  = 3;
  parameter integer IDX_W   = 6;
  parameter integer HEADS   = 150;
  localparam TB_NAME = "tb_ctrl";
  `include "tb_common.vh"

  reg              h_valid, h_query, h_last;
  reg  [IDX_W-1:0] h_idx;
  reg              lane_ok, disp_ready, ld_idle, seq_ready, seq_idle, drain_free, out_idle;
  reg              blk_busy, blk_allow;
  wire             h_ready, clear, key, key_last, q_wr, q_first, start, busy;
  wire [COL_W-1:0] q_col;
  wire [IDX_W-1:0] qbase;
  wire [QCNT_W-1:0] qcount;
  wire [1:0]       err;

  vssa_ctrl #(
    .COLS(COLS), .MAX_SEQ(MAX_SEQ), .KCNT_W(KCNT_W), .COL_W(COL_W), .QCNT_W(QCNT_W),
    .IDX_W(IDX_W)
  ) dut (
    .clk_i(clk), .rst_ni(rst_n), .h_valid_i(h_valid), .h_query_i(h_query),
    .h_last_i(h_last), .h_idx_i(h_idx), .h_ready_o(h_ready), .lane_ok_i(lane_ok),
    .disp_ready_i(disp_ready), .ld_idle_i(ld_idle), .clear_o(clear), .key_o(key),
    .key_last_o(key_last), .q_wr_o(q_wr), .q_first_o(q_first), .q_col_o(q_col),
    .seq_ready_i(seq_ready), .seq_idle_i(seq_idle), .drain_free_i(drain_free),
    .out_idle_i(out_idle), .blk_busy_i(blk_busy), .blk_allow_i(blk_allow), .start_o(start), .qbase_o(qbase),
    .qcount_o(qcount), .err_o(err), .busy_o(busy),
    .h_cmd_i(1'b0), .cmd_idle_i(1'b1), .cmd_o(), .kcount_o()
  );

  // ---- the beat stream, generated a head at a time
  localparam integer SN = 4096;
  reg             s_query [0:SN-1];
  reg             s_last  [0:SN-1];
  reg [IDX_W-1:0] s_idx   [0:SN-1];
  integer sn, sp;                        // beats generated, next beat to offer

  task push_beat(input q, input l);
    begin
      s_query[sn % SN] = q; s_last[sn % SN] = l; s_idx[sn % SN] = $random(seed);
      sn = sn + 1;
    end
  endtask

  task push_block(input terminated);
    integer n, i;
    begin
      n = 1 + tb_rand(COLS + 2);
      for (i = 0; i < n; i = i + 1) push_beat(1'b1, terminated && i == n - 1);
    end
  endtask

  task push_head;
    integer n, i, mid, b, nb;
    begin
      n = 1 + tb_rand(MAX_SEQ + 3);
      mid = tb_one_in(6) ? tb_rand(n) : -1;
      for (i = 0; i < n; i = i + 1) begin
        if (i == mid && i > 0) push_block(1'b1);        // a block inside the key set
        push_beat(1'b0, i == n - 1);
      end
      nb = tb_rand(4);
      for (b = 0; b < nb; b = b + 1)
        push_block(b < nb - 1 || !tb_one_in(4));
    end
  endtask

  // ---- reference model
  localparam [1:0] K_NONE = 2'd0, K_OPEN = 2'd1, K_FIN = 2'd2, K_READY = 2'd3;
  localparam [1:0] B_NONE = 2'd0, B_OPEN = 2'd1, B_CLOSED = 2'd2;
  reg [1:0]       m_kstate, m_blk;
  integer         m_kcount, m_qcount;
  reg [IDX_W-1:0] m_qbase;
  reg [1:0]       m_err;
  reg             m_busy;
  reg             m_start;          // start_o: last cycle's start decision
  reg             m_eng, m_eng_blk; // the engine idle a cycle ago; held by blk_busy_i alone
  // expected outputs of this cycle
  reg e_ready, e_clear, e_key, e_key_last, e_q_wr, e_q_first, e_start, e_close;
  reg [COL_W-1:0] e_col;

  task model_outputs;
    reg settled, hk, hq, k_take, q_take;
    begin
      settled = m_kstate == K_NONE || m_kstate == K_READY;
      hk = h_valid && !h_query;
      hq = h_valid && h_query;
      e_close = hk && settled && m_blk == B_OPEN;
      e_clear = hk && settled && m_blk == B_NONE && !m_start && m_eng;
      if (hk && settled && m_blk == B_NONE && !m_start && m_eng_blk)
        cov_busy_clear = cov_busy_clear + 1;
      k_take  = hk && m_kstate == K_OPEN && (lane_ok || m_kcount == MAX_SEQ);
      e_key   = k_take && m_kcount < MAX_SEQ;
      e_key_last = k_take && h_last;
      q_take  = hq && m_blk != B_CLOSED;
      e_q_first = q_take && m_blk == B_NONE;
      e_q_wr  = q_take && (e_q_first || m_qcount < COLS);
      e_col   = e_q_first ? 0 : m_qcount;
      e_start = m_blk == B_CLOSED && settled && seq_ready && blk_allow;
      if (m_blk == B_CLOSED && settled && seq_ready && !blk_allow)
        cov_busy_start = cov_busy_start + 1;   // held back by the phases
      e_ready = k_take || q_take;
    end
  endtask

  integer cov_clear, cov_drop, cov_qdrop, cov_close, cov_start, cov_start_none, cov_ready,
          cov_keys, cov_wait, cov_busy_clear, cov_busy_start, cov_busy_only;

  task model_edge;
    begin
      // key set
      if (e_clear) begin
        m_kstate = K_OPEN; m_kcount = 0; cov_clear = cov_clear + 1;
      end else if (e_ready && !h_query) begin
        m_kstate = h_last ? K_FIN : K_OPEN;
        if (m_kcount < MAX_SEQ) begin m_kcount = m_kcount + 1; cov_keys = cov_keys + 1; end
        else cov_drop = cov_drop + 1;
      end else if (m_kstate == K_FIN && disp_ready && ld_idle) begin
        m_kstate = K_READY; cov_ready = cov_ready + 1;
      end
      // blocks
      if (e_start) begin
        m_blk = B_NONE; cov_start = cov_start + 1;
        if (m_kstate == K_NONE) cov_start_none = cov_start_none + 1;
      end else if (e_close) begin
        m_blk = B_CLOSED; cov_close = cov_close + 1;
      end else if (e_ready && h_query) begin
        m_blk = h_last ? B_CLOSED : B_OPEN;
        if (e_q_first) begin m_qcount = 1; m_qbase = h_idx; end
        else if (e_q_wr) m_qcount = m_qcount + 1;
        else cov_qdrop = cov_qdrop + 1;
      end
      // errors
      if (e_q_first) m_err[0] = 1'b0;
      else if (e_ready && h_query && !e_q_wr) m_err[0] = 1'b1;
      if (e_clear) m_err[1] = 1'b0;
      else if (e_ready && !h_query && !e_key) m_err[1] = 1'b1;
      if (h_valid && !e_ready) cov_wait = cov_wait + 1;
    end
  endtask

  // busy_o shows, one cycle late, whether anything was in the design
  task model_busy;
    begin
      m_busy = h_valid || m_kstate == K_OPEN || m_kstate == K_FIN || m_blk != B_NONE ||
               m_start || !seq_idle || !drain_free || !out_idle;
      if (!m_busy && blk_busy) cov_busy_only = cov_busy_only + 1;
      m_busy = m_busy || blk_busy;
    end
  endtask

  task check1(input got, input exp, input [8*16-1:0] name);
    begin
      if (got !== exp) begin
        tb_err(name);
        if (tb_show)
          $display("    is %b, expected %b (kstate %0d, block %0d, kcount %0d, qcount %0d)",
                   got, exp, m_kstate, m_blk, m_kcount, m_qcount);
      end
    end
  endtask

  // a status input that keeps its value for a while
  function sticky(input cur, input integer pct_high);
    begin
      sticky = tb_one_in(4) ? tb_pct(pct_high) : cur;
    end
  endfunction

  integer heads, blk_left;             // cycles the started block still runs
  integer pause;                       // cycles the stream still pauses
  initial begin
    tb_seed(13); sn = 0; sp = 0;
    cov_clear = 0; cov_drop = 0; cov_qdrop = 0; cov_close = 0; cov_start = 0;
    cov_start_none = 0; cov_ready = 0; cov_keys = 0; cov_wait = 0;
    cov_busy_clear = 0; cov_busy_start = 0; cov_busy_only = 0; blk_left = 0; pause = 0;
    m_kstate = K_NONE; m_blk = B_NONE; m_kcount = 0; m_qcount = 0; m_qbase = 0;
    m_err = 2'b00; m_busy = 1'b0; m_start = 1'b0; m_eng = 1'b1; m_eng_blk = 1'b0;
    {h_valid, h_query, h_last, h_idx} = 0;
    {lane_ok, disp_ready, ld_idle, seq_ready, seq_idle, drain_free, out_idle} = 7'h7f;
    blk_busy = 1'b0;
    blk_allow = 1'b1;
    push_block(1'b1);                    // a block before any key set
    heads = 0;
    tb_reset(2);
    while (heads < HEADS || sp < sn) begin
      if (sn - sp < 64 && heads < HEADS) begin push_head; heads = heads + 1; end
      // offer the next beat (held until taken), with random gaps and now and
      // then a pause, in which the design may drain down to blk_busy_i alone
      if (pause > 0) pause = pause - 1;
      else if (!h_valid && sp < sn && !tb_bubble(4)) h_valid = 1'b1;
      h_query = h_valid ? s_query[sp % SN] : $random(seed);
      h_last  = h_valid ? s_last[sp % SN]  : $random(seed);
      h_idx   = h_valid ? s_idx[sp % SN]   : $random(seed);
      lane_ok    = sticky(lane_ok, 70);
      disp_ready = sticky(disp_ready, 50);
      ld_idle    = sticky(ld_idle, 60);
      seq_ready  = sticky(seq_ready, 60);
      seq_idle   = sticky(seq_idle, 70);
      drain_free = sticky(drain_free, 70);
      out_idle   = sticky(out_idle, 80);
      blk_busy   = blk_left > 0 || tb_one_in(20);
      blk_allow  = blk_busy ? tb_one_in(4) : !tb_one_in(8);
      #1;
      model_outputs;
      check1(h_ready, e_ready, "h_ready_o");
      check1(clear, e_clear, "clear_o");
      check1(key, e_key, "key_o");
      check1(key_last, e_key_last, "key_last_o");
      check1(q_wr, e_q_wr, "q_wr_o");
      check1(q_first, e_q_first, "q_first_o");
      if (e_q_wr && q_col !== e_col) check1(1'b0, 1'b1, "q_col_o");
      check1(start, m_start, "start_o");
      if (qbase !== m_qbase) check1(1'b0, 1'b1, "qbase_o");
      if (qcount !== m_qcount) begin
        tb_err("qcount_o");
        if (tb_show) $display("    is %0d, expected %0d", qcount, m_qcount);
      end
      check1(err[0], m_err[0], "err_o[0]");
      check1(err[1], m_err[1], "err_o[1]");
      check1(busy, m_busy, "busy_o");
      @(posedge clk);
      m_eng = seq_idle && drain_free && !blk_busy && m_blk == B_NONE && !m_start;
      m_eng_blk = seq_idle && drain_free && blk_busy && m_blk == B_NONE && !m_start;
      model_busy;
      model_edge;
      // a started block keeps blk_busy_i high from the next cycle, for a while
      if (m_start)
        blk_left = tb_one_in(3) ? 0 : 1 + tb_rand(40);
      else if (blk_left > 0) blk_left = blk_left - 1;
      m_start = e_start;
      #1;                                // inputs change only after the edge
      if (e_ready) begin
        sp = sp + 1; h_valid = 1'b0;
        if (tb_one_in(8)) pause = 1 + tb_rand(12);
      end
    end
    if (cov_clear == 0 || cov_drop == 0 || cov_qdrop == 0 || cov_close == 0 ||
        cov_start == 0 || cov_start_none == 0 || cov_ready == 0 || cov_busy_clear == 0 ||
        cov_busy_start == 0 || cov_busy_only == 0) begin
      tb_err("coverage: a rule was never exercised");
      $display("  coverage: %0d clears, %0d keys dropped, %0d queries dropped, %0d implicit closes, %0d starts (%0d without a key set), %0d sets ready",
               cov_clear, cov_drop, cov_qdrop, cov_close, cov_start, cov_start_none, cov_ready);
      $display("  coverage: held by blk_busy_i: %0d clears, %0d starts; busy_o by blk_busy_i alone %0d cycles",
               cov_busy_clear, cov_busy_start, cov_busy_only);
    end
    $sformat(tb_pass_text, "%0d beats (held %0d cycles), %0d sets, %0d keys placed, %0d dropped, %0d queries dropped, %0d blocks started, %0d closed by a key, held by blk_busy_i %0d/%0d cycles (clear/start)",
             sn, cov_wait, cov_clear, cov_keys, cov_drop, cov_qdrop, cov_start, cov_close,
             cov_busy_clear, cov_busy_start);
    $sformat(tb_fail_text, "%0d cycles", cyc);
    tb_finish(tb_pass_text, tb_fail_text);
  end

  initial tb_watchdog(HEADS * 400);
endmodule
