#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""synth.py - helpers of tests/synth.sh, reading Yosys JSON netlists.

    synth.py generic NETLIST.json TOP
        One line of figures of a hierarchical netlist, counted through the
        hierarchy from TOP (every instance of a module counts):
        cells ffs mems mem_bits bram_budget pes pe_cells pe_each sched_cells
        cells       all leaf cells (submodule instances are not cells)
        ffs         flip-flop primitives: $_DFF*, $_DFFE*, $_SDFF*, $_DFFSR*,
                    $_ALDFF* (and coarse $dff/$adff/... if any are left)
        mems        $mem / $mem_v2 cells; mem_bits their WIDTH * SIZE
        bram_budget 1.15 * sum over memories of the 4-Kbit blocks each needs at
                    least: max(ceil(WIDTH * SIZE / 4096), ceil(WIDTH / 16))
        pes         instances of <top>_pe; pe_cells the cells inside them all;
                    pe_each = pe_cells / pes
        sched_cells cells of <top>_dispatch, <top>_tile_table, <top>_sequencer

    synth.py wrap NETLIST.json TOP WRAP.v [PINS.pcf]
        A thin FPGA top `fpga_wrap` around TOP for place and route: every
        input but the clock and the reset comes from one shift register
        loaded through pins si (data) and se (shift enable); every output bit
        feeds a parity tree registered every 16 inputs down to at most four
        pins so[3:0]. Nothing of the design can be optimized away, and the
        wrapper adds at most two LUT levels between registers. Any port
        width works: the shift register and the tree grow with them. TOP's
        ports are read from any Yosys JSON of it (after `proc` is enough).
        PINS.pcf, when given, places the pins on an iCE40-HX8K in the CT256
        package (the HX8K breakout board's 12 MHz clock pin J3); nextpnr-ecp5
        places them itself.

    synth.py ecp5 STAT [DEVICE]
        Figures of a `synth_ecp5` statistics file (its last `stat` block) and
        the ECP5 device to place and route it on:
        lut4 ff dp16kd mult18 device why
        lut4        LUT4 cells + 2 per CCU2C (a carry cell is the two LUT4s of
                    a slice) + 4 per TRELLIS_DPR16X4 (a 16x4 distributed RAM
                    takes the LUTs of two slices): the LUT4s the design needs
        ff          TRELLIS_FF cells
        dp16kd      DP16KD block RAMs (18 Kbit each)
        mult18      MULT18X18D multipliers
        device      DEVICE if given, else the smallest LFE5U (25F, 45F, 85F)
                    whose capacity the design fits with headroom: at most
                    80 % of its LUT4s, 90 % of its DP16KDs and 80 % of its
                    multipliers (a 4x4 head with 85 % of a 45F's multipliers
                    failed legal placement). "none" when not even the 85F
                    does; why then names the resource the design needs the
                    largest share of the 85F's of (over its capacity, or
                    over the headroom), with underscores for spaces; "-"
                    when the design fits.

    synth.py nextpnr LOG
        The outcome of an nextpnr-ecp5 log: status fmax from to
        status      routed (the log ends with "Program finished normally"),
                    placement-failed ("Unable to find legal placement"),
                    does-not-fit (nextpnr's utilisation check), else failed
        fmax        the last "Max frequency for clock" line's MHz (the
                    post-route figure; nextpnr prints a post-placement
                    estimate first), "-" when none
        from, to    the first Source and the last Sink cell (port removed) of
                    the last critical path report for a clock (not the
                    cross-domain paths from and to the pins), "-" when none
