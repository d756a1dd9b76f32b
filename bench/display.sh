#!/usr/bin/env bash
# Measures `vitrine play` on a virtual 1920x1080 X display (Xvfb): start-up to the first item
# on screen, CPU of the player and of the X server while a text panel rests (idle) and while
# the demo plays (transitions, pan-and-zoom), and frame statistics, for each SDL renderer.
# Usage: bench/display.sh [build-dir]   (not part of CI: timings depend on the machine's load)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
out=bench/out; mkdir -p "$out"
display=:97
Xvfb $display -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 & xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
sleep 1
cat > "$out/idle.toml" <<'TOML'
[exhibit]
title = "Idle"
[[item]]
kind = "text"
title = "A resting panel"
text = "Nothing moves here for a minute, so nothing should be drawn."
duration = "10m"
TOML
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)

measure() {  # renderer playlist seconds label
  local renderer=$1 playlist=$2 secs=$3 label=$4
  local x0; x0=$(cpu_ticks $xvfb)
  SDL_RENDER_DRIVER=$renderer DISPLAY=$display "$build/vitrine" play "$playlist" --stop-after "$secs" 2>"$out/$label-$renderer.log" &
  local pid=$!
  sleep 1
  local p0; p0=$(cpu_ticks $pid); local x1; x1=$(cpu_ticks $xvfb)
  sleep $((secs - 2))
  local p1; p1=$(cpu_ticks $pid); local x2; x2=$(cpu_ticks $xvfb)
  wait $pid
  local span=$((secs - 2))
  local first; first=$(grep -o 'since_start_ms=[0-9]*' "$out/$label-$renderer.log" | cut -d= -f2)
  local stats; stats=$(grep -o 'frames=.*' "$out/$label-$renderer.log" | tail -1)
  printf '%-6s %-9s first_item_ms=%-5s player_cpu_s_per_s=%.3f xserver_cpu_s_per_s=%.3f %s\n' "$label" "$renderer" "$first" \
    "$(echo "($p1 - $p0) / $hz / $span" | bc -l)" "$(echo "($x2 - $x1) / $hz / $span" | bc -l)" "$stats"
}

for renderer in opengl software; do
  measure $renderer "$out/idle.toml" 12 idle
  measure $renderer playlists/demo.toml 32 demo
done
