#!/usr/bin/env bash
# Installs what is needed, builds, and runs every test: once as a normal build and once with
# AddressSanitizer and UndefinedBehaviorSanitizer. Run as root on Debian 12 (apt-get).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh build
(cd build && ctest --output-on-failure)
if [ "${VITRINE_SKIP_SANITIZERS:-0}" != 1 ]; then
  bash scripts/build.sh build-asan -DVITRINE_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
  (cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
     ctest --output-on-failure)
fi
