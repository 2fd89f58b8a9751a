// SPDX-License-Identifier: MIT
// Row reciprocal, once per query row (golden/vssa.h sections 9 and 11):
//   k = bit length of E,  r = floor(2^(k+15) / E),  G = (r * OS) >> 16,
// all 0 when E = 0. r comes out of 17 restoring steps, one quotient bit a
// cycle (a small subtractor instead of a divider array), that start from the
// remainder 2^(k-1), E's leading one: the steps of 2^(SUM_W+15) divided by
// E << (SUM_W - k), every value scaled down by 2^(SUM_W - k), so no shifter
// normalizes E. The input is registered as it is; k and the leading one
// come from that register (INIT), off the path from the caller's select.
// The product r * OS is formed beside the steps, one quotient bit a cycle,
// most significant first (acc = 2 * acc + bit * OS, a cycle behind the
// bit): one adder instead of a multiplier that would idle between rows.
// Timing: start_i is taken when ready_o is high; done_o pulses, with k_o,
// r_o and g_o valid until the next start, RECIP_LAT = 20 + G_MUL_LAT cycles
// later (INIT, 17 divide steps, G_MUL_LAT + 1 cycles in MUL, the done
// register; both values from golden/arch.c). G_MUL_LAT is the latency
// r * OS had as a pipelined multiply; the product is ready after MUL's
// first cycle, and the wait keeps the timing of golden/plan.c.
module vssa_recip #(
  parameter integer SUM_W     = 14,   // bits of E
  parameter integer K_W       = 4,    // holds 0..SUM_W
  parameter integer G_MUL_LAT = 2,
  parameter integer RECIP_LAT = 22
) (
  input  wire             clk_i,
  input  wire             rst_ni,
  input  wire             start_i,
  input  wire [SUM_W-1:0] esum_i,
  input  wire [23:0]      os_i,    // run-time output scale OS
  output wire             ready_o,
  output wire             done_o,
  output wire [K_W-1:0]   k_o,
  output wire [16:0]      r_o,
  output wire [23:0]      g_o
);
  // Parameter checks, at elaboration: an inconsistent instance stops the
  // simulation at time 0, and Yosys refuses it.
  initial begin
    if (!(SUM_W >= 8 && (1 << K_W) > SUM_W && G_MUL_LAT >= 1 && RECIP_LAT == 20 + G_MUL_LAT)) begin
      $display("ERROR: %m: parameters: need SUM_W >= 8, 2^K_W > SUM_W, RECIP_LAT = 20 + G_MUL_LAT");
      $finish;
    end
  end

  localparam [1:0] IDLE = 2'd0, INIT = 2'd1, DIV = 2'd2, MUL = 2'd3;

  reg [1:0]       state_q;
  reg [SUM_W-1:0] e_q;        // the divisor E

  // Bit length of E and its leading one, by a priority scan.
  reg [K_W-1:0]   klen;
  reg [SUM_W-1:0] lead;
  integer b;
  always @* begin
    klen = {K_W{1'b0}};
    lead = {SUM_W{1'b0}};
    for (b = 0; b < SUM_W; b = b + 1) begin
      if (e_q[b]) begin
        klen = b[K_W-1:0] + 1'b1;
        lead = {{(SUM_W - 1){1'b0}}, 1'b1} << b;
      end
    end
  end

  reg [SUM_W:0]   rem_q;
  reg [16:0]      quo_q;
  reg [4:0]       step_q;     // divide steps, then multiply stages
  reg [K_W-1:0]   k_q;
  reg [23:0]      os_q;
  reg [16:0]      r_q;
  reg [23:0]      g_q;
  reg [39:0]      acc_q;      // r * OS so far (< 2^40: r <= 2^16, OS < 2^24)
  reg             done_q;

  wire [SUM_W:0] rem_sh = step_q == 5'd0 ? rem_q : {rem_q[SUM_W-1:0], 1'b0};
  wire           ge     = rem_sh >= {1'b0, e_q};
  wire [SUM_W:0] rem_d  = ge ? rem_sh - {1'b0, e_q} : rem_sh;
  localparam [4:0] MUL_LAST = G_MUL_LAT[4:0];

  // The accumulator takes the quotient's newest bit (quo_q[0], 0 in DIV's
  // first cycle) in every DIV cycle and in MUL's first: 17 bits, r * OS.
  always @(posedge clk_i) begin
    if (state_q == INIT) begin
      acc_q <= 40'd0;
    end else if (state_q == DIV || (state_q == MUL && step_q == 5'd0)) begin
      acc_q <= {acc_q[38:0], 1'b0} + (quo_q[0] ? {16'd0, os_q} : 40'd0);
    end
  end

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q <= IDLE;
      e_q     <= {SUM_W{1'b0}};
      rem_q   <= {(SUM_W + 1){1'b0}};
      quo_q   <= 17'd0;
      step_q  <= 5'd0;
      k_q     <= {K_W{1'b0}};
      os_q    <= 24'd0;
      r_q     <= 17'd0;
      g_q     <= 24'd0;
      done_q  <= 1'b0;
    end else begin
      done_q <= 1'b0;
      case (state_q)
        IDLE: if (start_i) begin
          e_q     <= esum_i;
          os_q    <= os_i;
          state_q <= INIT;
        end
        INIT: begin
          k_q     <= klen;
          rem_q   <= {1'b0, lead};
          quo_q   <= 17'd0;
          step_q  <= 5'd0;
          state_q <= DIV;
        end
        DIV: begin
          rem_q  <= rem_d;
          quo_q  <= {quo_q[15:0], ge};
          step_q <= step_q + 5'd1;
          if (step_q == 5'd16) begin
            step_q  <= 5'd0;
            state_q <= MUL;
          end
        end
        default: begin   // MUL: wait for the product
          if (step_q == MUL_LAST) begin
            r_q     <= k_q == {K_W{1'b0}} ? 17'd0 : quo_q;
            g_q     <= k_q == {K_W{1'b0}} ? 24'd0 : acc_q[39:16];
            done_q  <= 1'b1;
            state_q <= IDLE;
          end else begin
            step_q <= step_q + 5'd1;
          end
        end
      endcase
    end
  end

  // G drops the product's 16 fraction bits.
  wire unused = |acc_q[15:0];

  assign ready_o = state_q == IDLE;
  assign done_o  = done_q;
  assign k_o     = k_q;
  assign r_o     = r_q;
  assign g_o     = g_q;
endmodule
