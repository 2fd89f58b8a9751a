// SPDX-License-Identifier: MIT
// One lane: a row of PEs working on one key token at a time (Q.K^T), or on
// one head dimension of every value token in turn (P.V). The lane owns a
// key bank (STAGE_B bytes a word: token slot s at bytes s*D .. s*D+D-1,
// element t of a word at bits [8*(t % STAGE_B) +: 8]) and the slots'
// metadata, so any token may go to any lane, and a value bank: element
// LANE + tt*ROWS of value token j at address tt*MAX_SEQ + j. A token arrives
// whole and is written into the bank a word (STAGE_B bytes, at most 4) per
// cycle from a staging register; a read selects the byte it needs, so the
// bank stays narrow while a key is staged in D/STAGE_B cycles.
// Stages: 1 the issued operation (the sequencer's registers) addresses the
// banks; 2 the reads; 3 the bytes registered beside the RAMs; 4 the
// executing plane's digit registered beside the PEs, and the product;
// 5 (LANE_LAT, the capture stage) the accumulate.
// The lane registers its own copy of the sequencer's control at every stage,
// so the broadcast fans out to one register per lane. The lane runs
// at its token's speed: it multiplies only while the executing plane is below
// its token's plane count.
module vssa_lane #(
  parameter integer LANE       = 0,
  parameter integer COLS       = 4,
  parameter integer D          = 16,
  parameter integer DIGIT      = 4,
  parameter integer MAX_PLANES = 2,
  parameter integer ACC_W      = 22,
  parameter integer SLOTS      = 17,
  parameter integer SLOT_W     = 5,
  parameter integer KADDR_W    = 9,
  parameter integer T_W        = 4,
  parameter integer PLANE_W    = 2,
  parameter integer IDX_W      = 6,
  parameter integer FILL_W     = 3,
  parameter integer VDEPTH     = 256,
  parameter integer VADDR_W    = 8,
  parameter integer STAGE_B    = 4,   // bytes staged a cycle: 1, 2 or 4, dividing D
  parameter integer LANE_LAT   = 5    // the capture stage: this lane's stages
) (
  input  wire                  clk_i,
  input  wire                  rst_ni,
  // load: a token placed in this lane
  input  wire                  meta_we_i,     // record the slot's planes and index
  input  wire                  kv_ld_i,       // stage the token's elements for the bank
  input  wire [SLOT_W-1:0]     ld_slot_i,
  input  wire [KADDR_W-1:0]    ld_base_i,     // ld_slot_i * D
  input  wire [PLANE_W-1:0]    ld_planes_i,
  input  wire [IDX_W-1:0]      ld_idx_i,
  input  wire [D*8-1:0]        ld_data_i,
  output wire                  ld_free_o,     // kv_ld_i may be raised this cycle
  output wire                  ld_idle_o,     // no element waits to be written
  // value bank write (the value loader writes every lane at once)
  input  wire                  vw_we_i,
  input  wire [VADDR_W-1:0]    vw_addr_i,
  input  wire [7:0]            vw_data_i,
  // stage 1: the operation the sequencer issued
  input  wire                  s1_step_i,
  input  wire                  s1_pv_i,       // a P.V operation: read the value bank
  input  wire                  s1_first_i,
  input  wire                  s1_capture_i,
  input  wire [PLANE_W-1:0]    s1_plane_i,
  input  wire [FILL_W-1:0]     s1_lo_i,       // lanes below lo run slot a (P.V: the live lanes)
  input  wire [FILL_W-1:0]     s1_hi_i,       // lanes at or above hi run slot b
  input  wire [SLOT_W-1:0]     s1_slot_a_i,
  input  wire [SLOT_W-1:0]     s1_slot_b_i,
  input  wire [KADDR_W-1:0]    s1_addr_a_i,
  input  wire [KADDR_W-1:0]    s1_addr_b_i,
  input  wire [VADDR_W-1:0]    s1_vaddr_i,
  // stage 4: column operands (query elements or exponentials), 9 bits each
  input  wire [COLS*9-1:0]     q_i,
  // drain chain: rows move one lane down per shift
  input  wire                  shift_i,
  input  wire [COLS*ACC_W-1:0] chain_score_i,
  input  wire [IDX_W-1:0]      chain_idx_i,
  input  wire [PLANE_W-1:0]    chain_planes_i,
  input  wire                  chain_valid_i,
  output wire [COLS*ACC_W-1:0] row_score_o,
  output wire [IDX_W-1:0]      row_idx_o,
  output wire [PLANE_W-1:0]    row_planes_o,  // the key's planes (Q.K^T rows)
  output wire                  row_valid_o,
  // capture-stage activity, for the performance counters
  output wire                  busy_o,
  output wire                  stall_o
);
  // Parameter checks, at elaboration: an inconsistent instance stops the
  // simulation at time 0, and Yosys refuses it.
  initial begin
    if (!(LANE >= 0 && LANE < (1 << FILL_W) && COLS >= 1 && D >= 1 && (DIGIT == 1 || DIGIT == 2 || DIGIT == 4 || DIGIT == 8) &&
          (MAX_PLANES == 8 / DIGIT && (1 << PLANE_W) > MAX_PLANES) && ACC_W >= 16 &&
          SLOTS >= 1 && (1 << SLOT_W) >= SLOTS && (1 << KADDR_W) >= SLOTS * D &&
          (1 << T_W) >= D && IDX_W >= 1 && FILL_W >= 1 && VDEPTH >= 1 &&
          (1 << VADDR_W) >= VDEPTH && (STAGE_B == 1 || STAGE_B == 2 || STAGE_B == 4) &&
          D % STAGE_B == 0 && LANE_LAT == 5)) begin
      $display("ERROR: %m: parameters: need 0 <= LANE < 2^FILL_W; COLS, D >= 1; DIGIT 1, 2, 4 or 8 with MAX_PLANES = 8/DIGIT; ACC_W >= 16; 2^SLOT_W >= SLOTS, 2^KADDR_W >= SLOTS*D, 2^T_W >= D, 2^VADDR_W >= VDEPTH; STAGE_B 1, 2 or 4 dividing D; LANE_LAT = 5");
      $finish;
    end
  end

  localparam [FILL_W-1:0] ME   = LANE[FILL_W-1:0];
  localparam [31:0]       MAXP = MAX_PLANES;
  localparam [31:0]       DIG  = DIGIT;

  // ---- staging: one word (STAGE_B bytes) per cycle into the bank
  localparam integer SB    = STAGE_B == 4 ? 2 : STAGE_B == 2 ? 1 : 0;   // log2
  localparam integer WORDS = D / STAGE_B;
  localparam integer W_W   = KADDR_W > SB ? KADDR_W - SB : 1;   // word address
  reg [D*8-1:0]     stage_q;
  reg [W_W-1:0]     waddr_q;
  reg [T_W:0]       left_q;     // words still to write
  wire              writing = left_q != {(T_W + 1){1'b0}};
  wire [D*8-1:0]    stage_next;
  wire [KADDR_W-1:0] base_w = ld_base_i >> SB;   // slot * D is a whole word
  generate
    if (WORDS > 1) begin : g_shift
      assign stage_next = {{(8 * STAGE_B){1'b0}}, stage_q[D*8-1:8*STAGE_B]};
    end else begin : g_single
      assign stage_next = stage_q;
    end
  endgenerate

  // The free flag is registered from the counter's next value, so that the
  // loader's decision does not wait for a compare.
  reg [T_W:0] left_d;
  reg         free_q;
  always @* begin
    left_d = left_q;
    if (kv_ld_i) begin
      left_d = WORDS[T_W:0];
    end else if (writing) begin
      left_d = left_q - 1'b1;
    end
  end

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      left_q <= {(T_W + 1){1'b0}};
      free_q <= 1'b1;
    end else begin
      left_q <= left_d;
      free_q <= left_d <= {{T_W{1'b0}}, 1'b1};
    end
  end

  always @(posedge clk_i) begin
    if (kv_ld_i) begin
      stage_q <= ld_data_i;
      waddr_q <= base_w[W_W-1:0];
    end else if (writing) begin
      stage_q <= stage_next;
      waddr_q <= waddr_q + 1'b1;
    end
  end

  assign ld_free_o = free_q;
  assign ld_idle_o = !writing;

  // ---- stage 1 -> 2: bank and metadata reads
  wire is_a = ME < s1_lo_i;
  wire is_b = ME >= s1_hi_i;
  wire [7:0]               kbyte, vbyte;
  wire [PLANE_W+IDX_W-1:0] meta;

  // The bank is written a word (STAGE_B bytes) at a time and read a byte
  // at a time: byte t of slot s at s*D + t, with no byte select behind
  // the RAM.
  wire [KADDR_W-1:0] raddr  = is_a ? s1_addr_a_i : s1_addr_b_i;
  wire [31:0]        wbyte  = {{(32 - W_W){1'b0}}, waddr_q} << SB;
  vssa_ram #(
    .WIDTH  (8),
    .DEPTH  (SLOTS * D),
    .ADDR_W (KADDR_W),
    .RATIO  (STAGE_B)
  ) u_bank (
    .clk_i   (clk_i),
    .we_i    (writing),
    .waddr_i (wbyte[KADDR_W-1:0]),
    .wdata_i (stage_q[8*STAGE_B-1:0]),
    .raddr_i (raddr),
    .rdata_o (kbyte)
  );
  // Word addresses drop the byte bits; above W_W they are zero, and so are
  // the byte address's above KADDR_W.
  generate
    if (KADDR_W > W_W) begin : g_wide
      wire unused_hi = ^base_w[KADDR_W-1:W_W];
    end
  endgenerate
  wire unused_w = ^wbyte[31:KADDR_W];

  vssa_ram #(
    .WIDTH  (8),
    .DEPTH  (VDEPTH),
    .ADDR_W (VADDR_W)
  ) u_vbank (
    .clk_i   (clk_i),
    .we_i    (vw_we_i),
    .waddr_i (vw_addr_i),
    .wdata_i (vw_data_i),
    .raddr_i (s1_vaddr_i),
    .rdata_o (vbyte)
  );

  vssa_ram #(
    .WIDTH  (PLANE_W + IDX_W),
    .DEPTH  (SLOTS),
    .ADDR_W (SLOT_W)
  ) u_meta (
    .clk_i   (clk_i),
    .we_i    (meta_we_i),
    .waddr_i (ld_slot_i),
    .wdata_i ({ld_planes_i, ld_idx_i}),
    .raddr_i (is_a ? s1_slot_a_i : s1_slot_b_i),
    .rdata_o (meta)
  );

  reg               step2_q, pv2_q, first2_q, cap2_q, live2_q;
  reg [PLANE_W-1:0] plane2_q;
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      step2_q  <= 1'b0;
      pv2_q    <= 1'b0;
      first2_q <= 1'b0;
      cap2_q   <= 1'b0;
      live2_q  <= 1'b0;
      plane2_q <= {PLANE_W{1'b0}};
    end else begin
      step2_q  <= s1_step_i;
      pv2_q    <= s1_pv_i;
      first2_q <= s1_first_i;
      cap2_q   <= s1_capture_i;
      live2_q  <= is_a || is_b;
      plane2_q <= s1_plane_i;
    end
  end

  // ---- stage 2: the reads. The banks' bytes go straight into registers
  // beside the RAMs, so that the RAM's slow output meets no logic and the
  // long way to the PEs starts from a flip-flop (stage 3).
  reg [7:0]               kbyte3_q, vbyte3_q;
  reg [PLANE_W+IDX_W-1:0] meta3_q;
  always @(posedge clk_i) begin
    kbyte3_q <= kbyte;
    vbyte3_q <= vbyte;
    meta3_q  <= meta;
  end

  // Whether the lane computes, decided from the metadata read (a register)
  // and registered, so that the PEs' digit gate follows a flip-flop: the
  // lane holds a token with planes (any token in P.V), the plane is one of
  // its own (every plane in P.V), and an operation is in the stage.
  wire [PLANE_W-1:0] planes2   = meta[PLANE_W+IDX_W-1:IDX_W];
  wire               has2      = live2_q && (pv2_q || planes2 != {PLANE_W{1'b0}});
  wire               in_plane2 = pv2_q || plane2_q < planes2;
  // Stages 3 to LANE_LAT: {step, first, capture, has, in plane, multiply}.
  localparam integer CW = 6;
  wire [CW-1:0]            ctl2 = {step2_q, first2_q, cap2_q, has2, in_plane2,
                                   step2_q && has2 && in_plane2};
  wire [(LANE_LAT-2)*CW-1:0] ctl;
  vssa_delay #(.WIDTH (CW), .DEPTH (LANE_LAT - 2), .RESET (1)) u_ctl (
    .clk_i  (clk_i),
    .rst_ni (rst_ni),
    .d_i    (ctl2),
    .taps_o (ctl)
  );
  // The operation's plane and P.V flag, stages 3 and 4.
  wire [2*(PLANE_W+1)-1:0] pp;
  vssa_delay #(.WIDTH (PLANE_W + 1), .DEPTH (2), .RESET (1)) u_plane (
    .clk_i  (clk_i),
    .rst_ni (rst_ni),
    .d_i    ({pv2_q, plane2_q}),
    .taps_o (pp)
  );
  wire [PLANE_W-1:0] plane3 = pp[PLANE_W-1:0];
  wire               pv3    = pp[PLANE_W];
  wire [PLANE_W-1:0] plane4 = pp[PLANE_W+1 +: PLANE_W];
  wire               mul3   = ctl[0];    // stage 3's multiply flag
  wire unused_pv4 = pp[2*PLANE_W+1];

  // ---- stage 3: only the digit of the executing plane goes on (most
  // significant first; the top plane's sign bit), registered next to the
  // PEs, whose Booth sum in stage 4 then starts from a register.
  wire [7:0]         byte3 = pv3 ? vbyte3_q : kbyte3_q;
  wire [31:0]        plane = {{(32 - PLANE_W){1'b0}}, plane3};
  wire [DIGIT-1:0]   raw   = byte3[(MAXP - 32'd1 - plane) * DIG +: DIGIT];
  wire               msd   = plane3 == {PLANE_W{1'b0}};
  // A digit that is not multiplied is cleared here (a synchronous reset of
  // the register, no gate after it), so the PEs' Booth sums start from the
  // register itself.
  reg [DIGIT:0]           digit4_q;
  reg [PLANE_W+IDX_W-1:0] meta4_q;
  always @(posedge clk_i) begin
    if (!mul3) begin
      digit4_q <= {(DIGIT + 1){1'b0}};
    end else begin
      digit4_q <= {msd & raw[DIGIT-1], raw};
    end
  end
  always @(posedge clk_i) begin
    meta4_q <= meta3_q;
  end

  // ---- stage 4: the PEs form the product of the registered digit. A P.V
  // operation multiplies in every live lane, whatever its plane: the P.V
  // sequencer issues only the planes its value tokens have.
  reg [PLANE_W-1:0] planes5_q;
  reg [IDX_W-1:0]   idx5_q;
  always @(posedge clk_i) begin
    planes5_q <= meta4_q[PLANE_W+IDX_W-1:IDX_W];
    idx5_q    <= meta4_q[IDX_W-1:0];
  end

  // The capture stage's flags.
  wire [CW-1:0] ctl5 = ctl[(LANE_LAT-3)*CW +: CW];
  wire step5 = ctl5[5], first5 = ctl5[4], cap5 = ctl5[3], has5 = ctl5[2], in_plane5 = ctl5[1];
  wire unused_ctl = ctl5[0] ^ (^ctl[CW-1:1]) ^ (^ctl[2*CW-1:CW]);

  // ---- stage 5: accumulate; a capture loads the drain chain
  genvar c;
  generate
    for (c = 0; c < COLS; c = c + 1) begin : g_pe
      vssa_pe #(
        .DIGIT      (DIGIT),
        .MAX_PLANES (MAX_PLANES),
        .PLANE_W    (PLANE_W),
        .ACC_W      (ACC_W)
      ) u_pe (
        .clk_i      (clk_i),
        .rst_ni     (rst_ni),
        .a_i        (q_i[c*9 +: 9]),
        .digit_i    (digit4_q),
        .plane_i    (plane4),
        .step_i     (step5),
        .first_i    (first5),
        .capture_i  (cap5),
        .shift_i    (shift_i),
        .shift_in_i (chain_score_i[c*ACC_W +: ACC_W]),
        .score_o    (row_score_o[c*ACC_W +: ACC_W])
      );
    end
  endgenerate

  reg [IDX_W-1:0]   row_idx_q;
  reg [PLANE_W-1:0] row_planes_q;
  reg               row_valid_q;
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      row_idx_q    <= {IDX_W{1'b0}};
      row_planes_q <= {PLANE_W{1'b0}};
      row_valid_q  <= 1'b0;
    end else if (step5 && cap5) begin
      row_idx_q    <= idx5_q;
      row_planes_q <= planes5_q;
      row_valid_q  <= has5;
    end else if (shift_i) begin
      row_idx_q    <= chain_idx_i;
      row_planes_q <= chain_planes_i;
      row_valid_q  <= chain_valid_i;
    end
  end

  assign row_idx_o    = row_idx_q;
  assign row_planes_o = row_planes_q;
  assign row_valid_o = row_valid_q;
  assign busy_o      = step5 && has5 && in_plane5;
  assign stall_o     = step5 && has5 && !in_plane5;
endmodule
