#!/usr/bin/env bash
# Fuzz one target without cargo-fuzz: the same instrumentation `cargo fuzz` uses (libFuzzer's
# coverage counters and comparison tracing), built with a nightly toolchain.
#   fuzz/run.sh session 300     # target (session|config), seconds
# New inputs go to fuzz/target/work/<target> (not committed); crashes to fuzz/artifacts/<target>/.
set -euo pipefail
target=${1:?usage: fuzz/run.sh session|config [seconds]}
seconds=${2:-300}
here=$(cd "$(dirname "$0")" && pwd)
triple=$(rustc +nightly -vV | sed -n 's/^host: //p')
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$here/target}
# --target keeps the instrumentation off build scripts and proc macros.
RUSTFLAGS="--cfg fuzzing -Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares -Cdebug-assertions -Coverflow-checks" \
    cargo +nightly build --manifest-path "$here/Cargo.toml" --release --target "$triple" \
    --bin "$target"
mkdir -p "$CARGO_TARGET_DIR/work/$target" "$here/artifacts/$target"
exec "$CARGO_TARGET_DIR/$triple/release/$target" -max_total_time="$seconds" -timeout=5 \
    -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
    -artifact_prefix="$here/artifacts/$target/" \
    "$CARGO_TARGET_DIR/work/$target" "$here/corpus/$target"
