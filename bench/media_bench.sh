#!/usr/bin/env bash
# Vitrine beside mpv and ffplay (and `ffmpeg -f null`, the decode limit) on the same clips, in
# the same run, under Xvfb at 1920x1080, interleaved, several rounds; medians and ratios.
#   bash bench/media_bench.sh [--rounds N] [--loop-minutes M] [--quick]
# --quick: one round, the 1080p clip only, a one-minute loop. Results: bench/out/media-<date>.md
# Measures: CPU seconds (player + X server) per second of playback, peak RSS, frames dropped,
# start-up to first frame (Vitrine's log), the A/V offset of Vitrine measured from outside
# (flash frames in its frame log against beeps in the sound SDL's disk driver wrote), the gap
# between two clips (Vitrine's frame log; mpv's position changes), and RSS over a long loop.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
rounds=3 loop_minutes=5 quick=0
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift ;;
    --loop-minutes) loop_minutes=$2; shift ;;
    --quick) quick=1 rounds=1 loop_minutes=1 ;;
    *) echo "usage: $0 [--rounds N] [--loop-minutes M] [--quick]" >&2; exit 2 ;;
  esac
  shift
done

bash scripts/install-deps.sh mpv sox python3 time >/dev/null
[ -x build/vitrine ] || bash scripts/build.sh build >/dev/null
bash bench/make_clips.sh >/dev/null
vitrine="$root/build/vitrine"
clips="$root/bench/out/clips"
work="$root/bench/out/media-run"
rm -rf "$work"; mkdir -p "$work"

# A display of our own: the first free number from 90.
display=90
while [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ]; do display=$((display + 1)); done
Xvfb ":$display" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
export DISPLAY=":$display"
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done 2>/dev/null || sleep 2
export SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE=/dev/null  # SDL programs play into a file, paced like a device

ticks() { awk '{ print $14 + $15 }' "/proc/$xvfb/stat"; }
hz=$(getconf CLK_TCK)
results="$work/results.tsv"
printf 'round\tclip\tplayer\tseconds\tuser\tsys\tmaxrss_kb\txvfb_s\tdropped\trepeated\tfirst_frame_ms\n' > "$results"

# run ROUND CLIP PLAYER COMMAND...: one measured run.
run() {
  local round=$1 clip=$2 player=$3; shift 3
  local log="$work/$player-$(basename "$clip")-$round.log" before after
  before=$(ticks)
  /usr/bin/time -f 'time %e %U %S %M' -o "$log.time" "$@" >"$log" 2>&1 || true
  after=$(ticks)
  read -r _ secs user sys rss < "$log.time"
  local dropped=NA repeated=NA first=NA
  case "$player" in
    vitrine*)
      dropped=$(grep -o 'video_frames_dropped=[0-9]*' "$log" | cut -d= -f2 || echo NA)
      repeated=$(grep -o 'video_frames_repeated=[0-9]*' "$log" | cut -d= -f2 || echo NA)
      first=$(grep -o 'event=first-frame since_start_ms=[0-9]*' "$log" | head -1 | cut -d= -f3 || echo NA) ;;
    mpv*)
      dropped=$(awk '/mpv-stats/ { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] != "vo_delayed") d += kv[2]; else r += kv[2] } } END { print d + 0 }' "$log")
      repeated=$(awk '/mpv-stats/ { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == "vo_delayed") r += kv[2] } } END { print r + 0 }' "$log") ;;
    ffplay)
      dropped=$(tr '\r' '\n' < "$log" | grep -o 'fd= *[0-9]*' | tail -1 | tr -dc '0-9' || echo NA) ;;
  esac
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$(basename "$clip")" "$player" "$secs" "$user" "$sys" "$rss" \
    "$(awk -v a="$before" -v b="$after" -v hz="$hz" 'BEGIN { printf "%.2f", (b - a) / hz }')" "${dropped:-NA}" "${repeated:-NA}" "${first:-NA}" >> "$results"
}

mpv_common=(--no-config --fs --really-quiet --ao=sdl --script="$root/bench/mpv_stats.lua")
play_all() {  # play_all ROUND CLIP
  local r=$1 c=$2
  run "$r" "$c" vitrine-software "$vitrine" play "$c" --once --renderer software
  run "$r" "$c" mpv-x11 mpv "${mpv_common[@]}" --vo=x11 "$c"
  run "$r" "$c" vitrine-gpu "$vitrine" play "$c" --once --renderer gpu
  run "$r" "$c" mpv-gpu mpv "${mpv_common[@]}" --vo=gpu --gpu-sw=yes "$c"
  run "$r" "$c" mpv-sdl mpv "${mpv_common[@]}" --vo=sdl "$c"
  run "$r" "$c" ffplay ffplay -autoexit -fs -loglevel info -stats "$c"
  run "$r" "$c" ffmpeg-null ffmpeg -nostdin -threads 1 -i "$c" -f null -
}

if [ "$quick" -eq 1 ]; then set -- h264-1080p30.mp4; else set -- h264-1080p30.mp4 h264-2160p30.mp4 vp9-1080p30.webm; fi
for r in $(seq "$rounds"); do
  for c in "$@"; do
    echo "round $r: $c" >&2
    play_all "$r" "$clips/$c"
  done
done

# A/V offset, measured: flashes in the frame log against beeps in the sound written to disk.
for renderer in software gpu; do
  SDL_DISKAUDIOFILE="$work/sync-$renderer.raw" "$vitrine" play "$clips/sync.mp4" --once --renderer "$renderer" \
    --timing-log "$work/sync-$renderer.timing" >"$work/sync-$renderer.log" 2>&1 || true
done

# The switch between two clips of different sizes.
for r in $(seq "$rounds"); do
  "$vitrine" play "$clips/switch-a.mp4" "$clips/switch-b.mp4" --once --renderer software \
    --timing-log "$work/switch-$r.timing" >"$work/switch-$r.log" 2>&1 || true
  mpv "${mpv_common[@]}" --vo=x11 "$clips/switch-a.mp4" "$clips/switch-b.mp4" >"$work/mpv-switch-$r.log" 2>&1 || true
done

# RSS while looping the two clips: sampled every 5 s.
"$vitrine" play "$clips/switch-a.mp4" "$clips/switch-b.mp4" --renderer software --stop-after $((loop_minutes * 60)) \
  >"$work/loop.log" 2>&1 &
player=$!
: > "$work/loop-rss.tsv"
start=$(date +%s)
while kill -0 "$player" 2>/dev/null; do
  rss=$(awk '/VmRSS/ { print $2 }' "/proc/$player/status" 2>/dev/null || true)
  [ -n "$rss" ] && printf '%s\t%s\n' "$(( $(date +%s) - start ))" "$rss" >> "$work/loop-rss.tsv"
  sleep 5
done
wait "$player" || true

python3 bench/media_report.py "$work" | tee "bench/out/media-$(date +%Y%m%d-%H%M).md"
