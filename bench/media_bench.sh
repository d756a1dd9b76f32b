#!/usr/bin/env bash
# Vitrine beside mpv and ffplay (and `ffmpeg -f null`, the decode limit) on the same generated
# clips, in the same run, on a virtual X display of 1920x1080 (Xvfb), players interleaved, several
# rounds; prints medians and Vitrine/peer ratios (issue 3, "Measured, side by side").
#   bash bench/media_bench.sh [--rounds N] [--quick] [--loop-minutes M] [--vitrine PATH]
#     --rounds N        rounds of the player runs, the A/V and the switch runs (default 3)
#     --quick           one round, the 1080p H.264 clip only, a one-minute loop (a smoke test)
#     --loop-minutes M  length of the memory loop (default 5)
#     --vitrine PATH    the binary to measure (default build/vitrine, built when missing)
# Report: bench/out/media-<date>.md (and on stdout); raw material: bench/out/media-run/.
#
# Per clip and round, in rotating order: Vitrine --renderer software, Vitrine --renderer gpu (GL
# through Mesa's llvmpipe here), mpv --vo=x11, mpv's default GPU output (--vo=gpu, allowed on
# llvmpipe with --gpu-sw), mpv --vo=sdl, ffplay, and ffmpeg -threads 1 -f null. All fullscreen.
# Sound: SDL's `disk` driver (paced like a device, written to /dev/null) for the SDL programs
# (Vitrine, ffplay) and for mpv too (--ao=sdl), so no player has a real device and all pay for
# decoding and resampling their sound.
# Per run: CPU seconds of the player (user+sys, /usr/bin/time) plus the X server's CPU over the
# run, per second of clip and per second of wall time; peak RSS; frames dropped and repeated
# (Vitrine's exit line; mpv's own counters through bench/mpv_stats.lua; ffplay's "fd=");
# start-up to the first frame (Vitrine's log; mpv's log file, whose clock starts in its main()).
# Then: the A/V offset of Vitrine measured from outside (bench/av_offset.py), the gap between two
# clips (Vitrine's timing log; mpv's log file and --dump-stats), and RSS over a long loop.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
rounds=3 loop_minutes=5 quick=0 vitrine="$root/build/vitrine"
usage() { sed -n '5,9p' "$0" | sed 's/^# //' >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) [ $# -ge 2 ] || usage; rounds=$2; shift ;;
    --loop-minutes) [ $# -ge 2 ] || usage; loop_minutes=$2; shift ;;
    --vitrine) [ $# -ge 2 ] || usage; vitrine=$(realpath "$2"); shift ;;
    --quick) quick=1 rounds=1 loop_minutes=1 ;;
    *) usage ;;
  esac
  shift
done
case "$rounds$loop_minutes" in *[!0-9]*) usage ;; esac

if [ "$(id -u)" -eq 0 ]; then
  bash scripts/install-deps.sh mpv sox python3 time >/dev/null
fi
for tool in mpv ffplay ffmpeg ffprobe Xvfb python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "media_bench: $tool is missing (bash scripts/install-deps.sh mpv sox python3 time)" >&2; exit 1; }
done
[ -x "$vitrine" ] || bash scripts/build.sh build >/dev/null
bash bench/make_clips.sh >/dev/null
clips="$root/bench/out/clips"
work="$root/bench/out/media-run"
rm -rf "$work"; mkdir -p "$work"

# A display of our own: the first free number below 10. mpv 0.35 takes a display numbered 10 or
# more for a remote one and then sends its pictures without shared memory (MIT-SHM), which would
# make its x11 output look dearer than it is; SDL uses shared memory on any local display.
display=""
for n in 1 2 3 4 5 6 7 8 9; do
  if [ ! -e "/tmp/.X$n-lock" ] && [ ! -e "/tmp/.X11-unix/X$n" ]; then display=$n; break; fi
done
if [ -z "$display" ]; then
  display=90
  while [ -e "/tmp/.X$display-lock" ] || [ -e "/tmp/.X11-unix/X$display" ]; do display=$((display + 1)); done
  echo "media_bench: displays 1-9 are taken; using :$display, where mpv --vo=x11 runs without shared memory" >&2
