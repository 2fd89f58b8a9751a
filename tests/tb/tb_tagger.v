// SPDX-License-Identifier: MIT
// tb_tagger.v - self-checking testbench for vssa_tagger (gen/rtl/tagger.v).
//
// A random stream of beats (keys, queries and, now and then, a command)
// with random valid gaps goes in; ready_i is random. Each command is
// "executed" by the testbench while the tagger holds: some cycles of random
// class writes, then either a ranking of a random count (ranked_i) or a
// return to the top class (top_i), then cmd_done_i. Checked:
//  - the beats leave in order, unchanged, each held still until taken;
//  - each beat's tag is the class the model holds for its index (0 before
//    any ranking, after top_i, and at or above the ranked count);
//  - after a command is taken, ready_o stays low until cmd_done_i.
// Parameters: TAG_W, IDX_W, CNT_W, MAX_SEQ, BEATS. Prints one final line:
// PASS tb_tagger: ... or FAIL tb_tagger: ...
`timescale 1ns/1ps
module tb_tagger;
  parameter integer TAG_W   = 2;
  parameter integer IDX_W   = 6;
  parameter integer CNT_W   = 7;
  parameter integer MAX_SEQ = 64;
  parameter integer BEATS   = 4000;
  localparam integer W = 24;
  localparam TB_NAME = "tb_tagger";
  `include "tb_common.vh"

  reg               valid, cmd, ready, we, ranked, top, done;
  reg  [IDX_W-1:0]  idx, waddr;
  reg  [W-1:0]      data;
  reg  [TAG_W-1:0]  wdata;
  reg  [CNT_W-1:0]  n;
  wire              in_ready, out_valid;
  wire [W-1:0]      out_data;
  wire [TAG_W-1:0]  tag;

  vssa_tagger #(.W(W), .TAG_W(TAG_W), .IDX_W(IDX_W), .CNT_W(CNT_W), .MAX_SEQ(MAX_SEQ)) dut (
    .clk_i(clk), .rst_ni(rst_n), .valid_i(valid), .ready_o(in_ready), .cmd_i(cmd),
    .idx_i(idx), .data_i(data), .valid_o(out_valid), .ready_i(ready), .data_o(out_data),
    .tag_o(tag), .we_i(we), .waddr_i(waddr), .wdata_i(wdata), .ranked_i(ranked), .n_i(n),
    .top_i(top), .cmd_done_i(done)
  );

  // Expected beats: payload {cmd, idx, serial} and the tag each must carry,
  // fixed when the beat is taken (the classes cannot change after that
  // until the beat has left: a command holds everything behind it).
  reg [W-1:0]      q_data [0:BEATS-1];
  reg [TAG_W-1:0]  q_tag  [0:BEATS-1];
  reg [TAG_W-1:0]  cls    [0:MAX_SEQ-1];
  reg              m_ranked, holding, held;
  reg              in_ready_seen = 1'b0;   // the last offer was taken
  reg [CNT_W-1:0]  m_n;
  reg [W-1:0]      held_data;
  reg [TAG_W-1:0]  held_tag;
  integer          sent, got, k, busy_left, cmds, ranks, tops;

  function [TAG_W-1:0] want_tag(input [IDX_W-1:0] i);
    want_tag = m_ranked && i < m_n ? cls[i] : {TAG_W{1'b0}};
  endfunction

  initial begin
    tb_seed(3 + TAG_W + IDX_W); sent = 0; got = 0; cmds = 0; ranks = 0; tops = 0;
    valid = 0; cmd = 0; ready = 0; we = 0; ranked = 0; top = 0; done = 0; idx = 0;
    waddr = 0; data = 0; wdata = 0; n = 0; m_ranked = 0; m_n = 0; holding = 0; held = 0;
    busy_left = 0;
    for (k = 0; k < MAX_SEQ; k = k + 1) cls[k] = 0;
    tb_reset(2);
    while (got < BEATS) begin
      @(negedge clk);
      we = 0; ranked = 0; top = 0; done = 0;
      // ---- the command in progress, once its beat has left
      if (holding && busy_left > 0) begin
        busy_left = busy_left - 1;
        if (busy_left > 1) begin
          we = $random(seed); waddr = tb_rand(MAX_SEQ); wdata = $random(seed);
        end else if (busy_left == 1) begin
          if (tb_one_in(4)) begin
            top = 1; tops = tops + 1;
          end else begin
            ranked = 1; n = tb_rand(MAX_SEQ + 1); ranks = ranks + 1;
          end
        end else begin
          done = 1;
        end
      end
      // ---- offer the next beat
      if (!valid || in_ready_seen) begin
        valid = sent < BEATS && !tb_one_in(4);
        cmd = tb_one_in(20);
        idx = tb_rand(MAX_SEQ);
        data = {cmd, idx, sent[W-IDX_W-2:0]};
      end
      ready = !tb_one_in(3);
      #1;
      // ---- output side
      if (held && (!out_valid || out_data != held_data || tag != held_tag)) tb_err("beat changed while waiting");
      if (out_valid && ready) begin
        if (out_data != q_data[got]) tb_err("beat out of order or altered");
        else if (tag != q_tag[got]) tb_err("tag");
        if (out_data[W-1] && !holding) tb_err("command left without a hold");
        if (out_data[W-1]) busy_left = 2 + tb_rand(12);
        got = got + 1;
      end
      held = out_valid && !ready;
      held_data = out_data;
      held_tag = tag;
      // ---- input side (the classes are those before this edge's writes)
      in_ready_seen = valid && in_ready;
      if (holding && in_ready) tb_err("ready during a command");
      if (in_ready_seen) begin
        q_data[sent] = data;
        q_tag[sent] = want_tag(idx);
        sent = sent + 1;
        if (cmd) begin holding = 1; cmds = cmds + 1; end
      end
      // the effects of this cycle's command signals
      if (we) cls[waddr] = wdata;
      if (top) m_ranked = 0;
      if (ranked) begin m_ranked = 1; m_n = n; end
      if (done) holding = 0;
    end
    $sformat(tb_pass_text, "%0d beats, %0d commands (%0d rankings, %0d returns to the top class)",
             BEATS, cmds, ranks, tops);
    tb_finish(tb_pass_text, "");
  end
endmodule
