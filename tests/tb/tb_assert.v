// SPDX-License-Identifier: MIT
// tb_assert.v - the RTL's assertions and parameter checks must fire. Each
// MODE breaks one rule and expects the simulation to stop with the rule's
// message (run_tb.sh's "stop:WORD" expectation); MODE 1 breaks nothing the
// instance checks and must reach PASS.
//   0  vssa_skid, HOLD_IN = 1: an offer not taken is withdrawn
//   1  vssa_skid, HOLD_IN = 0: the same is allowed (the host at the port)
//   2  vssa_skid: an offer not taken changes its payload
//   3  vssa_skid: a beat with unknown bits is offered (HOLD_IN = 0)
//   4  vssa_drain: a capture while the drain still holds one
//   5  vssa_ram: a write past the buffer's last word
//   6  vssa_ram: parameters that do not fit (DEPTH > 2^ADDR_W)
//   7  vssa_pe: a digit outside the lane's range (-8 .. 15 at DIGIT 4) is
//      multiplied and accumulated
//   8  vssa_pe: the same digit in a bubble (step_i low next cycle) is junk,
//      not an error
`timescale 1ns/1ps
module tb_assert;
  parameter integer MODE = 0;
  localparam TB_NAME = "tb_assert";
  `include "tb_common.vh"

  // ---- a stream register whose sink never takes anything
  reg        s_valid;
  reg  [7:0] s_data;
  wire       s_ready, s_vo;
  wire [7:0] s_do;
  vssa_skid #(.W(8), .HOLD_IN(MODE == 1 || MODE == 3 ? 0 : 1)) u_skid (
    .clk_i(clk), .rst_ni(rst_n), .valid_i(s_valid), .ready_o(s_ready), .data_i(s_data),
    .valid_o(s_vo), .ready_i(1'b0), .data_o(s_do)
  );

  // ---- the drain with one lane's row on offer and no sink
  reg         capture;
  wire        d_shift, d_free, d_valid;
  wire [2+4+8+2+2*20-1:0] d_data;
  vssa_drain #(.COLS(2), .ACC_W(20), .IDX_W(4), .KEY_W(8), .PLANE_W(2)) u_drain (
    .clk_i(clk), .rst_ni(rst_n), .capture_i(capture), .capture_last_i(1'b1),
    .capture_empty_i(1'b0), .capture_qbase_i(4'd0), .head_score_i(40'd0),
    .head_idx_i(8'd0), .head_planes_i(2'd1), .head_valid_i(1'b1), .rest_valid_i(1'b0),
    .shift_o(d_shift), .free_o(d_free), .valid_o(d_valid), .ready_i(1'b0), .data_o(d_data)
  );

  // ---- a 12-word buffer; MODE 6 gives it 20 words behind a 4-bit address
  reg        we;
  reg  [3:0] waddr;
  wire [7:0] rdata;
  vssa_ram #(.WIDTH(8), .DEPTH(MODE == 6 ? 20 : 12), .ADDR_W(4)) u_ram (
    .clk_i(clk), .we_i(we), .waddr_i(waddr), .wdata_i(8'h5a), .raddr_i(4'd0), .rdata_o(rdata)
  );

  // ---- one PE (DIGIT 4); the digit -9 is outside -8 .. 15
  reg        p_step;
  reg  [4:0] p_digit;
  wire [19:0] p_score;
  vssa_pe #(.DIGIT(4), .MAX_PLANES(2), .PLANE_W(2), .ACC_W(20)) u_pe (
    .clk_i(clk), .rst_ni(rst_n), .a_i(9'd3), .digit_i(p_digit), .plane_i(2'd0),
    .step_i(p_step), .first_i(1'b1), .capture_i(1'b0), .shift_i(1'b0),
    .shift_in_i(20'd0), .score_o(p_score)
  );

  initial begin
    p_step = 1'b0; p_digit = 5'd0;
    s_valid = 1'b0; s_data = 8'd0; capture = 1'b0; we = 1'b0; waddr = 4'd0;
    tb_reset(2);
    @(negedge clk);
    // Fill the stream register: two beats taken, the third held (no room).
    s_valid = 1'b1; s_data = 8'd1; @(negedge clk);
    s_data = 8'd2; @(negedge clk);
    s_data = 8'd3; @(negedge clk);
    case (MODE)
      0, 1: s_valid = 1'b0;
      2: s_data = 8'd4;
      3: begin s_valid = 1'b0; force u_skid.main_q = 8'bxxxx0000; end
      4: begin capture = 1'b1; @(negedge clk); @(negedge clk); end
      5: begin we = 1'b1; waddr = 4'd11; @(negedge clk); waddr = 4'd12; end
      7, 8: begin
        p_digit = 5'b10111; @(negedge clk);   // -9
        p_digit = 5'd0; p_step = MODE == 7; @(negedge clk);
        p_step = 1'b0;
      end
      default: ;
    endcase
    repeat (4) @(negedge clk);
    capture = 1'b0; we = 1'b0; s_valid = 1'b0;
    $sformat(tb_pass_text, "MODE %0d ran to its end", MODE);
    tb_finish(tb_pass_text, "");
  end

  wire unused = ^{s_ready, s_vo, s_do, d_shift, d_free, d_valid, d_data, rdata, p_score};
endmodule
