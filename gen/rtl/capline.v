// SPDX-License-Identifier: MIT
// Capture line: the back end both sequencers share. An operation issued
// into stage 1 passes stages 2 to LANE_LAT of the array; the last
// operation of a capture group (a tile, a t-tile) captures the sums into
// the drain chain in stage LANE_LAT, the capture stage. The line carries
// each operation's step and capture flags and a tag (fields of its group
// that the capture needs) to the capture stage, and tells the sequencer
// whether a capture is still on its way (capfl_o: the next capture must
// wait for it, as the drain chain takes one at a time) and whether any
// operation is (busy_o).
module vssa_capline #(
  parameter integer GRP_W    = 1,   // bits of the tag
  parameter integer LANE_LAT = 5    // the capture stage (vssa_lane's stages)
) (
  input  wire             clk_i,
  input  wire             rst_ni,
  input  wire             issue_i,    // an operation enters stage 1
  input  wire             cap_i,      // ... the capture (held as is: s1_cap_o)
  input  wire [GRP_W-1:0] tag_i,      // stage 1's tag, taken every cycle
  output wire             s1_step_o,  // stage 1 holds an operation
  output wire             s1_cap_o,   // cap_i of the last cycle, step or not
  output wire             s2_step_o,
  output wire             cs_step_o,  // the capture stage holds an operation
  output wire             cs_cap_o,   // ... a capture
  output wire [GRP_W-1:0] cs_tag_o,   // tag_i of LANE_LAT cycles ago
  output wire             capfl_o,    // a capture is in stages 1 to LANE_LAT
  output wire             busy_o      // an operation is in stages 1 to LANE_LAT - 1
);
  // Parameter checks, at elaboration: an inconsistent instance stops the
  // simulation at time 0, and Yosys refuses it.
  initial begin
    if (!(GRP_W >= 1 && LANE_LAT >= 3)) begin
      $display("ERROR: %m: parameters: need GRP_W >= 1, LANE_LAT >= 3");
      $finish;
    end
  end

  localparam integer N = LANE_LAT - 1;   // stages 2 .. LANE_LAT

  reg s1_step_q, s1_cap_q, capfl_q;
  // Stages 2 to LANE_LAT: {capture, step} of the operation in each.
  wire [2*N-1:0] st;
  wire [N-1:0]   st_step, st_cap;
  genvar s;
  generate
    for (s = 0; s < N; s = s + 1) begin : g_st
      assign st_step[s] = st[2*s];
      assign st_cap[s]  = st[2*s+1];
    end
  endgenerate

  // capfl_q covers stages 1 to LANE_LAT of the next cycle: the issue now,
  // stage 1 now, and stages 2 to LANE_LAT - 1 now.
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      s1_step_q <= 1'b0;
      s1_cap_q  <= 1'b0;
      capfl_q   <= 1'b0;
    end else begin
      s1_step_q <= issue_i;
      s1_cap_q  <= cap_i;
      capfl_q   <= (issue_i && cap_i) || (s1_step_q && s1_cap_q) || |st_cap[N-2:0];
    end
  end

  vssa_delay #(.WIDTH(2), .DEPTH(N), .RESET(1)) u_steps (
    .clk_i  (clk_i),
    .rst_ni (rst_ni),
    .d_i    ({s1_step_q && s1_cap_q, s1_step_q}),
    .taps_o (st)
  );

  // The tag travels beside the flags, without a reset.
  wire [LANE_LAT*GRP_W-1:0] tags;
  vssa_delay #(.WIDTH(GRP_W), .DEPTH(LANE_LAT), .RESET(0)) u_tags (
    .clk_i  (clk_i),
    .rst_ni (rst_ni),
    .d_i    (tag_i),
    .taps_o (tags)
  );
  wire unused_tags = ^tags[N*GRP_W-1:0];

  assign s1_step_o = s1_step_q;
  assign s1_cap_o  = s1_cap_q;
  assign s2_step_o = st_step[0];
  assign cs_step_o = st_step[N-1];
  assign cs_cap_o  = st_cap[N-1];
  assign cs_tag_o  = tags[N*GRP_W +: GRP_W];
  assign capfl_o   = capfl_q;
  assign busy_o    = s1_step_q || |st_step[N-2:0];
endmodule
