// SPDX-License-Identifier: MIT
// tb_top_protocol.v - the port-level rules of docs/ports.md,
// measured on a generated top (rtl_out/CONFIG.v), so that the numbers the
// docs/ports.md gives cannot go stale. Run by tests/tb/top_protocol.sh.
//
// Two copies of the design take the same input beats and the same
// out_ready_i. Copy A sees each block's and each ranking's settings from the
// moment they are set until the next ones; copy B sees them only inside the
// windows docs/ports.md asks a driver to hold them, and a random value on every
// other edge:
//  - es_i, os_i, trace_i, comp_i of block b: from the edge that accepts the
//    beat closing b (its last query, or the key or command beat that ends
//    it) through the first edge where out_valid_o is high with b's first
//    beat;
//  - ratio_i and trace_i of a ranking (PREC_HW): from the edge that accepts
//    the rank beat through the last edge before in_ready_o is high again.
// Every cycle, both copies must agree on every output port. Measured and
// checked against the figures of docs/ports.md:
//  - AHEAD: beats the port accepts that the controller has not taken: 2 (the
//    input stage), 3 under PREC_HW (the class stage in front of it); with
//    the controller held, exactly AHEAD more beats are accepted;
//  - BUSY_RISE: the first beat accepted by an idle design (its edge counted
//    as 0) shows in busy_o from edge BUSY_RISE on (sampled on that edge);
//  - BUSY_FALL: busy_o is first sampled low BUSY_FALL edges after the edge
//    that takes a block's last O row, BUSY_FALL_TOKEN after a ranking's last
//    token beat taken with out_ready_i held high (the ranking ends the cycle
//    after it hands that beat to the output stage);
//  - busy_o sampled low BUSY_RISE or more edges after the last beat the port
//    accepted: every accepted block and ranking has sent all its beats;
//  - out_last_o: high on each block's last O row only, never on a score,
//    probability or token beat; a ranking with trace_i sends N token beats,
//    tokens 0 .. N-1 in order, out_qbase_o 0.
// ALTER (a self-test): copy B gets random settings inside the blocks' (1) or
// the rankings' (2) windows too, and the testbench must fail. Prints one final line: PASS tb_top_protocol:
// ... or FAIL tb_top_protocol: ...
`timescale 1ns/1ps
module tb_top_protocol;
  // the generated top's parameters (top_protocol.sh passes them)
  parameter integer D       = 8;
  parameter integer TAG_W   = 2;
  parameter integer IDX_W   = 6;
  parameter integer OUT_DW  = 76;
  parameter integer RATIO_W = 20;
  parameter integer NCUT    = 2;
  parameter integer COLS    = 4;
  parameter integer MAX_SEQ = 48;
  parameter integer PREC_HW = 1;
  parameter integer ALTER   = 0;
  // the figures of docs/ports.md
  localparam integer AHEAD     = PREC_HW != 0 ? 3 : 2;
  localparam integer BUSY_RISE = PREC_HW != 0 ? 3 : 2;
  localparam integer BUSY_FALL = 2;
  localparam integer BUSY_FALL_TOKEN = 3;   // after a token beat, out_ready_i high
  localparam [1:0]   CMD_CLEAR = 2'd1, CMD_RANK = 2'd2, CMD_TOP = 2'd3;
  localparam integer MAXB = 64;    // blocks and key sets a run may have

  localparam TB_NAME = "tb_top_protocol";
  `include "tb_common.vh"

  // ---- shared inputs
  reg               in_valid, in_query, in_cmd, in_last, out_ready;
  reg [TAG_W-1:0]   in_tag, in_vtag;
  reg [IDX_W-1:0]   in_idx;
  reg [D*8-1:0]     in_data, in_vdata;
  // ---- settings of copy A and copy B
  reg               a_trace, a_comp, b_trace, b_comp;
  reg [31:0]        a_es, b_es;
  reg [23:0]        a_os, b_os;
  reg [RATIO_W-1:0] a_ratio, b_ratio;

  wire              a_in_ready, a_out_valid, a_out_last, a_busy;
  wire [1:0]        a_kind, a_err;
  wire [IDX_W-1:0]  a_idx, a_qbase;
  wire [OUT_DW-1:0] a_data;
  wire              b_in_ready, b_out_valid, b_out_last, b_busy;
  wire [1:0]        b_kind, b_err;
  wire [IDX_W-1:0]  b_idx, b_qbase;
  wire [OUT_DW-1:0] b_data;
  wire [31:0]       a_perf [0:8];
  wire [31:0]       b_perf [0:8];

  vssa dut_a (
    .clk_i(clk), .rst_ni(rst_n), .in_valid_i(in_valid), .in_ready_o(a_in_ready),
    .in_query_i(in_query), .in_cmd_i(in_cmd), .in_last_i(in_last), .in_tag_i(in_tag),
    .in_idx_i(in_idx), .in_data_i(in_data), .in_vtag_i(in_vtag), .in_vdata_i(in_vdata),
    .trace_i(a_trace), .es_i(a_es), .os_i(a_os), .ratio_i(a_ratio), .comp_i(a_comp),
    .out_valid_o(a_out_valid), .out_ready_i(out_ready), .out_last_o(a_out_last),
    .out_kind_o(a_kind), .out_idx_o(a_idx), .out_qbase_o(a_qbase), .out_data_o(a_data),
    .busy_o(a_busy), .err_o(a_err), .perf_cycles_o(a_perf[0]), .perf_busy_o(a_perf[1]),
    .perf_stall_o(a_perf[2]), .perf_idle_o(a_perf[3]), .perf_tiles_o(a_perf[4]),
    .perf_wait_o(a_perf[5]), .perf_qk_o(a_perf[6]), .perf_sm_o(a_perf[7]), .perf_pv_o(a_perf[8])
  );
  vssa dut_b (
    .clk_i(clk), .rst_ni(rst_n), .in_valid_i(in_valid), .in_ready_o(b_in_ready),
    .in_query_i(in_query), .in_cmd_i(in_cmd), .in_last_i(in_last), .in_tag_i(in_tag),
    .in_idx_i(in_idx), .in_data_i(in_data), .in_vtag_i(in_vtag), .in_vdata_i(in_vdata),
    .trace_i(b_trace), .es_i(b_es), .os_i(b_os), .ratio_i(b_ratio), .comp_i(b_comp),
    .out_valid_o(b_out_valid), .out_ready_i(out_ready), .out_last_o(b_out_last),
    .out_kind_o(b_kind), .out_idx_o(b_idx), .out_qbase_o(b_qbase), .out_data_o(b_data),
    .busy_o(b_busy), .err_o(b_err), .perf_cycles_o(b_perf[0]), .perf_busy_o(b_perf[1]),
    .perf_stall_o(b_perf[2]), .perf_idle_o(b_perf[3]), .perf_tiles_o(b_perf[4]),
    .perf_wait_o(b_perf[5]), .perf_qk_o(b_perf[6]), .perf_sm_o(b_perf[7]), .perf_pv_o(b_perf[8])
  );

  // ---- what the driver has sent: per block its O row count and settings
  integer           nblk = 0;                 // blocks closed so far
  integer           blk_rows [0:MAXB-1];
  reg [31:0]        blk_es [0:MAXB-1];
  reg [23:0]        blk_os [0:MAXB-1];
  reg               blk_tr [0:MAXB-1];
  reg               blk_cp [0:MAXB-1];
  reg [RATIO_W-1:0] rk_ratio;
  reg               rk_trace;
  integer           open_q = 0;               // queries of the block being sent
  integer           kept = 0;                 // keys kept by the last key set
  integer           tokens_want = 0;          // token beats the rankings must send
  integer           cur_closes = -1;          // the beat on offer closes this block
  reg               cur_rank = 1'b0;          // ... is a rank beat
  reg               stall = 1'b0;             // out_ready_i held low
  reg               draining = 1'b0;          // nothing more will be sent
  integer           fall_want = 0;            // busy_o's fall is timed from the last output beat:
                                              // 1 an O row, 2 a token beat
  reg               ready_hi = 1'b0;          // out_ready_i held high

  // ---- the monitor's state, updated on each rising edge
  integer win_blk = -1;                       // the block whose window is open
  reg     win_rank = 1'b0;                    // a ranking's window is open
  integer nlast = 0, orow = 0, tok = 0, tokens = 0;
  integer acc = 0, taken = 0, max_ahead = 0, max_wait = 0;
  integer acc_cyc [0:4095];
  integer quiet = 0;                          // edges since the last beat or busy_o high
  integer rise_from = -1, rises = 0, falls = 0, last_out = -1000;
  reg     busy_prev = 1'b0;
  integer stall_acc = 0;
  integer last_acc = -1000, closed_acc = 0, tok_acc_want = 0, idle_seen = 0;
  integer rk_tokens = 0;                      // token beats the rank on offer will send

  wire hs_in  = in_valid && a_in_ready;
  wire hs_out = a_out_valid && out_ready;
  wire ctrl_take = dut_a.u_ctrl.h_valid_i && dut_a.u_ctrl.h_ready_o;

  always @(posedge clk) if (rst_n) begin
    // both copies agree on every output port
    if (a_in_ready !== b_in_ready || a_out_valid !== b_out_valid || a_busy !== b_busy ||
        a_err !== b_err)
      tb_err("the copies differ on in_ready_o, out_valid_o, busy_o or err_o");
    else if (a_out_valid && {a_out_last, a_kind, a_idx, a_qbase, a_data} !==
                            {b_out_last, b_kind, b_idx, b_qbase, b_data})
      tb_err("the copies offer different output beats");
    if (a_out_valid && ^{a_out_last, a_kind, a_idx, a_qbase, a_data} === 1'bx)
      tb_err("an X on an offered output beat");
    // busy_o low, sampled BUSY_RISE or more edges after the last beat the
    // port accepted: the controller has taken every accepted beat, and every
    // accepted block and traced ranking has sent all its beats (the counts
    // before this edge's transfers)
    if (!a_busy && cyc - last_acc >= BUSY_RISE) begin
      if (a_out_valid || acc != taken || nlast != closed_acc || tokens != tok_acc_want)
        tb_err("busy_o low while an accepted beat is not done");
      idle_seen = idle_seen + 1;
    end
    // accepted at the port versus taken by the controller
    if (hs_in) begin
      acc_cyc[acc % 4096] = cyc;
      acc = acc + 1;
      if (stall) stall_acc = stall_acc + 1;
    end
    if (ctrl_take) begin
      if (taken >= acc) tb_err("the controller took a beat the port never accepted");
      if (cyc - acc_cyc[taken % 4096] > max_wait) max_wait = cyc - acc_cyc[taken % 4096];
      taken = taken + 1;
    end
    if (acc - taken > max_ahead) max_ahead = acc - taken;
    if (acc - taken > AHEAD) tb_err("more beats accepted ahead of the controller than AHEAD");
    if (hs_in) last_acc = cyc;
    if (hs_in && cur_closes >= 0) closed_acc = cur_closes + 1;
    if (hs_in && cur_rank) tok_acc_want = tok_acc_want + rk_tokens;
    // busy_o: rise after the first beat an idle design accepts, fall after the
    // last output beat
    if (hs_in && quiet >= 4 && !busy_prev && rise_from < 0) rise_from = cyc;
    if (a_busy && rise_from >= 0) begin
      if (cyc - rise_from != BUSY_RISE) tb_err("busy_o rose at another latency than BUSY_RISE");
      rises = rises + 1;
      rise_from = -1;
    end else if (rise_from >= 0 && cyc - rise_from > BUSY_RISE) begin
      tb_err("busy_o did not rise within BUSY_RISE edges");
      rise_from = -1;
    end
    if (busy_prev && !a_busy && draining && fall_want != 0) begin
      if (cyc - last_out != (fall_want == 2 ? BUSY_FALL_TOKEN : BUSY_FALL)) begin
        tb_err("busy_o fell at another latency than BUSY_FALL");
        $display("  busy_o fell %0d edges after the last output beat", cyc - last_out);
      end
      falls = falls + 1;
      fall_want = 0;
    end
    busy_prev = a_busy;
    quiet = hs_in || a_busy || a_out_valid ? 0 : quiet + 1;
    // the settings windows
    if (win_blk >= 0 && a_out_valid && a_kind != 2'd3 && nlast == win_blk) win_blk = -1;
    if (win_rank && a_in_ready && !hs_in) win_rank = 1'b0;
    if (hs_in && cur_closes >= 0) win_blk = cur_closes;
    if (hs_in && cur_rank) begin
      win_rank = 1'b1;
      tok = 0;
    end
    // out_last_o and the token beats
    if (hs_out) begin
      last_out = cyc;
      case (a_kind)
        2'd3: begin
          if (a_out_last !== 1'b0) tb_err("out_last_o high on a token beat");
          if (a_idx != tok[IDX_W-1:0] || a_qbase != 0) tb_err("token beat out of order or qbase not 0");
          tok = tok + 1;
          tokens = tokens + 1;
        end
        2'd2: begin
          orow = orow + 1;
          if (a_out_last !== (orow == blk_rows[nlast])) tb_err("out_last_o not on the block's last O row");
          if (a_out_last) begin
            nlast = nlast + 1;
            orow = 0;
          end
        end
        default: if (a_out_last !== 1'b0) tb_err("out_last_o high on a score or probability row");
      endcase
    end
  end

  // ---- the settings each copy sees for the next edge, set after the driver
  // has put the beat of that edge on the port
  reg next_hs, in_blk, in_rank;
  always @(negedge clk) begin
    #1;
    next_hs = in_valid && a_in_ready;
    in_blk  = win_blk >= 0 || (next_hs && cur_closes >= 0);
    in_rank = PREC_HW != 0 && ((win_rank && !a_in_ready) || (next_hs && cur_rank));
    if (next_hs && cur_closes >= 0) begin
      a_es = blk_es[cur_closes]; a_os = blk_os[cur_closes];
      a_trace = blk_tr[cur_closes]; a_comp = blk_cp[cur_closes];
    end
    if (next_hs && cur_rank) begin
      a_ratio = rk_ratio;
      a_trace = rk_trace;
    end
    in_blk  = in_blk && ALTER % 2 == 0;
    in_rank = in_rank && ALTER / 2 == 0;
    b_es    = in_blk ? a_es : $random(seed);
    b_os    = in_blk ? a_os : $random(seed);
    b_comp  = in_blk ? a_comp : $random(seed);
    b_ratio = in_rank ? a_ratio : {3{$random(seed)}};
    b_trace = in_blk || in_rank ? a_trace : $random(seed);
    out_ready = stall ? 1'b0 : ready_hi || !tb_one_in(4);
  end

  // ---- the driver: one beat, offered from this falling edge until taken
  task beat(input q, input c, input l, input [TAG_W-1:0] tg, input [IDX_W-1:0] ix,
            input [D*8-1:0] dt, input integer closes, input rk);
    begin
      in_valid = 1'b1; in_query = q; in_cmd = c; in_last = l; in_tag = tg; in_vtag = ~tg;
      in_idx = ix; in_data = dt; in_vdata = {(D / 4 + 1){$random(seed)}};
      cur_closes = closes; cur_rank = rk;
      @(posedge clk);
      while (!a_in_ready) @(posedge clk);
      @(negedge clk);
      in_valid = 1'b0; cur_closes = -1; cur_rank = 1'b0;
      if (tb_bubble(8)) @(negedge clk);   // now and then a gap
    end
  endtask

  // Settings change only between windows: the beat that opens one waits
  // for the previous block's first output beat or the ranking's end.
  task wait_windows;
    while (win_blk >= 0 || win_rank) @(negedge clk);
  endtask

  task new_block_settings(input tr);
    begin
      blk_es[nblk] = {4'd0, $random(seed)} >> 4;
      blk_os[nblk] = 24'd4096 + ($random(seed) & 24'h3ffff);
      blk_tr[nblk] = tr;
      blk_cp[nblk] = $random(seed);
    end
  endtask

  // A key set of n keys (labels n-1 .. 0 rotated by a random amount); the
  // first key closes block 'closes' when it is not -1.
  task key_set(input integer n, input integer closes);
    integer j, r;
    begin
      r = tb_rand(16);
      if (closes >= 0) begin
        blk_rows[closes] = open_q < COLS ? open_q : COLS;
        open_q = 0;
        new_block_settings($random(seed));
        wait_windows;
      end
      for (j = 0; j < n; j = j + 1)
        beat(1'b0, 1'b0, j == n - 1, j < 2 ? {TAG_W{1'b0}} : $random(seed),
             (n - 1 - j + r) % n, {(D / 4 + 1){$random(seed)}}, j == 0 ? closes : -1, 1'b0);
      kept = n < MAX_SEQ ? n : MAX_SEQ;
    end
  endtask

  // A block of nq queries (with in_last_i on the last one when close).
  task block(input integer nq, input close, input tr);
    integer j;
    begin
      for (j = 0; j < nq; j = j + 1) begin
        if (close && j == nq - 1) begin
          blk_rows[nblk] = open_q + 1 < COLS ? open_q + 1 : COLS;
          open_q = 0;
          new_block_settings(tr);
          wait_windows;
          beat(1'b1, 1'b0, 1'b1, $random(seed), $random(seed), {(D / 4 + 1){$random(seed)}},
               nblk, 1'b0);
          nblk = nblk + 1;
        end else begin
          open_q = open_q + 1;
          beat(1'b1, 1'b0, 1'b0, $random(seed), $random(seed), {(D / 4 + 1){$random(seed)}},
               -1, 1'b0);
        end
      end
    end
  endtask

  // A command; a rank takes random ratios and trace tr; closes: the open
  // block it ends (its settings take trace tr too), or -1.
  task command(input [1:0] op, input tr, input integer closes);
    integer c;
    begin
      if (closes >= 0) begin
        blk_rows[closes] = open_q < COLS ? open_q : COLS;
        open_q = 0;
        new_block_settings(tr);
        nblk = nblk + 1;
      end
      if (op == CMD_RANK && PREC_HW != 0) begin
        for (c = 0; c < NCUT; c = c + 1) rk_ratio[10 * c +: 10] = $random(seed) % 501;
        rk_trace = tr;
        rk_tokens = tr ? kept : 0;
        tokens_want = tokens_want + rk_tokens;
      end
      wait_windows;
      beat(1'b0, 1'b1, 1'b0, 0, 0, {{(D * 8 - 2){1'b0}}, op}, closes,
           op == CMD_RANK && PREC_HW != 0);
    end
  endtask

  // Wait until the design is idle; fl: busy_o's fall is timed from the last
  // output beat, an O row (1) or a token beat (2: out_ready_i held high).
  task drain(input integer fl);
    begin
      fall_want = fl;
      draining = 1'b1;
      ready_hi = fl == 2;
      while (quiet < 8) @(negedge clk);
      draining = 1'b0;
      ready_hi = 1'b0;
      if (fall_want != 0) tb_err("busy_o never fell");
      fall_want = 0;
    end
  endtask

  integer j;
  initial begin
    in_valid = 0; in_query = 0; in_cmd = 0; in_last = 0; in_tag = 0; in_vtag = 0; in_idx = 0;
    in_data = 0; in_vdata = 0; out_ready = 1;
    a_trace = 1; a_comp = 0; a_es = 32'h0100_0000; a_os = 24'h01_0000; a_ratio = 0;
    b_trace = 1; b_comp = 0; b_es = 0; b_os = 0; b_ratio = 0; rk_ratio = 0; rk_trace = 0;
    tb_seed(19);
    tb_reset(3);
    @(negedge clk);
    repeat (8) @(negedge clk);
    // 1: from reset (under PREC_HW top, clear, and a traced ranking of the
    // N = 0 tokens no key set has kept: no token beat), a key set and three
    // blocks
    if (PREC_HW != 0) begin
      command(CMD_TOP, 0, -1);
      command(CMD_CLEAR, 0, -1);
      command(CMD_RANK, 1, -1);
    end
    key_set(10, -1);
    block(2, 1, 1);
    block(COLS, 1, 0);
    block(1, 1, 1);
    drain(1);
    // 2: hold the controller (a block's outputs cannot leave), then offer the
    // next key set: exactly AHEAD beats must be accepted
    block(2, 1, 1);
    stall = 1'b1;
    wait_windows;                  // its first beat is offered, so it has started
    stall_acc = 0;
    fork
      key_set(14, -1);
      begin
        repeat (300) @(negedge clk);
        if (stall_acc != AHEAD) tb_err("the port did not accept exactly AHEAD beats ahead");
        $display("  held controller: the port accepted %0d beats in 300 cycles", stall_acc);
        stall = 1'b0;
      end
    join
    block(3, 1, 0);
    block(COLS + 1, 1, 1);
    block(2, 0, 0);                // left open: the next key beat closes it
    // 3: a key set beyond MAX_SEQ closes the open block; blocks; then an open
    // block closed by a command (a traced ranking under PREC_HW)
    key_set(MAX_SEQ + 2, nblk);
    nblk = nblk + 1;
    block(COLS, 1, 1);
    block(1, 0, 1);
    command(CMD_RANK, 1, nblk);
    if (PREC_HW == 0) block(1, 1, 1);   // a command would end the run, not a beat
    drain(PREC_HW != 0 ? 2 : 1);
    // 4: a ranking without trace, a key set with its classes, a block, top
    // and clear, a last block
    command(CMD_RANK, 0, -1);
    key_set(12, -1);
    block(3, 1, 1);
    command(CMD_TOP, 1, -1);
    command(CMD_CLEAR, 1, -1);
    block(2, 1, 0);
    drain(1);
    for (j = 0; j < 20; j = j + 1) @(negedge clk);

    if (nlast != nblk) tb_err("not every block sent its last O row");
    if (tokens != tokens_want) tb_err("token beats missing or extra");
    if (max_ahead != AHEAD) tb_err("the input stages never held AHEAD beats");
    if (rises < 3 || falls < 3 || idle_seen == 0) tb_err("too few busy_o rises, falls or idle samples");
    $display("  %0d blocks, %0d token beats, %0d beats accepted; ahead at most %0d, a beat waited up to %0d cycles; busy_o rose %0d times, fell %0d times",
             nblk, tokens, acc, max_ahead, max_wait, rises, falls);
    $sformat(tb_pass_text, "PREC_HW %0d, AHEAD %0d, BUSY_RISE %0d, BUSY_FALL %0d, BUSY_FALL_TOKEN %0d",
             PREC_HW, AHEAD, BUSY_RISE, BUSY_FALL, BUSY_FALL_TOKEN);
    tb_finish(tb_pass_text, "");
  end

  initial tb_watchdog(2000000);
endmodule
