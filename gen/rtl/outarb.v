// SPDX-License-Identifier: MIT
// Output arbiter: the four sources of output beats (score rows, probability
// rows, O rows, token beats) into the one output stream, through the output
// skid register, so the port's valid and data come from flip-flops. The
// sources never offer at once (a block's phases and the commands run one
// at a time); the selection below is a fixed priority all the same (token,
// O, probability, score), and every source sees the one ready_o. Each
// beat's data is zero-extended to the OUT_DW-bit field; a beat carries
// {last, kind, query base, index, data}, last only on a block's last O row,
// and a token beat has query base 0.
module vssa_outarb #(
  parameter integer COLS    = 4,
  parameter integer S_W     = 20,
  parameter integer D       = 16,
  parameter integer IDX_W   = 6,
  parameter integer TAG_W   = 2,
  parameter integer IMP_W   = 32,
  parameter integer PREC_HW = 1,
  parameter integer OUT_DW  = 128
) (
  input  wire                  clk_i,
  input  wire                  rst_ni,
  input  wire [IDX_W-1:0]      qbase_i,      // the running block's query base
  input  wire                  sc_valid_i,   // a score row
  input  wire [IDX_W-1:0]      sc_key_i,
  input  wire [COLS*S_W-1:0]   sc_data_i,
  input  wire                  pr_valid_i,   // a probability row
  input  wire [IDX_W-1:0]      pr_key_i,
  input  wire [COLS*16-1:0]    pr_data_i,
  input  wire                  o_valid_i,    // an O row
  input  wire                  o_last_i,
  input  wire [IDX_W-1:0]      o_idx_i,
  input  wire [D*8-1:0]        o_data_i,
  input  wire                  tk_valid_i,   // a token beat (PREC_HW)
  input  wire [IDX_W-1:0]      tk_idx_i,
  input  wire [TAG_W-1:0]      tk_cls_i,
  input  wire [IMP_W-1:0]      tk_imp_i,
  output wire                  ready_o,      // the offered beat moves
  output wire                  out_valid_o,
  input  wire                  out_ready_i,
  output wire                  out_last_o,
  output wire [1:0]            out_kind_o,
  output wire [IDX_W-1:0]      out_qbase_o,
  output wire [IDX_W-1:0]      out_idx_o,
  output wire [OUT_DW-1:0]     out_data_o
);
  // Parameter checks, at elaboration: an inconsistent instance stops the
  // simulation at time 0, and Yosys refuses it.
  initial begin
    if (!(COLS >= 1 && S_W >= 1 && D >= 1 && IDX_W >= 1 && TAG_W >= 1 && IMP_W >= 1 &&
          (PREC_HW == 0 || PREC_HW == 1) && OUT_DW >= COLS * S_W && OUT_DW >= COLS * 16 &&
          OUT_DW >= D * 8 && (PREC_HW == 0 || OUT_DW >= TAG_W + IMP_W))) begin
      $display("ERROR: %m: parameters: need OUT_DW to hold a score, probability and O row (and a token beat under PREC_HW)");
      $finish;
    end
  end

  localparam [1:0]   KIND_SCORE = 2'd0, KIND_PROB = 2'd1, KIND_OUT = 2'd2, KIND_TOKEN = 2'd3;
  localparam integer OUT_W = 3 + 2 * IDX_W + OUT_DW;

  wire [OUT_DW-1:0] sc_wide, pr_wide, o_wide, tk_wide;
  vssa_widen #(.IN_W(COLS * S_W), .OUT_W(OUT_DW)) u_wide_sc (.in_i(sc_data_i), .out_o(sc_wide));
  vssa_widen #(.IN_W(COLS * 16),  .OUT_W(OUT_DW)) u_wide_pr (.in_i(pr_data_i), .out_o(pr_wide));
  vssa_widen #(.IN_W(D * 8),      .OUT_W(OUT_DW)) u_wide_o  (.in_i(o_data_i),  .out_o(o_wide));

  // Token beats exist only under PREC_HW, and only then does OUT_DW hold one.
  wire tk_valid;
  generate
    if (PREC_HW != 0) begin : g_wide_tk
      vssa_widen #(.IN_W(TAG_W + IMP_W), .OUT_W(OUT_DW)) u_wide_tk (
        .in_i  ({tk_cls_i, tk_imp_i}),
        .out_o (tk_wide)
      );
      assign tk_valid = tk_valid_i;
    end else begin : g_no_tk
      assign tk_wide  = {OUT_DW{1'b0}};
      assign tk_valid = 1'b0;
      wire unused_tk = ^{tk_valid_i, tk_cls_i, tk_imp_i};
    end
  endgenerate

  wire              src_valid = sc_valid_i || pr_valid_i || o_valid_i || tk_valid;
  wire [1:0]        src_kind  = tk_valid ? KIND_TOKEN : o_valid_i ? KIND_OUT :
                                pr_valid_i ? KIND_PROB : KIND_SCORE;
  wire [IDX_W-1:0]  src_idx   = tk_valid ? tk_idx_i : o_valid_i ? o_idx_i :
                                pr_valid_i ? pr_key_i : sc_key_i;
  wire [OUT_DW-1:0] src_data  = tk_valid ? tk_wide : o_valid_i ? o_wide :
                                pr_valid_i ? pr_wide : sc_wide;

  vssa_skid #(.W(OUT_W)) u_out (
    .clk_i   (clk_i),
    .rst_ni  (rst_ni),
    .valid_i (src_valid),
    .ready_o (ready_o),
    .data_i  ({o_valid_i && o_last_i, src_kind, tk_valid ? {IDX_W{1'b0}} : qbase_i, src_idx,
               src_data}),
    .valid_o (out_valid_o),
    .ready_i (out_ready_i),
    .data_o  ({out_last_o, out_kind_o, out_qbase_o, out_idx_o, out_data_o})
  );
endmodule