"""
import json
import math
import re
import sys

FF_RE = re.compile(r"^\$_?(s|a|al)?dff", re.IGNORECASE)
MEM_TYPES = ("$mem", "$mem_v2")


def param(v):
    """A Yosys JSON parameter value: an int, or a string of binary digits."""
    if isinstance(v, int):
        return v
    return int(v, 2) if re.fullmatch(r"[01]+", v) else int(v)


def base_name(mod):
    """vssa_pe from `vssa_pe` or `$paramod$<hash>\\vssa_pe`."""
    return mod.rsplit("\\", 1)[-1]


def load(path):
    with open(path) as f:
        return json.load(f)["modules"]


def generic(path, top):
    mods = load(path)
    if top not in mods:
        sys.exit("synth.py: no module %s in %s" % (top, path))
    memo = {}

    def deep(name):
        """Totals of module `name` with all its submodule instances."""
        if name in memo:
            return memo[name]
        t = dict(cells=0, ffs=0, mems=0, mem_bits=0, brams=0, pes=0,
                 pe_cells=0, sched=0)
        for cell in mods[name]["cells"].values():
            typ = cell["type"]
            if typ in mods:
                sub = deep(typ)
                for k in t:
                    t[k] += sub[k]
                kind = base_name(typ)
                if kind == top + "_pe":
                    t["pes"] += 1
                    t["pe_cells"] += sub["cells"]
                elif kind in (top + "_dispatch", top + "_tile_table", top + "_sequencer"):
                    t["sched"] += sub["cells"]
                continue
            t["cells"] += 1
            if FF_RE.match(typ):
                t["ffs"] += 1
            elif typ in MEM_TYPES:
                p = cell["parameters"]
                bits = param(p["WIDTH"]) * param(p["SIZE"])
                t["mems"] += 1
                t["mem_bits"] += bits
                # an SB_RAM40_4K is 16 bits wide at most
                t["brams"] += max(math.ceil(bits / 4096), math.ceil(param(p["WIDTH"]) / 16))
        memo[name] = t
        return t

    t = deep(top)
    pe_each = t["pe_cells"] / t["pes"] if t["pes"] else 0
    print(t["cells"], t["ffs"], t["mems"], t["mem_bits"], "%.2f" % (1.15 * t["brams"]),
          t["pes"], t["pe_cells"], "%.1f" % pe_each, t["sched"])


PCF_PINS = {"clk": "J3", "rst_n": "C5", "si": "C4", "se": "B3",
            "so[0]": "B5", "so[1]": "B4", "so[2]": "A2", "so[3]": "A1"}
NPINS = 4   # parity output pins
GROUP = 16  # parity inputs per register: two LUT4 levels


def wrap(path, top, vout, pcfout):
    mods = load(path)
    if top not in mods:
        sys.exit("synth.py: no module %s in %s" % (top, path))
    ports = mods[top]["ports"]
    clk = rst = None
    ins, outs = [], []
    for name, p in ports.items():
        width = len(p["bits"])
        if p["direction"] == "input":
            if clk is None and width == 1 and name.startswith("clk"):
                clk = name
            elif rst is None and width == 1 and name.startswith("rst"):
                rst = name
            else:
                ins.append((name, width))
        elif p["direction"] == "output":
            outs.append((name, width))
        else:
            sys.exit("synth.py: port %s of %s is %s" % (name, top, p["direction"]))
    if clk is None:
        sys.exit("synth.py: no clock input (clk*) on %s" % top)
    in_w = sum(w for _, w in ins)
    out_w = sum(w for _, w in outs)
    L = []
    L.append("// Generated by tests/synth.py from the ports of %s; do not edit." % top)
    L.append("// Inputs: a %d-bit shift register loaded through si/se. Outputs: %d bits"
             % (in_w, out_w))
    L.append("// reduced by a registered parity tree to so.")
    L.append("module fpga_wrap (")
    L.append("  input  wire clk,")
    if rst is not None:
        L.append("  input  wire rst_n,")
    L.append("  input  wire si,")
    L.append("  input  wire se,")
    # Parity levels: each register takes up to GROUP bits of the level below.
    levels = []
    n = out_w
    while n > NPINS:
        n = (n + GROUP - 1) // GROUP
        levels.append(n)
    nso = n
    L.append("  output reg  %sso" % ("[%d:0] " % (nso - 1) if nso > 1 else ""))
    L.append(");")
    conn = [".%s(clk)" % clk]
    if rst is not None:
        active_low = rst.endswith("n") or rst.endswith("ni") or rst.endswith("_n")
        conn.append(".%s(%s)" % (rst, "rst_n" if active_low else "!rst_n"))
    if in_w:
        L.append("  reg [%d:0] sr;" % (in_w - 1))
        nxt = "{sr[%d:0], si}" % (in_w - 2) if in_w > 1 else "si"
        L.append("  always @(posedge clk) if (se) sr <= %s;" % nxt)
    lo = 0
    for name, w in ins:
        conn.append(".%s(sr[%d:%d])" % (name, lo + w - 1, lo))
        lo += w
    L.append("  wire [%d:0] o;" % (max(out_w, 1) - 1))
    lo = 0
    for name, w in outs:
        conn.append(".%s(o[%d:%d])" % (name, lo + w - 1, lo))
        lo += w
    L.append("  %s u_dut (" % top)
    L.append(",\n".join("    " + c for c in conn))
    L.append("  );")
    src, src_w = "o", out_w
    for i, n in enumerate(levels):
        dst = "p%d" % i
        L.append("  reg [%d:0] %s;" % (n - 1, dst))
        L.append("  always @(posedge clk) begin")
        for j in range(n):
            hi = min(src_w, (j + 1) * GROUP) - 1
            L.append("    %s[%d] <= ^%s[%d:%d];" % (dst, j, src, hi, j * GROUP))
        L.append("  end")
        src, src_w = dst, n
    L.append("  always @(posedge clk) so <= %s;" % src)
    L.append("endmodule")
    with open(vout, "w") as f:
        f.write("\n".join(L) + "\n")
    if pcfout is None:
        print(in_w, out_w)
        return
    with open(pcfout, "w") as f:
        f.write("# Pins of fpga_wrap on iCE40-HX8K CT256; generated by tests/synth.py.\n")
        names = ["clk"] + (["rst_n"] if rst is not None else []) + ["si", "se"]
        for name in names:
            f.write("set_io %s %s\n" % (name, PCF_PINS[name]))
        for i in range(nso):
            f.write("set_io %s %s\n" % ("so[%d]" % i if nso > 1 else "so", PCF_PINS["so[%d]" % i]))
    print(in_w, out_w)


# LFE5U capacities: LUT4s, DP16KDs, MULT18X18Ds (Lattice's ECP5 family data
# sheet), smallest first.
ECP5 = [("25F", 24288, 56, 28), ("45F", 43848, 108, 72), ("85F", 83640, 208, 156)]
ECP5_HEADROOM = (0.80, 0.90, 0.80)


def ecp5(path, device=None):
    counts = {}
    with open(path) as f:
        for line in f:
            if "Number of cells:" in line:
                counts = {}  # the last block: the top after flattening
            w = line.split()
            if len(w) == 2 and w[1].isdigit():
                counts[w[0]] = int(w[1])
    lut = counts.get("LUT4", 0) + 2 * counts.get("CCU2C", 0) + 4 * counts.get("TRELLIS_DPR16X4", 0)
    ff = counts.get("TRELLIS_FF", 0)
    bram = counts.get("DP16KD", 0)
    mult = counts.get("MULT18X18D", 0)
    need = (lut, bram, mult)
    why = "-"
    if device is None:
        device = "none"
        for name, *cap in ECP5:
            if all(n <= h * c for n, h, c in zip(need, ECP5_HEADROOM, cap)):
                device = name
                break
        if device == "none":
            name, *cap = ECP5[-1]
            over = [(n, c, h, what) for n, c, h, what in
                    zip(need, cap, ECP5_HEADROOM, ("LUT4", "DP16KD", "MULT18X18D")) if n > h * c]
            over.sort(key=lambda o: -o[0] / o[1])  # the scarcest first
            n, c, h, what = over[0]
            full = n > c
            why = ("needs_%d_%s,_%s_has_%d" % (n, what, name, c) if full else
                   "needs_%d_%s,_over_%d_%%_of_the_%s's_%d" % (n, what, h * 100, name, c))
    print(lut, ff, bram, mult, device, why)


def nextpnr(path):
    status, fmax, src, dst = "failed", "-", "-", "-"
    path_src = path_dst = None
    in_clock = False
    try:
        f = open(path, errors="replace")
    except OSError:  # nextpnr died before writing its log
        print(status, fmax, src, dst)
        return
    with f:
        for line in f:
            m = re.search(r"Max frequency for clock .*: *([0-9.]+) MHz", line)
            if m:
                fmax = m.group(1)
            if "Critical path report for" in line:
                # only a clock's own paths; not the cross-domain I/O ones
                in_clock = "Critical path report for clock" in line
                path_src = path_dst = None
            m = re.search(r"\b(Source|Sink) (\S+)", line)
            if m and in_clock and line.startswith("Info:"):
                cell = m.group(2).rsplit(".", 1)[0].replace(",", ";")
                if m.group(1) == "Source" and path_src is None:
                    path_src = cell
                elif m.group(1) == "Sink":
                    path_dst = cell
                if path_src and path_dst:
                    src, dst = path_src, path_dst
            if "Program finished normally" in line:
                status = "routed"
            elif "Unable to find legal placement" in line:
                status = "placement-failed"
            elif re.search(r"ERROR: .*(utilisation|Design uses|too many|exceeds)", line):
                status = "does-not-fit"
    if status != "routed":
        fmax = "-"
    print(status, fmax, src, dst)


def main():
    a = sys.argv[1:]
    if len(a) == 3 and a[0] == "generic":
        generic(a[1], a[2])
    elif len(a) in (4, 5) and a[0] == "wrap":
        wrap(a[1], a[2], a[3], a[4] if len(a) == 5 else None)
    elif len(a) in (2, 3) and a[0] == "ecp5":
        ecp5(a[1], a[2] if len(a) == 3 else None)
    elif len(a) == 2 and a[0] == "nextpnr":
        nextpnr(a[1])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
