#!/usr/bin/env bash
# Installs what is needed, builds, and runs the demo exhibit fullscreen on this machine's
# display. Leave with Ctrl+Alt+Q. With no display at all (a server), it runs the exhibit on a
# virtual X display for a minute and saves screenshots to out/ instead.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh build
[ -f media/mandelbrot.jpg ] || bash scripts/make-demo-media.sh
./build/vitrine check playlists/demo.toml
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ] || [ -e /dev/dri/card0 ]; then
  exec ./build/vitrine play playlists/demo.toml "$@"
fi
echo "No display found: running the demo on Xvfb and saving screenshots to out/" >&2
mkdir -p out
n=99; while [ -e "/tmp/.X$n-lock" ]; do n=$((n + 1)); done  # the first free display
Xvfb ":$n" -screen 0 1920x1080x24 -nolisten tcp & xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
sleep 1
DISPLAY=":$n" ./build/vitrine play playlists/demo.toml --stop-after 60 "$@" & player=$!
for i in $(seq 1 12); do
  sleep 5
  DISPLAY=":$n" import -window root "out/demo-$(printf %02d "$i").png" 2>/dev/null || true
done
wait $player
echo "Screenshots: out/demo-*.png" >&2
