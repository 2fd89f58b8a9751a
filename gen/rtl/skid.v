// SPDX-License-Identifier: MIT
// Two-entry stream register: the one valid/ready stage every stream of the
// design passes through. A beat moves when valid and ready are both high;
// valid never depends on ready, and a beat holds still until taken. Both
// valid_o and ready_o come straight from flip-flops, so no combinational path
// crosses the stage in either direction, at full throughput.
module vssa_skid #(
  parameter integer W       = 8,
  parameter integer HOLD_IN = 1   // 1: the producer must hold an offer until taken
) (
  input  wire         clk_i,
  input  wire         rst_ni,
  input  wire         valid_i,
  output wire         ready_o,
  input  wire [W-1:0] data_i,
  output wire         valid_o,
  input  wire         ready_i,
  output wire [W-1:0] data_o
);
  // Parameter checks, at elaboration: an inconsistent instance stops the
  // simulation at time 0, and Yosys refuses it.
  initial begin
    if (!(W >= 1 && (HOLD_IN == 0 || HOLD_IN == 1))) begin
      $display("ERROR: %m: parameters: need W >= 1, HOLD_IN 0 or 1");
      $finish;
    end
  end

  reg [W-1:0] main_q, spare_q;
  reg         main_full_q, spare_full_q;

  wire push = valid_i && !spare_full_q;
  wire pop  = main_full_q && ready_i;

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      main_full_q  <= 1'b0;
      spare_full_q <= 1'b0;
    end else if (spare_full_q) begin
      main_full_q  <= 1'b1;
      spare_full_q <= !pop;
    end else begin
      main_full_q  <= push || (main_full_q && !pop);
      spare_full_q <= push && main_full_q && !pop;
    end
  end

  always @(posedge clk_i) begin
    if (spare_full_q) begin
      if (pop) begin
        main_q <= spare_q;
      end
    end else if (push && (!main_full_q || pop)) begin
      main_q <= data_i;
    end
  end

  always @(posedge clk_i) begin
    if (push && main_full_q && !pop) begin
      spare_q <= data_i;
    end
  end

  assign ready_o = !spare_full_q;
  assign valid_o = main_full_q;
  assign data_o  = main_q;

`ifndef SYNTHESIS
  // Assertions, in every simulation: the stream convention on both sides
  // (an offer not taken holds still; HOLD_IN = 0 where the producer may
  // withdraw it, as a host may at the input port), and no unknown bit in
  // a beat that is offered.
  reg         in_held_q, out_held_q;
  reg [W-1:0] in_data_q;
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      in_held_q  <= 1'b0;
      out_held_q <= 1'b0;
    end else begin
      in_held_q  <= valid_i && !ready_o;
      out_held_q <= valid_o && !ready_i;
    end
  end
  always @(posedge clk_i) begin
    in_data_q <= data_i;
  end
  // The flags are reset, so nothing fires during reset.
  always @(posedge clk_i) begin
    if (HOLD_IN != 0 && in_held_q && (!valid_i || data_i !== in_data_q)) begin
      $fatal(1, "%m: an offer not taken changed or withdrew");
    end
    if (out_held_q && !valid_o) begin
      $fatal(1, "%m: an output beat not taken withdrew");
    end
    if (valid_o && ^data_o === 1'bx) begin
      $fatal(1, "%m: unknown bits in an offered beat");
    end
  end
`endif
endmodule
