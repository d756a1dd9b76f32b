#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ (clang 19, AddressSanitizer, UndefinedBehaviorSanitizer)
# and runs each one for a bounded time, seeded with the matching files of tests/fixtures/.
#
#   bash scripts/fuzz.sh [SECONDS] [TARGET...]
#     SECONDS  how long each target is fuzzed (default 60)
#     TARGET   caption_fuzzer, image_header_fuzzer, playlist_fuzzer (default: all three)
#   FUZZ_BUILD_DIR  build folder (default build-fuzz)
#   FUZZ_JOBS       parallel compile jobs (default 2)
#
# For each target:
#  1. the reproducers kept in fuzz/crashes/<target>-* are replayed: one that still fails is
#     reported (a known bug not fixed yet, or a fixed one come back);
#  2. the target is fuzzed for SECONDS in libFuzzer's fork mode, which goes on after a crash, so
#     the whole time is used and every distinct failure is kept. Failing inputs (crash, sanitizer
#     report, broken contract, over 10 s, over 2 GB) land in $FUZZ_BUILD_DIR/findings/<target>/;
#     the corpus grows in $FUZZ_BUILD_DIR/corpus/<target>/. Reproduce one with
#       $FUZZ_BUILD_DIR/<target> <file>
#     and keep a minimal one as fuzz/crashes/<target>-<what>.<ext>, so step 1 checks it from then on.
# Exit status: 0 when everything ran clean, 1 otherwise. Run as root on Debian 12.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
shift || true
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -lt 1 ]; then
  echo "usage: bash scripts/fuzz.sh [SECONDS] [TARGET...]" >&2
  exit 2
fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(caption_fuzzer image_header_fuzzer playlist_fuzzer)
build=${FUZZ_BUILD_DIR:-build-fuzz}
jobs=${FUZZ_JOBS:-2}

# Debian 12's default clang (14) cannot build this C++23: libstdc++ 12 offers std::expected only
# when __cpp_concepts >= 202002L, which clang defines from version 19 on. libclang-rt-19-dev
# holds libFuzzer and the sanitizer runtimes.
bash scripts/install-deps.sh clang-19 libclang-rt-19-dev

cmake -S fuzz -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++-19 -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j "$jobs" --target "${targets[@]}"

seed_patterns() {
  case "$1" in
    caption_fuzzer) echo '*.srt *.vtt' ;;
    image_header_fuzzer) echo '*.png *.jpg *.jpeg *.gif *.webp' ;;
    playlist_fuzzer) echo '*.toml' ;;
    *) echo "unknown target: $1" >&2; return 1 ;;
  esac
}
max_len() {
  case "$1" in
    image_header_fuzzer) echo 65536 ;;  # a JPEG's APPn segments come before its size
    *) echo 16384 ;;
  esac
}

failed=()
for t in "${targets[@]}"; do
  bin="$build/$t"
  echo "== $t"

  # 1. Known reproducers.
  while IFS= read -r -d '' repro; do
    if "$bin" "$repro" >"$build/$t.replay.log" 2>&1; then
      echo "   replay $repro: clean"
    else
      echo "!! replay $repro: still fails"
      grep -m1 -E 'runtime error|ERROR: AddressSanitizer|contract broken' "$build/$t.replay.log" | sed 's/^/      /' || true
      failed+=("$t (known reproducer)")
    fi
  done < <(find fuzz/crashes -type f -name "$t-*" -print0 2>/dev/null | sort -z)

  # 2. Fuzzing, seeded with the fixtures this parser is meant for (copied: libFuzzer never
  #    writes into tests/).
  seeds="$build/seeds/$t"
  corpus="$build/corpus/$t"
  findings="$build/findings/$t"
  rm -rf "$seeds"
  mkdir -p "$seeds" "$corpus" "$findings"
  for pattern in $(seed_patterns "$t"); do
    find tests/fixtures playlists -type f -name "$pattern" -exec cp {} "$seeds/" \; 2>/dev/null || true
  done
  dict=()
  [ -f "fuzz/${t%_fuzzer}.dict" ] && dict=(-dict="fuzz/${t%_fuzzer}.dict")
  before=$(find "$findings" -type f | wc -l)
  echo "   fuzzing ${seconds}s from $(find "$seeds" -type f | wc -l) seed files"
  "$bin" "${dict[@]}" -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$(max_len "$t")" \
    -artifact_prefix="$findings/" "$corpus" "$seeds" >"$build/$t.log" 2>&1 || true
  # The last progress line: executions, coverage, corpus size and oom/timeout/crash counts.
  grep -E '^#[0-9]+: cov:' "$build/$t.log" | tail -1 | sed 's/^/   /' || true
  after=$(find "$findings" -type f | wc -l)
  if [ "$after" -gt "$before" ]; then
    echo "!! $t: $((after - before)) failing inputs saved in $findings/ (log: $build/$t.log)"
    grep -E 'runtime error|ERROR: AddressSanitizer|ERROR: libFuzzer|contract broken' "$build/$t.log" |
      sort | uniq -c | sort -rn | head -5 | sed 's/^/      /' || true
    failed+=("$t")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzzing found problems in: ${failed[*]}"
  exit 1
fi
echo "fuzzing: ${#targets[@]} targets, ${seconds}s each, nothing found"
