// SPDX-License-Identifier: MIT
// Query buffer: each column keeps the query it computes (active) and the
// next block's query as it loads (shadow), so loading overlaps computing.
// The active vector rotates one element per operation as it passes stage 2;
// every plane is a full sweep of the head dimension, so the rotation is back
// at element 0 whenever a plane starts, and no element multiplexer is needed.
// A block may start while the previous block's last operation passes stage
// 2: that operation still takes its element from the old vector. Columns the
// block leaves empty read zeros, so their scores are zero: a valid bit per
// column (cleared by the block's first write, set by the column's own) masks
// the element, so the D-byte vectors need neither a clear nor a reset.
module vssa_qbuf #(
  parameter integer COLS  = 4,
  parameter integer D     = 16,
  parameter integer COL_W = 2,
  parameter integer IDX_W = 6
) (
  input  wire              clk_i,
  input  wire              rst_ni,
  input  wire              wr_i,        // a query of the loading block
  input  wire              wr_first_i,  // ... its first: the other columns clear
  input  wire [COL_W-1:0]  wr_col_i,
  input  wire [D*8-1:0]    wr_data_i,
  input  wire [IDX_W-1:0]  wr_idx_i,
  input  wire              load_i,      // the loaded block starts computing
  input  wire              step_i,      // stage 2 holds an operation
  output wire [COLS*8-1:0] q_o,         // stage 3: element t of every column
  output wire [COLS*IDX_W-1:0] idx_o    // the computing block's query indices
);
  // Parameter checks, at elaboration: an inconsistent instance stops the
  // simulation at time 0, and Yosys refuses it.
  initial begin
    if (!(COLS >= 1 && (1 << COL_W) >= COLS && D >= 1 && IDX_W >= 1)) begin
      $display("ERROR: %m: parameters: need COLS, D >= 1, 2^COL_W >= COLS");
      $finish;
    end
  end

  genvar c;
  generate
    for (c = 0; c < COLS; c = c + 1) begin : g_col
      localparam [COL_W-1:0] C = c;
      reg [D*8-1:0] shadow_q, active_q;
      reg           shadow_v_q, active_v_q;    // the column holds a query
      reg [7:0]     q_q;
      reg [IDX_W-1:0] shadow_idx_q, idx_q;
      wire          wr_mine = wr_i && wr_col_i == C;
      wire [D*8-1:0] rotated;
      if (D > 1) begin : g_rotate
        assign rotated = {active_q[7:0], active_q[D*8-1:8]};
      end else begin : g_single
        assign rotated = active_q;
      end
      always @(posedge clk_i) begin
        if (wr_mine) begin
          shadow_q     <= wr_data_i;
          shadow_idx_q <= wr_idx_i;
        end
        if (load_i) begin
          active_q <= shadow_q;
          idx_q    <= shadow_idx_q;
        end else if (step_i) begin
          active_q <= rotated;
        end
      end
      always @(posedge clk_i or negedge rst_ni) begin
        if (!rst_ni) begin
          shadow_v_q <= 1'b0;
          active_v_q <= 1'b0;
          q_q        <= 8'd0;
        end else begin
          if (wr_mine) begin
            shadow_v_q <= 1'b1;
          end else if (wr_i && wr_first_i) begin
            shadow_v_q <= 1'b0;
          end
          if (load_i) begin
            active_v_q <= shadow_v_q;
          end
          if (step_i) begin
            q_q <= active_q[7:0] & {8{active_v_q}};
          end
        end
      end
      assign q_o[c*8 +: 8]         = q_q;
      assign idx_o[c*IDX_W +: IDX_W] = idx_q;
    end
  endgenerate
endmodule
