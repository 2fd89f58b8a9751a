// Capture line: the back end both sequencers share. An operation issued
// into stage 1 passes stages 2 to 4 of the array; the last operation of a
// capture group (a tile, a t-tile) captures the sums into the drain chain
// in stage 4. The line carries each operation's step and capture flags and
// a tag (fields of its group that the capture needs) to stage 4, and tells
// the sequencer whether a capture is still on its way (capfl_o: the next
// capture must wait for it, as the drain chain takes one at a time) and
// whether any operation is (busy_o).
module vssa_capline #(
  parameter integer GRP_W = 1    // bits of the tag
) (
  input  wire             clk_i,
  input  wire             rst_ni,
  input  wire             issue_i,    // an operation enters stage 1
  input  wire             cap_i,      // ... the capture (held as is: s1_cap_o)
  input  wire [GRP_W-1:0] tag_i,      // stage 1's tag, taken every cycle
  output wire             s1_step_o,  // stage 1 holds an operation
  output wire             s1_cap_o,   // cap_i of the last cycle, step or not
  output wire             s2_step_o,
  output wire             s3_step_o,
  output wire             s4_step_o,
  output wire             s4_cap_o,   // stage 4 holds a capture
  output wire [GRP_W-1:0] s4_tag_o,   // tag_i of four cycles ago
  output wire             capfl_o,    // a capture is in stages 1 to 4
  output wire             busy_o      // an operation is in stages 1 to 3
);
  // Parameter checks, at elaboration: an inconsistent instance stops the
  // simulation at time 0, and Yosys refuses it.
  initial begin
    if (!(GRP_W >= 1)) begin
      $display("ERROR: %m: parameters: need GRP_W >= 1");
      $finish;
    end
  end

  reg s1_step_q, s1_cap_q, capfl_q;
  // Stages 2 to 4: {capture, step} of the operation in each.
  wire [5:0] st;
  wire [2:0] st_step = {st[4], st[2], st[0]};
  wire [2:0] st_cap  = {st[5], st[3], st[1]};

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      s1_step_q <= 1'b0;
      s1_cap_q  <= 1'b0;
      capfl_q   <= 1'b0;
    end else begin
      s1_step_q <= issue_i;
      s1_cap_q  <= cap_i;
      capfl_q   <= (issue_i && cap_i) || (s1_step_q && s1_cap_q) || st_cap[0] || st_cap[1];
    end
  end

  vssa_delay #(.WIDTH(2), .DEPTH(3), .RESET(1)) u_steps (
    .clk_i  (clk_i),
    .rst_ni (rst_ni),
    .d_i    ({s1_step_q && s1_cap_q, s1_step_q}),
    .taps_o (st)
  );

  // The tag travels beside the flags, without a reset.
  wire [4*GRP_W-1:0] tags;
  vssa_delay #(.WIDTH(GRP_W), .DEPTH(4), .RESET(0)) u_tags (
    .clk_i  (clk_i),
    .rst_ni (rst_ni),
    .d_i    (tag_i),
    .taps_o (tags)
  );
  wire unused_tags = ^tags[3*GRP_W-1:0];

  assign s1_step_o = s1_step_q;
  assign s1_cap_o  = s1_cap_q;
  assign s2_step_o = st_step[0];
  assign s3_step_o = st_step[1];
  assign s4_step_o = st_step[2];
  assign s4_cap_o  = st_cap[2];
  assign s4_tag_o  = tags[3*GRP_W +: GRP_W];
  assign capfl_o   = capfl_q;
  assign busy_o    = s1_step_q || st_step[0] || st_step[1];
endmodule
