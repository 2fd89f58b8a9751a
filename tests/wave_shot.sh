#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# wave_shot.sh CFG PNG - a co-simulated run in GTKWave, drawn headless
# (`make wave-shot`, docs/waveforms.md): CFG's vssa-sim runs a small head
# with --wave and writes the FST and its save file; vssa-fstcheck holds the
# save file to the FST; GTKWave opens the save file under Xvfb, where its
# Tcl interface confirms it loaded that FST and shows every trace the save
# file names; then ImageMagick captures the screen into PNG.
set -euo pipefail
cd "$(dirname "$0")/.."
B=${B:-build}
cfg=$1 png=$2
d=$B/wave-shot
fail() { echo "wave-shot: $*" >&2; exit 1; }

rm -rf "$d"
mkdir -p "$d"
"$B/sim/$cfg/vssa-sim" --quiet --keys 8 --queries 4 --mix with0 --wave "$d/run.fst" \
    --beats-out "$d/run.beats" >"$d/sim.log" || fail "the run failed: $(tail -n 3 "$d/sim.log")"
out=$("$B/vssa-fstcheck" "$d/run.fst" vssa --beats "$d/run.beats" --gtkw "$d/run.gtkw") ||
    fail "vssa-fstcheck: $out"
refs=$(sed -n 's/^gtkw .*: \([0-9]*\) signal references, 0 not in the waveform$/\1/p' <<<"$out")
[ -n "$refs" ] || fail "vssa-fstcheck printed no count of signal references: $out"

# The save file as written, in a window tall enough for its every row (a
# trace, a comment or a group's ends; about 23 pixels each under Xvfb's
# fonts), so that the picture shows all the groups.
rows=$(grep -cv '^[@[*]' "$d/run.gtkw")
width=$(sed -n 's/^\[size\] \([0-9]*\) [0-9]*$/\1/p' "$d/run.gtkw")
height=$((160 + 23 * rows))
sed "s/^\[size\] .*/[size] $width $height/" "$d/run.gtkw" >"$d/shot.gtkw"

# GTKWave runs the script once the save file is loaded: it reports what it
# shows, lets the window draw, captures the screen (without the PNG's time
# chunks, so an unchanged picture is an unchanged file) and quits.
cat >"$d/shot.tcl" <<EOF
puts "wave-shot: dumpfile [gtkwave::getDumpFileName]"
puts "wave-shot: traces [llength [gtkwave::getDisplayedSignals]]"
for {set i 0} {\$i < 50} {incr i} { gtkwave::nop }
exec import -window root -define png:exclude-chunk=date,time $d/shot.png
gtkwave::/File/Quit
EOF
log=$(timeout 120 xvfb-run -a -s "-screen 0 ${width}x${height}x24" gtkwave -S "$d/shot.tcl" \
    "$d/shot.gtkw" 2>&1) || fail "gtkwave under xvfb-run failed: $(tail -n 5 <<<"$log")"
fst=$(sed -n 's/^\[dumpfile\] "\(.*\)"$/\1/p' "$d/run.gtkw")
grep -qxF "wave-shot: dumpfile $fst" <<<"$log" || fail "GTKWave did not open $fst: $log"
grep -qx "wave-shot: traces $refs" <<<"$log" ||
    fail "GTKWave shows $(sed -n 's/^wave-shot: traces //p' <<<"$log") traces, the save file names $refs"
size=$(identify -format '%wx%h' "$d/shot.png") || fail "no picture"
[ "$size" = "${width}x${height}" ] || fail "the picture is $size, the screen ${width}x${height}"
mkdir -p "$(dirname "$png")"
cp "$d/shot.png" "$png"
echo "wave-shot: $cfg, $refs traces of $d/run.gtkw, ${width}x${height} -> $png"
