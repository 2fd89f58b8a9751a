// SPDX-License-Identifier: MIT
// Precision decided in hardware (--precision hw): the classes the last
// ranking chose, one per token index in a RAM, and the stream stage in
// front of the input that attaches to each key beat its token's class in
// place of in_tag_i. Until the first ranking after reset or top_i, and for
// indices at or above the ranked count, the class is 0 (the top
// precision). Once a command beat has passed, no further beat is taken
// until cmd_done_i: a ranking in progress rewrites the classes the beats
// after it must see. One register stage, full throughput; valid_o and the
// beat come from flip-flops, ready_o = !valid_o || ready_i.
module vssa_tagger #(
  parameter integer W       = 16,   // beat payload
  parameter integer TAG_W   = 2,
  parameter integer IDX_W   = 6,
  parameter integer CNT_W   = 7,
  parameter integer MAX_SEQ = 64
) (
  input  wire              clk_i,
  input  wire              rst_ni,
  input  wire              valid_i,
  output wire              ready_o,
  input  wire              cmd_i,        // the beat is a command
  input  wire [IDX_W-1:0]  idx_i,
  input  wire [W-1:0]      data_i,
  output wire              valid_o,
  input  wire              ready_i,
  output wire [W-1:0]      data_o,
  output wire [TAG_W-1:0]  tag_o,        // the class of the beat's token
  // the ranker's writes and the commands' effects
  input  wire              we_i,
  input  wire [IDX_W-1:0]  waddr_i,
  input  wire [TAG_W-1:0]  wdata_i,
  input  wire              ranked_i,     // a ranking of n_i tokens ended
  input  wire [CNT_W-1:0]  n_i,
  input  wire              top_i,        // every token back to class 0
  input  wire              cmd_done_i
);
  // Parameter checks, at elaboration: an inconsistent instance stops the
  // simulation at time 0, and Yosys refuses it.
  initial begin
    if (!(W >= 1 && TAG_W >= 1 && MAX_SEQ >= 1 && (1 << IDX_W) >= MAX_SEQ &&
          (1 << CNT_W) > MAX_SEQ)) begin
      $display("ERROR: %m: parameters: need TAG_W >= 1, 2^IDX_W >= MAX_SEQ, 2^CNT_W > MAX_SEQ");
      $finish;
    end
  end

  reg              valid_q, hold_q, ranked_q;
  reg [W-1:0]      data_q;
  reg [IDX_W-1:0]  idx_q;
  reg [CNT_W-1:0]  n_q;

  wire             take = valid_i && !hold_q && (!valid_q || ready_i);
  wire [TAG_W-1:0] cls;

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      valid_q  <= 1'b0;
      hold_q   <= 1'b0;
      ranked_q <= 1'b0;
      n_q      <= {CNT_W{1'b0}};
    end else begin
      if (take) begin
        valid_q <= 1'b1;
      end else if (ready_i) begin
        valid_q <= 1'b0;
      end
      if (take && cmd_i) begin
        hold_q <= 1'b1;
      end else if (cmd_done_i) begin
        hold_q <= 1'b0;
      end
      if (top_i) begin
        ranked_q <= 1'b0;
      end else if (ranked_i) begin
        ranked_q <= 1'b1;
        n_q      <= n_i;
      end
    end
  end

  always @(posedge clk_i) begin
    if (take) begin
      data_q <= data_i;
      idx_q  <= idx_i;
    end
  end

  // The address holds while the beat waits, so its class stays on the port.
  vssa_ram #(
    .WIDTH  (TAG_W),
    .DEPTH  (MAX_SEQ),
    .ADDR_W (IDX_W)
  ) u_cls (
    .clk_i   (clk_i),
    .we_i    (we_i),
    .waddr_i (waddr_i),
    .wdata_i (wdata_i),
    .raddr_i (take ? idx_i : idx_q),
    .rdata_o (cls)
  );

  wire [CNT_W+IDX_W-1:0] idx_x = {{CNT_W{1'b0}}, idx_q};
  wire [CNT_W+IDX_W-1:0] n_x   = {{IDX_W{1'b0}}, n_q};

  assign ready_o = !hold_q && (!valid_q || ready_i);
  assign valid_o = valid_q;
  assign data_o  = data_q;
  assign tag_o   = ranked_q && idx_x < n_x ? cls : {TAG_W{1'b0}};
endmodule
