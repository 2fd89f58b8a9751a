// SPDX-License-Identifier: MIT
// Zero-extends a bus to a wider one: each output source of the design fills
// the low bits of the shared output data field.
module vssa_widen #(
  parameter integer IN_W  = 8,
  parameter integer OUT_W = 128
) (
  input  wire [IN_W-1:0]  in_i,
  output wire [OUT_W-1:0] out_o
);
  // Parameter checks, at elaboration: an inconsistent instance stops the
  // simulation at time 0, and Yosys refuses it.
  initial begin
    if (!(IN_W >= 1 && OUT_W >= IN_W)) begin
      $display("ERROR: %m: parameters: need 1 <= IN_W <= OUT_W");
      $finish;
    end
  end

  generate
    if (OUT_W > IN_W) begin : g_pad
      assign out_o = {{(OUT_W - IN_W){1'b0}}, in_i};
    end else begin : g_same
      assign out_o = in_i;
    end
  endgenerate
endmodule
