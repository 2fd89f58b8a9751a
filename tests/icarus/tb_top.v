// SPDX-License-Identifier: MIT
// tb_top.v - the whole generated design under Icarus Verilog, replaying the
// input ports vssa-sim recorded (--stim-out) and writing what vssa-sim
// writes: every output beat taken (--beats-out) and the final counters
// (--counters-out). tests/icarus/run.sh compares the two runs.
//
// The widths come from the top's parameters: run.sh reads them from the
// generated file and passes them with iverilog -P; the bench refuses to run
// if they differ from the instance's. Plusargs: +stim=FILE +beats=FILE
// +counters=FILE.
//
// One line of the stimulus is one cycle: its inputs are applied while the
// clock is low, the outputs are sampled where the C harness samples them
// (after the combinational logic settles, before the rising edge), then the
// edge. The first line is cycle 0, the first of the three reset cycles, so
// cycle numbers equal vssa-sim's.
module tb_top;
  parameter integer TAG_W   = 1;
  parameter integer IDX_W   = 1;
  parameter integer D       = 1;
  parameter integer RATIO_W = 1;
  parameter integer OUT_DW  = 1;

  reg                clk_i = 1'b0;
  reg                rst_ni, in_valid_i, in_query_i, in_cmd_i, in_last_i;
  reg [TAG_W-1:0]    in_tag_i, in_vtag_i;
  reg [IDX_W-1:0]    in_idx_i;
  reg                trace_i, comp_i, out_ready_i;
  reg [31:0]         es_i;
  reg [23:0]         os_i;
  reg [RATIO_W-1:0]  ratio_i;
  reg [D*8-1:0]      in_data_i, in_vdata_i;

  wire               in_ready_o, out_valid_o, out_last_o, busy_o;
  wire [1:0]         out_kind_o;
  wire [IDX_W-1:0]   out_idx_o, out_qbase_o;
  wire [OUT_DW-1:0]  out_data_o;
  wire [31:0]        perf_cycles_o, perf_busy_o, perf_stall_o, perf_idle_o, perf_tiles_o,
                     perf_wait_o, perf_qk_o, perf_sm_o, perf_pv_o;

  // err_o is read through the hierarchy, at the instance's own width.
  vssa dut (
    .clk_i(clk_i), .rst_ni(rst_ni),
    .in_valid_i(in_valid_i), .in_ready_o(in_ready_o), .in_query_i(in_query_i),
    .in_cmd_i(in_cmd_i), .in_last_i(in_last_i), .in_tag_i(in_tag_i), .in_idx_i(in_idx_i),
    .in_data_i(in_data_i), .in_vtag_i(in_vtag_i), .in_vdata_i(in_vdata_i),
    .trace_i(trace_i), .es_i(es_i), .os_i(os_i), .ratio_i(ratio_i), .comp_i(comp_i),
    .out_valid_o(out_valid_o), .out_ready_i(out_ready_i), .out_last_o(out_last_o),
    .out_kind_o(out_kind_o), .out_idx_o(out_idx_o), .out_qbase_o(out_qbase_o),
    .out_data_o(out_data_o), .busy_o(busy_o), .err_o(),
    .perf_cycles_o(perf_cycles_o), .perf_busy_o(perf_busy_o), .perf_stall_o(perf_stall_o),
    .perf_idle_o(perf_idle_o), .perf_tiles_o(perf_tiles_o), .perf_wait_o(perf_wait_o),
    .perf_qk_o(perf_qk_o), .perf_sm_o(perf_sm_o), .perf_pv_o(perf_pv_o)
  );

  reg [1023:0] stim_path, beats_path, counters_path;
  integer      stim, beats, counters, got;
  reg [63:0]   cycle;
  // The digest vssa-sim keeps (harness/sim.cpp): FNV-1a over the status
  // outputs {err_o, out_valid_o, busy_o, in_ready_o} of every cycle with
  // rst_ni high. An X anywhere in them makes it print as x.
  reg [63:0]   status;

  initial begin
    if (dut.TAG_W != TAG_W || dut.IDX_W != IDX_W || dut.D != D || dut.RATIO_W != RATIO_W ||
        dut.OUT_DW != OUT_DW) begin
      $display("tb_top: error: the bench's widths differ from the design's parameters");
      $finish_and_return(2);
    end
    if (!$value$plusargs("stim=%s", stim_path) || !$value$plusargs("beats=%s", beats_path) ||
        !$value$plusargs("counters=%s", counters_path)) begin
      $display("tb_top: error: want +stim=FILE +beats=FILE +counters=FILE");
      $finish_and_return(2);
    end
    stim = $fopen(stim_path, "r");
    beats = $fopen(beats_path, "w");
    counters = $fopen(counters_path, "w");
    if (stim == 0 || beats == 0 || counters == 0) begin
      $display("tb_top: error: cannot open the stimulus or an output file");
      $finish_and_return(2);
    end
    cycle = 0;
    status = 64'hcbf29ce484222325;
    got = 16;
    while (got == 16) begin
      got = $fscanf(stim, "%h %h %h %h %h %h %h %h %h %h %h %h %h %h %h %h\n",
                    rst_ni, in_valid_i, in_query_i, in_cmd_i, in_last_i, in_tag_i, in_idx_i,
                    in_vtag_i, trace_i, comp_i, es_i, os_i, ratio_i, out_ready_i,
                    in_data_i, in_vdata_i);
      if (got == 16) begin
        #1;
        if (rst_ni) begin
          status = (status ^ {dut.err_o, out_valid_o, busy_o, in_ready_o}) * 64'h100000001b3;
          if (out_valid_o && out_ready_i)
            $fwrite(beats, "%0d %0d %0d %0d %0d %h\n", cycle, out_kind_o, out_last_o,
                    out_qbase_o, out_idx_o, out_data_o);
        end
        #4 clk_i = 1'b1;
        cycle = cycle + 1;
        #5 clk_i = 1'b0;
      end
    end
    if (got != -1 || !$feof(stim)) begin
      $display("tb_top: error: stimulus line %0d is not 16 hex fields", cycle + 1);
      $finish_and_return(2);
    end
    // The registers after the last rising edge, as vssa-sim reads them.
    $fwrite(counters, "cycles %0d\nperf %0d %0d %0d %0d %0d %0d %0d %0d %0d\nerr %0d\nstatus %h\n",
            cycle, perf_cycles_o, perf_busy_o, perf_stall_o, perf_idle_o, perf_tiles_o,
            perf_wait_o, perf_qk_o, perf_sm_o, perf_pv_o, dut.err_o, status);
    $fclose(beats);
    $fclose(counters);
    $fclose(stim);
    $finish;
  end
endmodule
