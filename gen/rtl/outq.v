// Output stage: turns a block's P.V rows into O rows (golden/vssa.h
// sections 10 and 11). The drain delivers D rows, head dimension t = 0, 1,
// ..., each with the floor part of A for every column; each column adds its
// midpoint sum C, requantizes with its row's gain (vssa_requant) and shifts
// the byte into its D-byte output register. The registers then shift, one
// column per beat, towards column 0, whose register is the beat: query
// index and D int8 elements, the block's last query marked last. A block
// whose value list is empty (none_i) has A = 0: its rows are all zero.
// Under COMP with the virtual key on (zon_i, section 15) every row t also
// gains e_z * vsum_t (vsum_i: element t of the pruned values' sum, stepped
// by vstep_o): the product and A's first add in one stage, their sum in the
// next. A block with an empty value list then runs D rows of zeros through
// the same stages, one a cycle.
module vssa_outq #(
  parameter integer COLS   = 4,
  parameter integer D      = 16,
  parameter integer ACC_W  = 22,
  parameter integer PV_W   = 22,
  parameter integer C_W    = 20,
  parameter integer K_W    = 4,
  parameter integer IDX_W  = 6,
  parameter integer T_W    = 4,
  parameter integer QCNT_W = 3,
  parameter integer VS_W   = 15,
  parameter integer COMP   = 0,
  // latencies (golden/arch.c): the requantizer's, and the last P.V row to
  // its O row offered, OUT_LAT = RQ_LAT + 2 + COMP
  parameter integer RQ_MUL_LAT = 3,
  parameter integer RQ_LAT     = 5,
  parameter integer OUT_LAT    = 7
) (
  input  wire                  clk_i,
  input  wire                  rst_ni,
  input  wire                  start_i,     // P.V starts: clear the rows
  input  wire                  none_i,      // ... and has no rows to come
  input  wire [QCNT_W-1:0]     nq_i,        // queries in the block (1..COLS)
  input  wire [COLS*IDX_W-1:0] qidx_i,      // their indices, held from start_i
  input  wire [COLS*C_W-1:0]   c_i,         // taken at start_i, with G, k and e_z:
  input  wire [COLS*24-1:0]    g_i,         // the next block's softmax computes
  input  wire [COLS*K_W-1:0]   k_i,         // its own meanwhile
  // the virtual key (COMP)
  input  wire                  zon_i,
  input  wire [COLS*8-1:0]     ez_i,
  input  wire [VS_W-1:0]       vsum_i,
  output wire                  vstep_o,     // a row enters: the next vsum_t
  // P.V rows from the drain, always taken
  input  wire                  valid_i,
  input  wire [COLS*ACC_W-1:0] sums_i,
  // O rows
  output wire                  out_valid_o,
  input  wire                  out_ready_i,
  output wire                  out_last_o,
  output wire [IDX_W-1:0]      out_idx_o,
  output wire [D*8-1:0]        out_data_o,
  output wire                  done_o       // the block's last O row was taken
);
  // Parameter checks, at elaboration: an inconsistent instance stops the
  // simulation at time 0, and Yosys refuses it.
  initial begin
    if (!(COLS >= 1 && (1 << QCNT_W) > COLS && D >= 1 && (1 << T_W) >= D && ACC_W >= PV_W &&
          PV_W >= 16 && C_W >= 1 && K_W >= 1 && IDX_W >= 1 && VS_W >= 9 &&
          (COMP == 0 || COMP == 1) && OUT_LAT == RQ_LAT + 2 + COMP)) begin
      $display("ERROR: %m: parameters: need 2^QCNT_W > COLS, 2^T_W >= D, ACC_W >= PV_W >= 16, VS_W >= 9, COMP 0 or 1, OUT_LAT = RQ_LAT + 2 + COMP");
      $finish;
    end
  end

  reg               av_q, av2_q, emit_q, done_q;
  reg [T_W:0]       rows_q, gen_q;
  reg [QCNT_W-1:0]  sent_q;
  wire [COLS-1:0]   ov;
  wire              take = emit_q && out_ready_i;
  wire              last = sent_q == nq_i - 1'b1;
  localparam [T_W:0] DROWS = D[T_W:0];

  // Rows of zeros for an empty value list with the virtual key on.
  wire gen   = COMP != 0 && none_i && zon_i;
  wire gen_v = gen_q != {(T_W + 1){1'b0}};
  wire row   = valid_i || gen_v;
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      gen_q <= {(T_W + 1){1'b0}};
    end else if (gen) begin
      gen_q <= DROWS;
    end else if (gen_v) begin
      gen_q <= gen_q - 1'b1;
    end
  end

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      av_q   <= 1'b0;
      emit_q <= 1'b0;
      done_q <= 1'b0;
      rows_q <= {(T_W + 1){1'b0}};
      sent_q <= {QCNT_W{1'b0}};
    end else begin
      av_q   <= row;
      av2_q  <= av_q;
      done_q <= take && last;
      if (start_i) begin
        rows_q <= {(T_W + 1){1'b0}};
        sent_q <= {QCNT_W{1'b0}};
      end else begin
        if (ov[0]) begin
          rows_q <= rows_q + 1'b1;
        end
        if (take) begin
          sent_q <= sent_q + 1'b1;
        end
      end
      if ((none_i && !gen) || (ov[0] && rows_q == DROWS - 1'b1)) begin
        emit_q <= 1'b1;
      end else if (take && last) begin
        emit_q <= 1'b0;
      end
    end
  end

  // Every column's register; past the last column the chain shifts in zeros.
  wire [(COLS+1)*D*8-1:0]   o_all;
  wire [(COLS+1)*IDX_W-1:0] idx_all;
  assign o_all[COLS*D*8 +: D*8]     = {(D * 8){1'b0}};
  assign idx_all[COLS*IDX_W +: IDX_W] = {IDX_W{1'b0}};

  genvar c;
  generate
    for (c = 0; c < COLS; c = c + 1) begin : g_col
      reg  [PV_W-1:0]  a_q;
      reg  [D*8-1:0]   o_q;
      reg  [IDX_W-1:0] idx_q;
      wire [7:0]       o;
      // The row's softmax results, held for the block.
      reg  [C_W-1:0]   c_q;
      reg  [23:0]      g_q;
      reg  [K_W-1:0]   k_q;
      reg  [7:0]       ez_q;
      always @(posedge clk_i) begin
        if (start_i) begin
          c_q  <= c_i[c*C_W +: C_W];
          g_q  <= g_i[c*24 +: 24];
          k_q  <= k_i[c*K_W +: K_W];
          ez_q <= ez_i[c*8 +: 8];
        end
      end

      wire [ACC_W-1:0] sum = valid_i ? sums_i[c*ACC_W +: ACC_W] : {ACC_W{1'b0}};
      wire [PV_W-1:0]  a1  = sum[PV_W-1:0] + {{(PV_W - C_W){1'b0}}, c_q};
      wire [PV_W-1:0]  a;
      wire             av;

      // A = floor part + midpoint sum: the one wide add of the stage
      if (COMP != 0) begin : g_comp
        reg [PV_W-1:0] s_q, zp_q;
        always @(posedge clk_i) begin
          s_q  <= a1;
          zp_q <= $unsigned($signed({{(PV_W - 9){1'b0}}, 1'b0, ez_q}) *
                            $signed({{(PV_W - VS_W){vsum_i[VS_W-1]}}, vsum_i}));
          a_q  <= s_q + zp_q;
        end
        assign av = av2_q;
      end else begin : g_plain
        always @(posedge clk_i) begin
          a_q <= a1;
        end
        assign av = av_q;
        wire unused_ez = ^ez_q;   // e_z exists only under COMP
      end
      assign a = a_q;

      vssa_requant #(
        .A_W        (PV_W),
        .K_W        (K_W),
        .RQ_MUL_LAT (RQ_MUL_LAT),
        .RQ_LAT     (RQ_LAT)
      ) u_requant (
        .clk_i   (clk_i),
        .rst_ni  (rst_ni),
        .valid_i (av),
        .a_i     (a),
        .g_i     (g_q),
        .k_i     (k_q),
        .valid_o (ov[c]),
        .o_o     (o)
      );

      wire [D*8-1:0] o_in;
      if (D > 1) begin : g_shift
        assign o_in = {o, o_q[D*8-1:8]};
      end else begin : g_single
        assign o_in = o;
      end

      always @(posedge clk_i or negedge rst_ni) begin
        if (!rst_ni) begin
          o_q   <= {(D * 8){1'b0}};
          idx_q <= {IDX_W{1'b0}};
        end else if (start_i) begin
          o_q   <= {(D * 8){1'b0}};
          idx_q <= qidx_i[c*IDX_W +: IDX_W];
        end else if (ov[c]) begin
          o_q   <= o_in;
        end else if (take) begin
          o_q   <= o_all[(c+1)*D*8 +: D*8];
          idx_q <= idx_all[(c+1)*IDX_W +: IDX_W];
        end
      end

      assign o_all[c*D*8 +: D*8]       = o_q;
      assign idx_all[c*IDX_W +: IDX_W] = idx_q;

      // Bits of the floor part above PV_W only repeat its sign.
      if (ACC_W > PV_W) begin : g_unused
        wire unused = ^sum[ACC_W-1:PV_W];
      end
    end
  endgenerate

  assign out_valid_o = emit_q;
  assign out_last_o  = last;
  assign out_idx_o   = idx_all[0 +: IDX_W];
  assign out_data_o  = o_all[0 +: D*8];
  assign done_o      = done_q;
  assign vstep_o     = row;

  // Without COMP the virtual key's inputs and the second stage are unused.
  wire unused_comp = ^{zon_i, ez_i, vsum_i, av2_q};
endmodule
