// SPDX-License-Identifier: MIT
// Controller: the head's and the blocks' state. Beats are taken from the
// input stage in stream order:
//  - A key beat joins the open key set. When no set is open, it begins a new
//    one: the design first finishes every block already received (an open,
//    unterminated block is closed as if its last query had carried
//    in_last_i), then clears the set. The first MAX_SEQ keys of a set are
//    kept; later ones are dropped and raise err_o[1] until the next set.
//  - The key with in_last_i closes the set; once the dispatcher has finished
//    the tile table and every bank is written, the set is ready.
//  - Query beats fill the loading block, one column each; in_last_i closes
//    it. Queries beyond COLS are dropped and raise err_o[0] until the next
//    block's first query. A closed block starts computing as soon as the
//    key set is ready (or none was ever loaded: then it has no rows), the
//    sequencer is ready and the phase controller allows it (vssa_phase:
//    the previous block's Q.K^T is done, no P.V is in the array); the next
//    block loads meanwhile. start_o follows the decision by a register,
//    one cycle later, so the decision (which reads the phase controller
//    and the sequencer) and the start's fan-out to the sequencer, the
//    query buffer, the score stage and the phase controller are separate
//    paths; in that cycle the engine counts as busy.
//  - A command beat (h_cmd_i) ends a block still open, like a key beat, and
//    is taken once everything before it is done (no key set loading, no
//    block, the output stage empty, cmd_idle_i): cmd_o pulses, and the
//    top runs the command (its opcode is the beat's index bits).
//  - The other modules' idle inputs (seq_idle_i, drain_free_i, blk_busy_i,
//    cmd_idle_i, out_idle_i) are used a cycle old, registered with this
//    module's own state, so that a clear or a command is decided from
//    flip-flops here and the take (h_ready_o) does not wait for the phase
//    controller's and the sequencers' state to cross the device. That is
//    exact because those modules leave idle only after a start_o or a
//    cmd_o, which the register sees: a new set or a command goes the cycle
//    after the engine becomes idle, not in it.
module vssa_ctrl #(
  parameter integer COLS    = 4,
  parameter integer MAX_SEQ = 64,
  parameter integer KCNT_W  = 7,
  parameter integer COL_W   = 2,
  parameter integer QCNT_W  = 3,
  parameter integer IDX_W   = 6
) (
  input  wire              clk_i,
  input  wire              rst_ni,
  // the beat on offer
  input  wire              h_valid_i,
  input  wire              h_query_i,
  input  wire              h_cmd_i,
  input  wire              h_last_i,
  input  wire [IDX_W-1:0]  h_idx_i,
  output wire              h_ready_o,
  // key set
  input  wire              lane_ok_i,     // the key on offer can be placed now
  input  wire              disp_ready_i,  // the tile table is complete
  input  wire              ld_idle_i,     // every bank is written
  output wire              clear_o,       // a new key set begins
  output wire              key_o,         // place the key on offer
  output wire              key_last_o,    // ... and close the set with it
  // query blocks
  output wire              q_wr_o,
  output wire              q_first_o,
  output wire [COL_W-1:0]  q_col_o,
  input  wire              seq_ready_i,
  input  wire              seq_idle_i,
  input  wire              drain_free_i,
  input  wire              out_idle_i,    // no beat waits in the output stage
  input  wire              blk_busy_i,    // a started block has not finished
  input  wire              blk_allow_i,   // a block may start its Q.K^T
  output wire              start_o,
  output wire [IDX_W-1:0]  qbase_o,
  output wire [QCNT_W-1:0] qcount_o,      // queries of the loading block
  // commands
  input  wire              cmd_idle_i,    // no command still running
  output wire              cmd_o,         // take the command on offer
  output wire [KCNT_W-1:0] kcount_o,      // keys kept by the last key set
  // status
  output wire [1:0]        err_o,
  output wire              busy_o
);
  // Parameter checks, at elaboration: an inconsistent instance stops the
  // simulation at time 0, and Yosys refuses it.
  initial begin
    if (!(COLS >= 1 && (1 << COL_W) >= COLS && (1 << QCNT_W) > COLS && MAX_SEQ >= 1 &&
          (1 << KCNT_W) > MAX_SEQ && (1 << IDX_W) >= MAX_SEQ)) begin
      $display("ERROR: %m: parameters: need 2^COL_W >= COLS, 2^QCNT_W > COLS, 2^KCNT_W > MAX_SEQ, 2^IDX_W >= MAX_SEQ");
      $finish;
    end
  end

  localparam [1:0] K_NONE = 2'd0, K_OPEN = 2'd1, K_FIN = 2'd2, K_READY = 2'd3;
  localparam [KCNT_W-1:0] KMAX = MAX_SEQ[KCNT_W-1:0];
  localparam [QCNT_W-1:0] QMAX = COLS[QCNT_W-1:0];

  reg [1:0]        kstate_q;
  reg [KCNT_W-1:0] kcount_q;
  reg              kfull_q;     // kcount_q == MAX_SEQ, registered off the take path
  reg              sh_open_q, sh_closed_q;
  reg [QCNT_W-1:0] qcount_q;
  reg [IDX_W-1:0]  qbase_q;
  reg [1:0]        err_q;
  reg              busy_q;
  reg              start_q;     // a block starts: the decision, registered
  reg              eng_q;       // the other modules idle, a cycle old, nothing started since
  reg              out_q;       // ... and the output stage empty

  wire settled  = kstate_q == K_NONE || kstate_q == K_READY;
  wire h_key    = h_valid_i && !h_query_i && !h_cmd_i;
  wire h_q      = h_valid_i && h_query_i && !h_cmd_i;
  wire h_c      = h_valid_i && h_cmd_i;
  wire new_set  = h_key && settled;
  // The engine is idle: no block here, and the other modules were idle a
  // cycle ago with nothing started since (eng_q, out_q).
  wire own_idle = !sh_open_q && !sh_closed_q && !start_q;
  wire engine_idle = own_idle && eng_q;
  wire clear    = new_set && engine_idle;
  wire close_sh = (new_set || h_c) && sh_open_q;   // an unterminated block ends here
  wire cmd      = h_c && settled && engine_idle && out_q;
  wire k_room   = !kfull_q;
  wire k_take   = h_key && kstate_q == K_OPEN && (lane_ok_i || !k_room);
  wire k_place  = k_take && k_room;
  wire q_take   = h_q && !sh_closed_q;
  wire q_first  = q_take && !sh_open_q;
  wire q_room   = qcount_q != QMAX;
  wire q_write  = q_take && (q_first || q_room);
  wire start    = sh_closed_q && settled && seq_ready_i && blk_allow_i;

  wire [KCNT_W-1:0] kcount_next = kcount_q + 1'b1;
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      kstate_q <= K_NONE;
      kcount_q <= {KCNT_W{1'b0}};
      kfull_q  <= 1'b0;
    end else if (clear) begin
      kstate_q <= K_OPEN;
      kcount_q <= {KCNT_W{1'b0}};
      kfull_q  <= 1'b0;
    end else if (k_take) begin
      kstate_q <= h_last_i ? K_FIN : K_OPEN;
      if (k_room) begin
        kcount_q <= kcount_next;
        kfull_q  <= kcount_next == KMAX;
      end
    end else if (kstate_q == K_FIN && disp_ready_i && ld_idle_i) begin
      kstate_q <= K_READY;
    end
  end

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      sh_open_q   <= 1'b0;
      sh_closed_q <= 1'b0;
      qcount_q    <= {QCNT_W{1'b0}};
      qbase_q     <= {IDX_W{1'b0}};
    end else if (start) begin
      sh_closed_q <= 1'b0;
    end else if (close_sh) begin
      sh_open_q   <= 1'b0;
      sh_closed_q <= 1'b1;
    end else if (q_take) begin
      sh_open_q   <= !h_last_i;
      sh_closed_q <= h_last_i;
      if (q_write) begin
        qcount_q <= q_first ? {{(QCNT_W - 1){1'b0}}, 1'b1} : qcount_q + 1'b1;
      end
      if (q_first) begin
        qbase_q <= h_idx_i;
      end
    end
  end

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      err_q <= 2'b00;
    end else begin
      if (q_first) begin
        err_q[0] <= 1'b0;
      end else if (q_take && !q_room) begin
        err_q[0] <= 1'b1;
      end
      if (clear) begin
        err_q[1] <= 1'b0;
      end else if (k_take && !k_room) begin
        err_q[1] <= 1'b1;
      end
    end
  end

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      start_q <= 1'b0;
    end else begin
      start_q <= start;
    end
  end

  // A start (decided with sh_closed_q, then start_q) or a command taken
  // this cycle shows in the other modules' inputs only later, so both are
  // masked here.
  // Everything is idle out of reset.
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      eng_q <= 1'b1;
      out_q <= 1'b1;
    end else begin
      eng_q <= seq_idle_i && drain_free_i && !blk_busy_i && cmd_idle_i && own_idle && !cmd;
      out_q <= out_idle_i;
    end
  end

  // Busy while anything accepted has not left as an output beat.
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      busy_q <= 1'b0;
    end else begin
      busy_q <= h_valid_i || kstate_q == K_OPEN || kstate_q == K_FIN || sh_open_q ||
                sh_closed_q || start_q || !seq_idle_i || !drain_free_i || !out_idle_i ||
                blk_busy_i || !cmd_idle_i;
    end
  end

  assign h_ready_o  = k_take || q_take || cmd;
  assign cmd_o      = cmd;
  assign kcount_o   = kcount_q;
  assign clear_o    = clear;
  assign key_o      = k_place;
  assign key_last_o = k_take && h_last_i;
  assign q_wr_o     = q_write;
  assign q_first_o  = q_first;
  assign q_col_o    = q_first ? {COL_W{1'b0}} : qcount_q[COL_W-1:0];
  assign start_o    = start_q;
  assign qbase_o    = qbase_q;
  assign qcount_o   = qcount_q;
  assign err_o      = err_q;
  assign busy_o     = busy_q;
endmodule