fi
Xvfb ":$display" -screen 0 1920x1080x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb=$!
loop_player=""
cleanup() {
  [ -n "$loop_player" ] && kill "$loop_player" 2>/dev/null || true
  kill "$xvfb" 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 100); do [ -e "/tmp/.X11-unix/X$display" ] && break; sleep 0.05; done
kill -0 "$xvfb" 2>/dev/null || { echo "media_bench: Xvfb did not start on :$display (see $work/xvfb.log)" >&2; exit 1; }
export DISPLAY=":$display"
export SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE=/dev/null

xvfb_ticks() { awk '{ print $14 + $15 }' "/proc/$xvfb/stat"; }
hz=$(getconf CLK_TCK)
results="$work/results.tsv"
printf 'round\tclip\tplayer\texit\twall_s\tuser_s\tsys_s\tmaxrss_kb\txvfb_s\tdropped\trepeated\tfirst_frame_ms\n' > "$results"

# kv KEY FILE: the value of the last KEY=value in FILE (empty when absent).
kv() { grep -o "$1=[-0-9.]*" "$2" 2>/dev/null | tail -1 | cut -d= -f2 || true; }

# run ROUND CLIP PLAYER COMMAND...: one measured run, appended to results.tsv.
run() {
  local round=$1 clip=$2 player=$3; shift 3
  local log="$work/$player-${clip%.*}-$round"
  local before after status
  before=$(xvfb_ticks)
  status=0
  /usr/bin/time -f 'time %e %U %S %M' -o "$log.time" "$@" >"$log.log" 2>&1 || status=$?
  after=$(xvfb_ticks)
  local wall user sys rss
  read -r _ wall user sys rss < <(grep '^time ' "$log.time" || echo "time NA NA NA NA")
  local dropped="" repeated="" first=""
  case "$player" in
    vitrine-*)
      dropped=$(kv video_frames_dropped "$log.log")
      repeated=$(kv video_frames_repeated "$log.log")
      first=$(kv since_start_ms "$log.log") ;;
    mpv-*)
      # Per file: decoder drops + output drops; "delayed" frames shown late count as repeated.
      dropped=$(awk '/^mpv-stats/ { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] != "vo_delayed") d += kv[2] } } END { if (NR) print d + 0 }' "$log.log")
      repeated=$(awk '/^mpv-stats/ { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == "vo_delayed") r += kv[2] } } END { if (NR) print r + 0 }' "$log.log")
      first=$(awk -F'[][]' '/first video frame after restart shown/ { printf "%.0f", $2 * 1000; exit }' "$log.mpvlog" 2>/dev/null || true) ;;
    ffplay)
      dropped=$(tr '\r' '\n' < "$log.log" | grep -o 'fd= *[0-9]*' | tail -1 | tr -dc '0-9' || true) ;;
  esac
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$clip" "$player" "$status" \
    "$wall" "$user" "$sys" "$rss" "$(awk -v a="$before" -v b="$after" -v hz="$hz" 'BEGIN { printf "%.2f", (b - a) / hz }')" \
    "${dropped:-NA}" "${repeated:-NA}" "${first:-NA}" >> "$results"
}

mpv_args() {  # mpv_args LOGBASE: the options every mpv run shares
  echo --no-config --fs --really-quiet --ao=sdl --script="$root/bench/mpv_stats.lua" --log-file="$1.mpvlog"
}
players=(vitrine-software mpv-x11 vitrine-gpu mpv-gpu ffplay mpv-sdl ffmpeg-null)
play() {  # play ROUND CLIP PLAYER
  local r=$1 c=$2 p=$3 path="$clips/$2" base="$work/$3-${2%.*}-$1"
  case "$p" in
    vitrine-software) run "$r" "$c" "$p" "$vitrine" play "$path" --once --renderer software ;;
    vitrine-gpu) run "$r" "$c" "$p" "$vitrine" play "$path" --once --renderer gpu ;;
    # shellcheck disable=SC2046  # mpv_args is a word list without spaces in its words
    mpv-x11) run "$r" "$c" "$p" mpv $(mpv_args "$base") --vo=x11 "$path" ;;
    mpv-gpu) run "$r" "$c" "$p" mpv $(mpv_args "$base") --vo=gpu --gpu-sw=yes "$path" ;;
    mpv-sdl) run "$r" "$c" "$p" mpv $(mpv_args "$base") --vo=sdl "$path" ;;
    ffplay) run "$r" "$c" "$p" ffplay -autoexit -fs -loglevel info -stats "$path" ;;
    ffmpeg-null) run "$r" "$c" "$p" ffmpeg -nostdin -threads 1 -i "$path" -f null - ;;
  esac
}

