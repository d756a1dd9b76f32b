#!/usr/bin/env bash
# Generates the clips bench/media_bench.sh plays, into bench/out/clips/ (not committed), with the
# ffmpeg command-line tool. A clip that already exists is kept; --force makes them all again.
#   h264-1080p30.mp4   20 s 1920x1080 30 fps H.264 (libx264, yuv420p) + AAC stereo 48 kHz
#   h264-2160p30.mp4   10 s 3840x2160 30 fps H.264 (libx264, yuv420p) + AAC stereo 48 kHz
#   vp9-1080p30.webm   15 s 1920x1080 30 fps VP9 (libvpx, realtime, row-mt) + Opus stereo 48 kHz
#   av-sync.mp4        20 s 1080p30 H.264 + AAC: black; 18 events, each a one-frame white
#                      full-frame flash and a 60 ms 1 kHz beep starting on the same timestamp,
#                      at unevenly spaced times listed in av-sync.events (one line per event:
#                      <frame number> <time in µs>), so that a constant error cannot hide
#   switch-a-1080p.mp4 5 s 1920x1080 30 fps H.264 + AAC (440 Hz), first frame solid red, last solid green
#   switch-b-720p.mp4  5 s 1280x720 30 fps H.264 + AAC (660 Hz), first frame solid blue, last solid yellow
# Picture content of the timed clips: ffmpeg's moving test pattern (testsrc2) with temporal
# noise, which costs a decoder about what real footage costs (a flat colour would cost nothing).
set -euo pipefail
cd "$(dirname "$0")"
out=out/clips
force=0
[ "${1:-}" = "--force" ] && force=1
mkdir -p "$out"
ff=(ffmpeg -nostdin -hide_banner -loglevel error -y)

make() {  # make OUT ARGS...: runs ffmpeg ARGS into OUT unless OUT exists (written under a temporary name first)
  local target=$1; shift
  if [ "$force" -eq 0 ] && [ -s "$target" ]; then echo "kept $target"; return; fi
  local tmp="$target.tmp.${target##*.}"
  "${ff[@]}" "$@" "$tmp"
  mv -f "$tmp" "$target"
  echo "made $target ($(du -k "$target" | cut -f1) KiB)"
}

picture() { echo "testsrc2=size=$1:rate=30:duration=$2,noise=alls=4:allf=t,format=yuv420p"; }
tone() { echo "sine=frequency=$1:sample_rate=48000:duration=$2"; }
h264=(-c:v libx264 -preset veryfast -crf 23 -pix_fmt yuv420p -g 60)
aac=(-c:a aac -b:a 128k -ac 2 -ar 48000)

make "$out/h264-1080p30.mp4" -f lavfi -i "$(picture 1920x1080 20)" -f lavfi -i "$(tone 440 20)" \
  "${h264[@]}" -maxrate 10M -bufsize 20M "${aac[@]}" -shortest -movflags +faststart
make "$out/h264-2160p30.mp4" -f lavfi -i "$(picture 3840x2160 10)" -f lavfi -i "$(tone 440 10)" \
  "${h264[@]}" -maxrate 35M -bufsize 70M "${aac[@]}" -shortest -movflags +faststart
make "$out/vp9-1080p30.webm" -f lavfi -i "$(picture 1920x1080 15)" -f lavfi -i "$(tone 440 15)" \
  -c:v libvpx-vp9 -deadline realtime -cpu-used 8 -row-mt 1 -b:v 4M -g 60 -pix_fmt yuv420p \
  -c:a libopus -b:a 96k -ac 2 -ar 48000 -shortest

# The sync clip. Event k (1..18) is at frame 30k + (7k mod 11): 1.233 s, 2.100 s, 3.333 s,
# 4.200 s, 5.067 s ... (between 0 and 10 frames after each whole second, no pattern a fixed error
# could line up with; events at least 20 frames apart, so each beep pairs with one flash only).
# The flash is that one frame; the beep starts on the same timestamp (sample 1600 f at 48 kHz)
# and lasts 60 ms, a 1 kHz sine from phase 0.
events="$out/av-sync.events"
if [ "$force" -eq 1 ] || [ ! -s "$out/av-sync.mp4" ] || [ ! -s "$events" ]; then
  rm -f "$out/av-sync.mp4"
  enable="" beep="" list=""
  for k in $(seq 1 18); do
    f=$((30 * k + (7 * k) % 11))
    enable+="${enable:++}eq(n\\,$f)"
    s=$((f * 1600))  # 48000 / 30 samples per frame
    beep+="+between(n\\,$s\\,$((s + 2879)))*sin(2*PI*(n-$s)/48)"  # 60 ms of 1 kHz from phase 0
    list+="$f $(( (f * 1000000 + 15) / 30 ))"$'\n'
  done
  make "$out/av-sync.mp4" \
    -f lavfi -i "color=c=black:size=1920x1080:rate=30:duration=20,format=yuv420p,drawbox=x=0:y=0:w=iw:h=ih:color=white:t=fill:enable=$enable" \
    -f lavfi -i "aevalsrc=0.5*(0$beep):s=48000:c=stereo:d=20" \
    -c:v libx264 -preset veryfast -crf 18 -pix_fmt yuv420p -g 30 "${aac[@]}" -shortest -movflags +faststart
  printf '%s' "$list" > "$events"
fi

# The two clips of the switch: different sizes, and first/last frames of a solid colour each, so
# that a frame log (or a screen grab) tells which clip is on screen and whether it is its first or
# last picture.
ends() {  # ends FIRST_COLOUR LAST_COLOUR LAST_FRAME_NUMBER: a filter painting frame 0 and the last frame
  echo "drawbox=x=0:y=0:w=iw:h=ih:color=$1:t=fill:enable=eq(n\\,0),drawbox=x=0:y=0:w=iw:h=ih:color=$2:t=fill:enable=eq(n\\,$3)"
}
make "$out/switch-a-1080p.mp4" -f lavfi -i "$(picture 1920x1080 5),$(ends red green 149)" -f lavfi -i "$(tone 440 5)" \
  "${h264[@]}" -maxrate 10M -bufsize 20M "${aac[@]}" -shortest -movflags +faststart
make "$out/switch-b-720p.mp4" -f lavfi -i "$(picture 1280x720 5),$(ends blue yellow 149)" -f lavfi -i "$(tone 660 5)" \
  "${h264[@]}" -maxrate 6M -bufsize 12M "${aac[@]}" -shortest -movflags +faststart
