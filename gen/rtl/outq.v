// SPDX-License-Identifier: MIT
// Output stage: turns a block's P.V rows into O rows (golden/vssa.h
// sections 10 and 11). The drain delivers D rows, head dimension t = 0, 1,
// ..., each with the floor part of A for every column, always taken. The
// columns form groups of SM_SHARE members (the last group padded), and
// each group has one row buffer (a RAM of D words, a member's floor part
// per slice) and one requantizer (vssa_requant). A row is written into
// every group's buffer as it arrives; the groups then requantize it in
// lockstep, member j in the j-th of SM_SHARE slots: read the word, add the
// member's midpoint sum C, requantize with its gain G and shift k, and
// shift the byte into the member's D-byte output register. Rows that
// arrive faster than SM_SHARE cycles apart wait in the buffer. Once the
// last row's last member is done, the registers shift, one column per
// beat, towards column 0, whose register is the beat: query index and D
// int8 elements, the block's last query marked last. A block whose value
// list is empty (none_i) has A = 0: its rows are all zero, which a flag
// (zero_q) makes of the beat; every other block overwrites all D bytes of
// every column, so the output registers need neither a clear nor a reset.
// Under COMP with the virtual key on (zon_i, section 15) every element also
// gains e_z * vsum_t (vsum_i: element t of the pruned values' sum, stepped
// by vstep_o after a row's last member): the product beside the member's
// select, A's first add in the next stage, their sum in the one after. A
// block with an empty value list then writes D rows of zeros, one a cycle,
// and runs them the same way.
//
// Timing (golden/plan.c): row t arriving in cycle v_t has its first slot in
// s_t = max(v_t + 1, s_(t-1) + SM_SHARE); the first O row is offered
// OUT_LAT = RQ_LAT + 4 + COMP cycles after the last row's last slot,
// s_(D-1) + SM_SHARE - 1 (the read, the member's select, the add of C, the
// requantizer, the byte's shift). Select and add take a stage each: a
// SM_SHARE-way mux of PV_W-bit words in front of a PV_W-bit add does not
// fit one ECP5 cycle at 100 MHz.
module vssa_outq #(
  parameter integer COLS     = 4,
  parameter integer D        = 16,
  parameter integer ACC_W    = 22,
  parameter integer PV_W     = 22,
  parameter integer C_W      = 20,
  parameter integer K_W      = 4,
  parameter integer IDX_W    = 6,
  parameter integer T_W      = 4,
  parameter integer QCNT_W   = 3,
  parameter integer VS_W     = 15,
  parameter integer COMP     = 0,
  parameter integer SM_SHARE = 4,    // columns a requantizer serves
  // latencies (golden/arch.c): the requantizer's, and a slot to its O row
  // offered, OUT_LAT = RQ_LAT + 4 + COMP
  parameter integer RQ_MUL_LAT = 3,
  parameter integer RQ_LAT     = 5,
  parameter integer OUT_LAT    = 9
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
  output wire                  vstep_o,     // a row is done with vsum_t: the next
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
          (COMP == 0 || COMP == 1) && SM_SHARE >= 1 && SM_SHARE <= COLS &&
          OUT_LAT == RQ_LAT + 4 + COMP)) begin
      $display("ERROR: %m: parameters: need 2^QCNT_W > COLS, 2^T_W >= D, ACC_W >= PV_W >= 16, VS_W >= 9, COMP 0 or 1, 1 <= SM_SHARE <= COLS, OUT_LAT = RQ_LAT + 4 + COMP");
      $finish;
    end
  end

  localparam integer   NU       = (COLS + SM_SHARE - 1) / SM_SHARE;   // requantizers
  localparam integer   CP       = NU * SM_SHARE;    // columns, padded to whole groups
  localparam integer   J_W      = SM_SHARE > 1 ? $clog2(SM_SHARE) : 1;
  localparam integer   J_LAST_I = SM_SHARE - 1;
  localparam [J_W-1:0] J_LAST   = J_LAST_I[J_W-1:0];
  localparam [T_W:0]   DROWS    = D[T_W:0];
  localparam integer   SL_W     = J_W + 2;          // a slot's {last, member, valid}
  localparam integer   AL       = 2 + COMP;         // select to requantizer input

  reg               emit_q, done_q, zero_q;
  reg [T_W:0]       gen_q, wr_q, rd_q;
  reg [J_W-1:0]     j_q;
  reg [QCNT_W-1:0]  sent_q;
  wire              take = emit_q && out_ready_i;
  wire              last = sent_q == nq_i - 1'b1;

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

  // ---- slots: rows written (wr_q), rows whose slots are issued (rd_q), the
  // member of the next slot (j_q)
  wire           issue     = rd_q != wr_q;
  wire           row_done  = issue && j_q == J_LAST;
  wire           blk_last  = row_done && rd_q == DROWS - 1'b1;
  wire [T_W-1:0] waddr     = wr_q[T_W-1:0];
  wire [T_W-1:0] raddr     = rd_q[T_W-1:0];
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      wr_q <= {(T_W + 1){1'b0}};
      rd_q <= {(T_W + 1){1'b0}};
      j_q  <= {J_W{1'b0}};
    end else if (start_i) begin
      wr_q <= {(T_W + 1){1'b0}};
      rd_q <= {(T_W + 1){1'b0}};
      j_q  <= {J_W{1'b0}};
    end else begin
      if (row) begin
        wr_q <= wr_q + 1'b1;
      end
      if (row_done) begin
        rd_q <= rd_q + 1'b1;
        j_q  <= {J_W{1'b0}};
      end else if (issue) begin
        j_q  <= j_q + 1'b1;
      end
    end
  end

  // A slot's {last, member, valid} through the read (stage 1), the select
  // and adds (stages 2..1+AL) and the requantizer (RQ_LAT more).
  localparam integer NS = 1 + AL + RQ_LAT;
  wire [NS*SL_W-1:0] sl_q;
  vssa_delay #(
    .WIDTH (SL_W),
    .DEPTH (NS),
    .RESET (1)
  ) u_slots (
    .clk_i  (clk_i),
    .rst_ni (rst_ni),
    .d_i    ({blk_last, j_q, issue}),
    .taps_o (sl_q)
  );
  // stage 1 (the word read), stage 1+AL (the requantizer's input), the end
  wire             v1   = sl_q[0];
  wire [J_W-1:0]   j1   = sl_q[1 +: J_W];
  wire [J_W-1:0]   ja   = sl_q[(AL-1)*SL_W + 1 +: J_W];
  wire             vo   = sl_q[(NS-1)*SL_W];
  wire [J_W-1:0]   jo   = sl_q[(NS-1)*SL_W + 1 +: J_W];
  wire             lo   = sl_q[(NS-1)*SL_W + 1 + J_W];

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      emit_q <= 1'b0;
      done_q <= 1'b0;
      zero_q <= 1'b0;
      sent_q <= {QCNT_W{1'b0}};
    end else begin
      done_q <= take && last;
      if (start_i) begin
        zero_q <= 1'b0;
      end else if (none_i && !gen) begin
        zero_q <= 1'b1;
      end
      if (start_i) begin
        sent_q <= {QCNT_W{1'b0}};
      end else if (take) begin
        sent_q <= sent_q + 1'b1;
      end
      if ((none_i && !gen) || (vo && lo)) begin
        emit_q <= 1'b1;
      end else if (take && last) begin
        emit_q <= 1'b0;
      end
    end
  end

  // The row's softmax results of every column, held for the block, padded
  // to whole groups (a padding member's slots run and are dropped).
  wire [CP*C_W-1:0]   c_pad;
  wire [CP*24-1:0]    g_pad;
  wire [CP*K_W-1:0]   k_pad;
  wire [CP*8-1:0]     ez_pad;
  wire [CP*PV_W-1:0]  f_pad;     // the arriving row's floor parts
  wire [CP*8-1:0]     o_byte;    // each column's requantized byte, when its
  wire [CP-1:0]       o_valid;   // group's result is its member's

  // Every column's register; past the last column the chain shifts in zeros.
  wire [(COLS+1)*D*8-1:0]   o_all;
  wire [(COLS+1)*IDX_W-1:0] idx_all;
  assign o_all[COLS*D*8 +: D*8]     = {(D * 8){1'b0}};
  assign idx_all[COLS*IDX_W +: IDX_W] = {IDX_W{1'b0}};

  genvar c, u;
  generate
    for (c = 0; c < COLS; c = c + 1) begin : g_col
      reg  [D*8-1:0]   o_q;
      reg  [IDX_W-1:0] idx_q;
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
      assign c_pad[c*C_W +: C_W] = c_q;
      assign g_pad[c*24 +: 24]   = g_q;
      assign k_pad[c*K_W +: K_W] = k_q;
      assign ez_pad[c*8 +: 8]    = ez_q;

      wire [ACC_W-1:0] sum = valid_i ? sums_i[c*ACC_W +: ACC_W] : {ACC_W{1'b0}};
      assign f_pad[c*PV_W +: PV_W] = sum[PV_W-1:0];
      // Bits of the floor part above PV_W only repeat its sign.
      if (ACC_W > PV_W) begin : g_unused
        wire unused = ^sum[ACC_W-1:PV_W];
      end

      wire [D*8-1:0] o_in;
      if (D > 1) begin : g_shift
        assign o_in = {o_byte[c*8 +: 8], o_q[D*8-1:8]};
      end else begin : g_single
        assign o_in = o_byte[c*8 +: 8];
      end

      always @(posedge clk_i) begin
        if (o_valid[c]) begin
          o_q <= o_in;
        end else if (take) begin
          o_q <= o_all[(c+1)*D*8 +: D*8];
        end
        if (start_i) begin
          idx_q <= qidx_i[c*IDX_W +: IDX_W];
        end else if (take) begin
          idx_q <= idx_all[(c+1)*IDX_W +: IDX_W];
        end
      end

      assign o_all[c*D*8 +: D*8]       = o_q;
      assign idx_all[c*IDX_W +: IDX_W] = idx_q;
    end

    for (c = COLS; c < CP; c = c + 1) begin : g_padcol
      assign c_pad[c*C_W +: C_W] = {C_W{1'b0}};
      assign g_pad[c*24 +: 24]   = 24'd0;
      assign k_pad[c*K_W +: K_W] = {K_W{1'b0}};
      assign ez_pad[c*8 +: 8]    = 8'd0;
      assign f_pad[c*PV_W +: PV_W] = {PV_W{1'b0}};
      wire unused_pad = ^{o_byte[c*8 +: 8], o_valid[c]};
    end

    for (u = 0; u < NU; u = u + 1) begin : g_unit
      // ---- the group's row buffer: a member's floor part per slice
      wire [SM_SHARE*PV_W-1:0] word;
      vssa_ram #(
        .WIDTH  (SM_SHARE * PV_W),
        .DEPTH  (D),
        .ADDR_W (T_W)
      ) u_rows (
        .clk_i   (clk_i),
        .we_i    (row),
        .waddr_i (waddr),
        .wdata_i (f_pad[u*SM_SHARE*PV_W +: SM_SHARE*PV_W]),
        .raddr_i (raddr),
        .rdata_o (word)
      );

      // ---- stage 2: the member's floor part and its C selected; stage 3:
      // their sum (the one wide add). Its gain and shift are selected for
      // the requantizer's input stage.
      wire [SM_SHARE*C_W-1:0] c_grp  = c_pad[u*SM_SHARE*C_W +: SM_SHARE*C_W];
      wire [SM_SHARE*24-1:0]  g_grp  = g_pad[u*SM_SHARE*24 +: SM_SHARE*24];
      wire [SM_SHARE*K_W-1:0] k_grp  = k_pad[u*SM_SHARE*K_W +: SM_SHARE*K_W];
      wire [SM_SHARE*8-1:0]   ez_grp = ez_pad[u*SM_SHARE*8 +: SM_SHARE*8];
      reg  [PV_W-1:0] f_q;
      reg  [C_W-1:0]  c_q;
      reg  [PV_W-1:0] a_q;
      reg  [23:0]     g_q;
      reg  [K_W-1:0]  k_q;
      wire [PV_W-1:0] f_sel;
      wire [C_W-1:0]  c_sel;
      wire [23:0]     g_sel;
      wire [K_W-1:0]  k_sel;
      vssa_sel #(.WIDTH (PV_W), .N (SM_SHARE), .SEL_W (J_W)) u_fsel (
        .d_i (word), .sel_i (j1), .q_o (f_sel));
      vssa_sel #(.WIDTH (C_W), .N (SM_SHARE), .SEL_W (J_W)) u_csel (
        .d_i (c_grp), .sel_i (j1), .q_o (c_sel));
      vssa_sel #(.WIDTH (24), .N (SM_SHARE), .SEL_W (J_W)) u_gsel (
        .d_i (g_grp), .sel_i (ja), .q_o (g_sel));
      vssa_sel #(.WIDTH (K_W), .N (SM_SHARE), .SEL_W (J_W)) u_ksel (
        .d_i (k_grp), .sel_i (ja), .q_o (k_sel));
      always @(posedge clk_i) begin
        f_q <= f_sel;
        c_q <= c_sel;
        g_q <= g_sel;
        k_q <= k_sel;
      end
      wire [PV_W-1:0] a1 = f_q + {{(PV_W - C_W){1'b0}}, c_q};

      if (COMP != 0) begin : g_comp
        // stage 2 also forms e_z * vsum_t, stage 3 holds it, stage 4 adds
        wire [7:0]      ez_sel;
        vssa_sel #(.WIDTH (8), .N (SM_SHARE), .SEL_W (J_W)) u_zsel (
          .d_i (ez_grp), .sel_i (j1), .q_o (ez_sel));
        reg  [PV_W-1:0] s_q, zp_q, zh_q;
        always @(posedge clk_i) begin
          zp_q <= $unsigned($signed({{(PV_W - 9){1'b0}}, 1'b0, ez_sel}) *
                            $signed({{(PV_W - VS_W){vsum_i[VS_W-1]}}, vsum_i}));
          s_q  <= a1;
          zh_q <= zp_q;
          a_q  <= s_q + zh_q;
        end
      end else begin : g_plain
        always @(posedge clk_i) begin
          a_q <= a1;
        end
        wire unused_ez = ^ez_grp;   // e_z exists only under COMP
      end

      // ---- the requantizer; its result belongs to member jo
      wire       rq_v;
      wire [7:0] rq_o;
      vssa_requant #(
        .A_W        (PV_W),
        .K_W        (K_W),
        .RQ_MUL_LAT (RQ_MUL_LAT),
        .RQ_LAT     (RQ_LAT)
      ) u_requant (
        .clk_i   (clk_i),
        .rst_ni  (rst_ni),
        .valid_i (sl_q[AL*SL_W]),
        .a_i     (a_q),
        .g_i     (g_q),
        .k_i     (k_q),
        .valid_o (rq_v),
        .o_o     (rq_o)
      );
      wire unused_rq = rq_v;   // every group's slots run in lockstep: vo

      genvar m;
      for (m = 0; m < SM_SHARE; m = m + 1) begin : g_mem
        localparam [J_W-1:0] M = m;
        assign o_byte[(u*SM_SHARE + m)*8 +: 8] = rq_o;
        assign o_valid[u*SM_SHARE + m]         = vo && jo == M;
      end
    end
  endgenerate

  assign out_valid_o = emit_q;
  assign out_last_o  = last;
  assign out_idx_o   = idx_all[0 +: IDX_W];
  assign out_data_o  = zero_q ? {(D * 8){1'b0}} : o_all[0 +: D*8];
  assign done_o      = done_q;
  assign vstep_o     = v1 && j1 == J_LAST;

  // Without COMP the virtual key's inputs are unused.
  wire unused_comp = ^{zon_i, vsum_i};
endmodule
