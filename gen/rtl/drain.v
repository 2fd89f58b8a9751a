// SPDX-License-Identifier: MIT
// Drain: reads the head of the drain chain (lane 0) and sends each captured
// row with a token on as one beat (to the score stage in Q.K^T, to the
// output stage in P.V), shifting the chain one lane per beat;
// rows of lanes without a token are shifted out unsent. The chain drains
// while the array computes the next tile. A block with no tiles sends one
// beat marked empty, so that every block ends with a beat marked last.
module vssa_drain #(
  parameter integer COLS    = 4,
  parameter integer ACC_W   = 22,
  parameter integer IDX_W   = 6,
  parameter integer KEY_W   = 12,   // a row's key: its {index, slot}
  parameter integer PLANE_W = 2
) (
  input  wire                  clk_i,
  input  wire                  rst_ni,
  input  wire                  capture_i,     // the chain was loaded this cycle
  input  wire                  capture_last_i,
  input  wire                  capture_empty_i,
  input  wire [IDX_W-1:0]      capture_qbase_i,
  input  wire [COLS*ACC_W-1:0] head_score_i,
  input  wire [KEY_W-1:0]      head_idx_i,
  input  wire [PLANE_W-1:0]    head_planes_i,
  input  wire                  head_valid_i,
  input  wire                  rest_valid_i,
  output wire                  shift_o,
  output wire                  free_o,        // no captured row waits
  // beat stream: {last, empty, qbase, key, planes, sums}
  output wire                  valid_o,
  input  wire                  ready_i,
  output wire [2+IDX_W+KEY_W+PLANE_W+COLS*ACC_W-1:0] data_o
);
  // Parameter checks, at elaboration: an inconsistent instance stops the
  // simulation at time 0, and Yosys refuses it.
  initial begin
    if (!(COLS >= 1 && ACC_W >= 16 && IDX_W >= 1 && KEY_W >= 1 && PLANE_W >= 1)) begin
      $display("ERROR: %m: parameters: need COLS >= 1, ACC_W >= 16, IDX_W, KEY_W, PLANE_W >= 1");
      $finish;
    end
  end

  reg             pend_q, last_q, empty_q;
  reg [IDX_W-1:0] qbase_q;

  wire row   = pend_q && !empty_q;
  wire moves = row && (!head_valid_i || ready_i);
  wire done  = (pend_q && empty_q && ready_i) || (moves && !rest_valid_i);

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      pend_q <= 1'b0;
    end else begin
      pend_q <= capture_i || (pend_q && !done);
    end
  end

  always @(posedge clk_i) begin
    if (capture_i) begin
      last_q  <= capture_last_i;
      empty_q <= capture_empty_i;
      qbase_q <= capture_qbase_i;
    end
  end

  wire beat_last = empty_q || (last_q && !rest_valid_i);

  assign shift_o = moves;
  assign free_o  = !pend_q;
  assign valid_o = pend_q && (empty_q || head_valid_i);
  assign data_o  = {beat_last, empty_q, qbase_q,
                    empty_q ? {KEY_W{1'b0}} : head_idx_i,
                    empty_q ? {PLANE_W{1'b0}} : head_planes_i,
                    empty_q ? {(COLS * ACC_W){1'b0}} : head_score_i};

`ifndef SYNTHESIS
  // Assertion, in every simulation: the sequencers hold a capture until the
  // drain has sent the previous one (free_o).
  always @(posedge clk_i) begin
    if (capture_i && pend_q) begin   // pend_q is reset
      $fatal(1, "%m: a capture while the drain is busy");
    end
  end
`endif
endmodule
