#!/usr/bin/env bash
# Time from a touch to the first frame that shows its effect, on a virtual 1920x1080 X display
# (Xvfb). `vitrine play --touch-script` pushes SDL finger events into the event queue at scripted
# times and logs, for each one that changes the scene, the time from the push to the end of the
# present of the first frame drawn after it (event=input-latency). Taps (controls on and off),
# the language button, the menu and its close button, and swipes (every move of the finger is
# one measured input: the item follows it).
# Usage: bench/touch_latency.sh [build-dir] [rounds]   (not part of CI: timings depend on load)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
rounds=${2:-6}
out=bench/out; mkdir -p "$out"
display=:96
Xvfb $display -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 & xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
sleep 1

# Places on the 1920x1080 screen of the demo (a 32-inch panel: targets of 76 px, gaps of 19;
# core::TouchLayout): the Português button, the menu button, the menu's close button.
script="$out/touches.txt"
{
  t=3000
  for ((r = 0; r < rounds; r++)); do
    echo "$t down 960 540"; echo "$((t + 60)) up 960 540"                 # controls on
    echo "$((t + 1000)) down 960 540"; echo "$((t + 1060)) up 960 540"    # controls off
    echo "$((t + 2000)) down 960 540"; echo "$((t + 2060)) up 960 540"    # on again
    if ((r % 2 == 0)); then x=1802; else x=1585; fi                      # Português / English
    echo "$((t + 2600)) down $x 57"; echo "$((t + 2660)) up $x 57"
    echo "$((t + 4000)) down 118 57"; echo "$((t + 4060)) up 118 57"      # the menu (controls still on)
    echo "$((t + 5000)) down 1863 57"; echo "$((t + 5060)) up 1863 57"    # its close button
    s=$((t + 6000))                                                       # a swipe left: 10 moves of 60 px
    echo "$s down 1500 540"
    for ((i = 1; i <= 10; i++)); do echo "$((s + 16 * i)) move $((1500 - 60 * i)) 540"; done
    echo "$((s + 176)) up 900 540"
    t=$((t + 8000))
  done
} > "$script"
secs=$(( (3000 + rounds * 8000) / 1000 + 3 ))
DISPLAY=$display SDL_AUDIODRIVER=dummy "$build/vitrine" play playlists/demo.toml --stop-after "$secs" \
  --touch-script "$script" 2>"$out/touch-latency.log"
grep -o 'input-latency ms=[0-9.]*' "$out/touch-latency.log" | cut -d= -f2 | sort -n | awk '
  { v[NR] = $1; s += $1 }
  END {
    if (NR == 0) { print "no input measured"; exit 1 }
    printf "inputs=%d mean_ms=%.1f median_ms=%.1f p95_ms=%.1f worst_ms=%.1f\n", NR, s / NR, v[int((NR + 1) / 2)], v[int(NR * 0.95 + 0.999)], v[NR]
  }'
echo "languages switched: $(grep -c 'event=language' "$out/touch-latency.log"), menus opened: $(grep -c 'event=menu-open' "$out/touch-latency.log"), swipes: $(grep -c 'by=swipe' "$out/touch-latency.log")"
grep -o 'event=exit.*' "$out/touch-latency.log" | tr ' ' '\n' | grep -E '^(frames|mean_draw_ms|worst_draw_ms|inputs_measured|input_latency)' | tr '\n' ' '; echo
