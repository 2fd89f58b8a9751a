// SPDX-License-Identifier: MIT
// Delay line: d_i delayed by 1 .. DEPTH cycles, every stage visible:
// taps_o[s*WIDTH +: WIDTH] holds d_i of s+1 cycles ago. The one primitive
// behind every pipeline's side band (valid flags, tags, slot indices).
// RESET = 1 clears the stages at rst_ni, for control bits whose X would
// leak; RESET = 0 gives them no reset, for data that travels beside a valid
// flag (a flow can then map the line to shift-register primitives).
module vssa_delay #(
  parameter integer WIDTH = 1,
  parameter integer DEPTH = 1,
  parameter integer RESET = 1
) (
  input  wire                   clk_i,
  input  wire                   rst_ni,
  input  wire [WIDTH-1:0]       d_i,
  output wire [DEPTH*WIDTH-1:0] taps_o
);
  // Parameter checks, at elaboration: an inconsistent instance stops the
  // simulation at time 0, and Yosys refuses it.
  initial begin
    if (!(WIDTH >= 1 && DEPTH >= 1 && (RESET == 0 || RESET == 1))) begin
      $display("ERROR: %m: parameters: need WIDTH, DEPTH >= 1 and RESET 0 or 1");
      $finish;
    end
  end

  reg  [DEPTH*WIDTH-1:0]     line_q;
  wire [(DEPTH+1)*WIDTH-1:0] line_d = {line_q, d_i};

  generate
    if (RESET != 0) begin : g_reset
      always @(posedge clk_i or negedge rst_ni) begin
        if (!rst_ni) begin
          line_q <= {(DEPTH * WIDTH){1'b0}};
        end else begin
          line_q <= line_d[DEPTH*WIDTH-1:0];
        end
      end
    end else begin : g_plain
      always @(posedge clk_i) begin
        line_q <= line_d[DEPTH*WIDTH-1:0];
      end
      wire unused_rst = rst_ni;
    end
  endgenerate

  assign taps_o = line_q;
  // The oldest entry leaves the line.
  wire unused_out = ^line_d[DEPTH*WIDTH +: WIDTH];
endmodule
