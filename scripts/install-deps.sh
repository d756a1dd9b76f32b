#!/usr/bin/env bash
# Installs everything Vitrine needs to build, test and run its demo on Debian 12, as root.
# Idempotent: safe to run on every CI run. Extra package names given as arguments are installed
# too (scripts/fuzz.sh adds its compiler).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
packages=(
  build-essential cmake pkg-config ninja-build
  libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev libx11-dev
  libavformat-dev libavcodec-dev libswscale-dev libswresample-dev libavutil-dev
  libtomlplusplus-dev doctest-dev
  ffmpeg               # generates the demo media and test clips
  xvfb xauth x11-apps imagemagick   # headless display and screenshots for the demo run
  "$@"
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
