// SPDX-License-Identifier: MIT
// 0-bit compensation unit (golden/vssa.h section 15). While a key set loads
// it counts the pruned keys (kept keys without planes) and sums their keys
// and values, one signed accumulator per element. The key that closes the
// set starts the virtual key:
//   rc     = floor(2^24 / c), 25 restoring steps, one quotient bit a cycle
//            (rc = 0 when c = 0);
//   kbar_t = (ksum_t * rc + 2^23) >> 24, one element a cycle: the multiply,
//            then the rounding add a cycle later.
// busy_o is high for the 26 + D cycles after the closing key (COMP_CYCLES).
// The vectors rotate instead of being selected, so no D-way multiplexer is
// needed: kbar_o is element t of the virtual key, t the kstep_i pulses since
// the set was ready modulo D (the score stage steps once per element of a
// block's first plane sweep), and vsum_o element t of the value sum, t the
// vstep_i pulses modulo D (one per output stage row, D per block).
module vssa_comp #(
  parameter integer D      = 16,
  parameter integer T_W    = 4,    // holds 0..D-1
  parameter integer KCNT_W = 7,    // holds 0..MAX_SEQ
  parameter integer VS_W   = 15    // a sum: 8 + KCNT_W bits, signed
) (
  input  wire              clk_i,
  input  wire              rst_ni,
  input  wire              clear_i,   // a new key set begins
  input  wire              put_i,     // a kept key is taken
  input  wire              pruned_i,  // ... and has no planes
  input  wire [D*8-1:0]    k_i,
  input  wire [D*8-1:0]    v_i,
  input  wire              close_i,   // the key closing the set is taken
  output wire              busy_o,
  output wire [KCNT_W-1:0] count_o,   // c: pruned keys of the set
  input  wire              kstep_i,
  output wire [7:0]        kbar_o,
  input  wire              vstep_i,
  output wire [VS_W-1:0]   vsum_o
);
  // Parameter checks, at elaboration: an inconsistent instance stops the
  // simulation at time 0, and Yosys refuses it.
  initial begin
    if (!(D >= 1 && (1 << T_W) >= D && KCNT_W >= 1 && VS_W >= 8 + KCNT_W)) begin
      $display("ERROR: %m: parameters: need 2^T_W >= D, VS_W >= 8 + KCNT_W");
      $finish;
    end
  end

  localparam [1:0]   IDLE = 2'd0, DIV = 2'd1, MUL = 2'd2;
  localparam integer P_W  = VS_W + 26;
  localparam integer   DM1   = D - 1;
  localparam [T_W-1:0] TLAST = DM1[T_W-1:0];
  localparam [P_W-1:0] HALF  = {{(P_W - 24){1'b0}}, 1'b1, 23'd0};   // 2^23

  reg [1:0]        state_q;
  reg [4:0]        step_q;
  reg [T_W-1:0]    t_q;
  reg [KCNT_W-1:0] cnt_q;
  reg [KCNT_W-1:0] rem_q;      // < c
  reg [24:0]       rc_q;
  reg signed [P_W-1:0] prod_q;
  reg              pv_q;           // prod_q holds an element to round

  wire             add  = put_i && pruned_i;
  wire             mul  = state_q == MUL;

  // ---- the divider and the element walk
  wire [KCNT_W:0]  rem_sh = {rem_q, step_q == 5'd24};
  wire             ge     = cnt_q != {KCNT_W{1'b0}} && rem_sh >= {1'b0, cnt_q};
  wire [KCNT_W:0]  rem_d  = ge ? rem_sh - {1'b0, cnt_q} : rem_sh;

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q <= IDLE;
      step_q  <= 5'd0;
      t_q     <= {T_W{1'b0}};
      rem_q   <= {KCNT_W{1'b0}};
      rc_q    <= 25'd0;
    end else begin
      case (state_q)
        IDLE: if (close_i) begin
          state_q <= DIV;
          step_q  <= 5'd24;
          rem_q   <= {KCNT_W{1'b0}};
        end
        DIV: begin
          rem_q  <= rem_d[KCNT_W-1:0];
          rc_q   <= {rc_q[23:0], ge};
          step_q <= step_q - 5'd1;
          if (step_q == 5'd0) begin
            state_q <= MUL;
            t_q     <= {T_W{1'b0}};
          end
        end
        default: begin
          t_q <= t_q + 1'b1;
          if (t_q == TLAST) begin
            state_q <= IDLE;
          end
        end
      endcase
    end
  end

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      cnt_q <= {KCNT_W{1'b0}};
    end else if (clear_i) begin
      cnt_q <= {KCNT_W{1'b0}};
    end else if (add) begin
      cnt_q <= cnt_q + 1'b1;
    end
  end

  // ---- one element a cycle: the multiply, then the rounding
  reg  [VS_W*D-1:0] ksum_q, vsum_q;
  reg  [D*8-1:0]    kbar_q;
  wire signed [VS_W-1:0] k0 = $signed(ksum_q[VS_W-1:0]);
  wire signed [P_W-1:0]  rnd = prod_q + $signed(HALF);

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      pv_q   <= 1'b0;
      prod_q <= {P_W{1'b0}};
    end else begin
      pv_q <= mul;
      if (mul) begin
        prod_q <= $signed({{26{k0[VS_W-1]}}, k0}) * $signed({{VS_W{1'b0}}, 1'b0, rc_q});
      end
    end
  end

  genvar t;
  generate
    for (t = 0; t < D; t = t + 1) begin : g_elem
      wire signed [7:0] k = $signed(k_i[t*8 +: 8]);
      wire signed [7:0] v = $signed(v_i[t*8 +: 8]);
      wire [VS_W-1:0]   ks = ksum_q[t*VS_W +: VS_W];
      wire [VS_W-1:0]   vs = vsum_q[t*VS_W +: VS_W];
      // Rotation towards element 0: element t takes element t+1's sum.
      wire [VS_W-1:0]   knext = ksum_q[((t + 1) % D)*VS_W +: VS_W];
      wire [VS_W-1:0]   vnext = vsum_q[((t + 1) % D)*VS_W +: VS_W];

      always @(posedge clk_i or negedge rst_ni) begin
        if (!rst_ni) begin
          ksum_q[t*VS_W +: VS_W] <= {VS_W{1'b0}};
        end else if (clear_i) begin
          ksum_q[t*VS_W +: VS_W] <= {VS_W{1'b0}};
        end else if (add) begin
          ksum_q[t*VS_W +: VS_W] <= ks + {{(VS_W - 8){k[7]}}, k};
        end else if (mul) begin
          ksum_q[t*VS_W +: VS_W] <= knext;
        end
      end

      always @(posedge clk_i or negedge rst_ni) begin
        if (!rst_ni) begin
          vsum_q[t*VS_W +: VS_W] <= {VS_W{1'b0}};
        end else if (clear_i) begin
          vsum_q[t*VS_W +: VS_W] <= {VS_W{1'b0}};
        end else if (add) begin
          vsum_q[t*VS_W +: VS_W] <= vs + {{(VS_W - 8){v[7]}}, v};
        end else if (vstep_i) begin
          vsum_q[t*VS_W +: VS_W] <= vnext;
        end
      end

      // kbar fills from the top as its elements are rounded, so element 0
      // is at the bottom after D of them; kstep_i rotates it like the sums.
      wire [7:0] kin;
      if (t == D - 1) begin : g_top
        assign kin = pv_q ? rnd[31:24] : kbar_q[7:0];
      end else begin : g_next
        assign kin = kbar_q[(t + 1)*8 +: 8];
      end
      always @(posedge clk_i or negedge rst_ni) begin
        if (!rst_ni) begin
          kbar_q[t*8 +: 8] <= 8'd0;
        end else if (pv_q || kstep_i) begin
          kbar_q[t*8 +: 8] <= kin;
        end
      end
    end
  endgenerate

  // Bits of the rounded product outside kbar only repeat its sign, and the
  // bottom 24 are the dropped fraction.
  wire unused = ^{rnd[P_W-1:32], rnd[23:0], rem_d[KCNT_W]};

  assign busy_o  = state_q != IDLE || pv_q;
  assign count_o = cnt_q;
  assign kbar_o  = kbar_q[7:0];
  assign vsum_o  = vsum_q[VS_W-1:0];
endmodule
