#!/usr/bin/env bash
# Generates the clips bench/media_bench.sh plays, into bench/out/clips/ (not committed).
# Each is made once; delete the folder (or pass --force) to make them again.
#   h264-1080p30.mp4  20 s 1920x1080 30 fps H.264 + AAC stereo 48 kHz
#   h264-2160p30.mp4  10 s 3840x2160 30 fps H.264 + AAC
#   vp9-1080p30.webm  15 s 1920x1080 30 fps VP9 + Opus
#   sync.mp4          20 s 1080p30 H.264 + AAC: black, a one-frame white flash and a 1 kHz beep
#                     starting on the same timestamp, 18 times at known, unevenly spaced times
#   switch-a.mp4, switch-b.mp4   5 s 1080p30 and 5 s 720p30 H.264 + AAC, for the clip-to-clip switch
set -euo pipefail
cd "$(dirname "$0")"
out=out/clips
force=0
[ "${1:-}" = "--force" ] && force=1
mkdir -p "$out"
ff=(ffmpeg -nostdin -hide_banner -loglevel error -y)

make() {  # make OUT ARGS...: runs ffmpeg unless OUT exists
  local target=$1; shift
  if [ "$force" -eq 0 ] && [ -s "$target" ]; then echo "kept $target"; return; fi
  "${ff[@]}" "$@" "$target.tmp.${target##*.}"
  mv -f "$target.tmp.${target##*.}" "$target"
  echo "made $target ($(du -k "$target" | cut -f1) KiB)"
}

# Moving test pattern with film grain: costs a decoder what real footage costs.
picture() { echo "testsrc2=size=$1:rate=30:duration=$2,noise=alls=4:allf=t"; }
tone="sine=frequency=440:sample_rate=48000"

make "$out/h264-1080p30.mp4" -f lavfi -i "$(picture 1920x1080 20)" -f lavfi -i "$tone:duration=20" \
  -c:v libx264 -preset veryfast -crf 23 -maxrate 10M -bufsize 20M -pix_fmt yuv420p -g 60 -c:a aac -b:a 128k -ac 2 -shortest -movflags +faststart
make "$out/h264-2160p30.mp4" -f lavfi -i "$(picture 3840x2160 10)" -f lavfi -i "$tone:duration=10" \
  -c:v libx264 -preset veryfast -crf 23 -maxrate 35M -bufsize 70M -pix_fmt yuv420p -g 60 -c:a aac -b:a 128k -ac 2 -shortest -movflags +faststart
make "$out/vp9-1080p30.webm" -f lavfi -i "$(picture 1920x1080 15)" -f lavfi -i "$tone:duration=15" \
  -c:v libvpx-vp9 -deadline realtime -cpu-used 8 -row-mt 1 -b:v 4M -g 60 -c:a libopus -b:a 96k -ac 2 -shortest

# The sync clip: event k (1..18) at frame 30k + 3(k mod 3) (so 1.1 s, 2.2 s, 3.0 s, 4.1 s ...):
# the flash is that one frame, the beep starts at the same time and lasts 60 ms.
enable="" ; beep=""
for k in $(seq 1 18); do
  f=$((30 * k + 3 * (k % 3)))
  t=$(awk -v f="$f" 'BEGIN { printf "%.6f", f / 30 }')
  enable+="${enable:+ + }between(n,$f,$f)"
  beep+="${beep:++}between(t,$t,$t+0.06)"  # inside quotes below: commas stay the expression's
done
make "$out/sync.mp4" -f lavfi -i "color=c=black:size=1920x1080:rate=30:duration=20,format=yuv420p,drawbox=x=0:y=0:w=iw:h=ih:color=white:t=fill:enable='$enable'" \
  -f lavfi -i "aevalsrc='0.5*sin(2*PI*1000*t)*($beep)':s=48000:d=20" \
  -c:v libx264 -preset veryfast -crf 18 -pix_fmt yuv420p -g 30 -c:a aac -b:a 128k -ac 2 -shortest -movflags +faststart
make "$out/switch-a.mp4" -f lavfi -i "$(picture 1920x1080 5)" -f lavfi -i "$tone:duration=5" \
  -c:v libx264 -preset veryfast -crf 23 -maxrate 10M -bufsize 20M -pix_fmt yuv420p -c:a aac -ac 2 -shortest -movflags +faststart
make "$out/switch-b.mp4" -f lavfi -i "$(picture 1280x720 5)" -f lavfi -i "sine=frequency=660:sample_rate=48000:duration=5" \
  -c:v libx264 -preset veryfast -crf 23 -maxrate 6M -bufsize 12M -pix_fmt yuv420p -c:a aac -ac 2 -shortest -movflags +faststart
