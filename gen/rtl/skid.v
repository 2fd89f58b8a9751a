// Two-entry stream register: the one valid/ready stage every stream of the
// design passes through. A beat moves when valid and ready are both high;
// valid never depends on ready, and a beat holds still until taken. Both
// valid_o and ready_o come straight from flip-flops, so no combinational path
// crosses the stage in either direction, at full throughput.
module vssa_skid #(
  parameter integer W = 8
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
endmodule