if [ "$quick" -eq 1 ]; then timed=(h264-1080p30.mp4); else timed=(h264-1080p30.mp4 h264-2160p30.mp4 vp9-1080p30.webm); fi
for r in $(seq "$rounds"); do
  for c in "${timed[@]}"; do
    for i in "${!players[@]}"; do  # each round starts one player later: no player always goes first
      p=${players[$(( (i + r - 1) % ${#players[@]} ))]}
      echo "round $r/$rounds: $c: $p" >&2
      play "$r" "$c" "$p"
    done
  done

  # A/V offset, measured from outside: the sound SDL's disk driver wrote, against the frame log.
  for renderer in software gpu; do
    echo "round $r/$rounds: av-sync.mp4: vitrine-$renderer" >&2
    base="$work/av-$renderer-$r"
    SDL_DISKAUDIOFILE="$base.raw" "$vitrine" play "$clips/av-sync.mp4" --once --renderer "$renderer" \
      --timing-log "$base.timing" >"$base.log" 2>&1 || echo "exit $?" >> "$base.log"
    python3 bench/av_offset.py --timing "$base.timing" --raw "$base.raw" --clip "$clips/av-sync.mp4" \
      >"$base.offsets" 2>&1 || true
  done

  # The switch between two clips of different sizes: Vitrine's ad-hoc playlist and mpv's.
  for p in vitrine-software vitrine-gpu mpv-x11; do
    echo "round $r/$rounds: switch: $p" >&2
    base="$work/switch-$p-$r"
    case "$p" in
      vitrine-*) "$vitrine" play "$clips/switch-a-1080p.mp4" "$clips/switch-b-720p.mp4" --once \
                   --renderer "${p#vitrine-}" --timing-log "$base.timing" >"$base.log" 2>&1 || echo "exit $?" >> "$base.log" ;;
      # shellcheck disable=SC2046
      mpv-x11) mpv $(mpv_args "$base") --vo=x11 --dump-stats="$base.stats" \
                 "$clips/switch-a-1080p.mp4" "$clips/switch-b-720p.mp4" >"$base.log" 2>&1 || echo "exit $?" >> "$base.log" ;;
    esac
  done
done

# Memory while Vitrine loops the two switch clips (no --once): VmRSS every 5 s.
echo "loop: $loop_minutes min" >&2
"$vitrine" play "$clips/switch-a-1080p.mp4" "$clips/switch-b-720p.mp4" --renderer software \
  --stop-after $((loop_minutes * 60)) >"$work/loop.log" 2>&1 &
loop_player=$!
printf 'seconds\trss_kb\thwm_kb\n' > "$work/loop-rss.tsv"
start=$(date +%s)
while kill -0 "$loop_player" 2>/dev/null; do
  sample=$(awk '/^VmRSS/ { r = $2 } /^VmHWM/ { h = $2 } END { if (r) print r "\t" h }' "/proc/$loop_player/status" 2>/dev/null || true)
  [ -n "$sample" ] && printf '%s\t%s\n' "$(( $(date +%s) - start ))" "$sample" >> "$work/loop-rss.tsv"
  sleep 5
done
wait "$loop_player" || echo "exit $?" >> "$work/loop.log"
loop_player=""

report="$root/bench/out/media-$(date +%Y%m%d-%H%M).md"
python3 bench/media_summary.py "$work" --rounds "$rounds" --loop-minutes "$loop_minutes" | tee "$report"
echo "report: $report" >&2
