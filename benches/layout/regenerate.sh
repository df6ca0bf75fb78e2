#!/usr/bin/env bash
# Regenerates src/link/hot.ld: which functions a waiting knotless runs, so build.rs can put
# them together (see build.rs). Rerun after large changes or a toolchain update; the process
# benchmark (`cargo bench --bench process`) shows whether the layout still pays off.
#
# Needs gdb, tmux, nm and python3. Takes a few minutes (one unstripped release build).
# It records two runs of the real binary in a fresh XDG home: the TUI through the safety
# notice, the home screen, a session's check-in and a countdown with a pause; and
# `remind --every 30m` waiting.
set -euo pipefail
cd "$(dirname "$0")/../.."
here=benches/layout
work=$(mktemp -d)
echo "work files in $work"
socket=knotless-layout-$$
trap 'tmux -L "$socket" kill-server 2>/dev/null || true; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT

echo "building an unstripped release binary with a link map..."
CARGO_PROFILE_RELEASE_STRIP=false cargo rustc --release --bin knotless \
    --target-dir target/layout -- -C link-arg=-Wl,-Map="$work/map.txt" >/dev/null
bin=$(ls target/layout/*/release/knotless)

run() { # run NAME ARGS...: the binary under trace.py in a 100x30 tmux pane
    local name=$1
    shift
    rm -rf "$work/home"
    mkdir -p "$work/home"
    tmux -L "$socket" kill-server 2>/dev/null || true
    sleep 1
    tmux -L "$socket" new-session -d -x 100 -y 30 \
        -e XDG_CONFIG_HOME="$work/home/config" -e XDG_DATA_HOME="$work/home/data" \
        -e XDG_STATE_HOME="$work/home/state" -e DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent \
        -e TRACE_OUT="$work/$name.hits" \
        "gdb -q -batch -x $here/trace.py --args $bin $*; sleep 600"
}
screen() { tmux -L "$socket" capture-pane -p; }
wait_for() { # wait_for TEXT: until the pane shows TEXT (start-up under gdb takes a while)
    for _ in $(seq 1 120); do
        if screen | grep -q -- "$1"; then return 0; fi
        sleep 1
    done
    echo "gave up waiting for '$1'; the pane shows:" >&2
    screen >&2
    exit 1
}
settle() { # settle FILE: until the trace stops growing for 5 s (gdb needs a while to start)
    local last=-1 same=0 size
    for _ in $(seq 1 180); do
        size=$(stat -c %s "$1" 2>/dev/null || echo 0)
        if [ "$size" -gt 0 ] && [ "$size" -eq "$last" ]; then
            same=$((same + 1))
            if [ "$same" -ge 5 ]; then return 0; fi
        else
            same=0
        fi
        last=$size
        sleep 1
    done
}
key() { tmux -L "$socket" send-keys "$@"; sleep 2; }

echo "tracing the TUI..."
run tui
wait_for "I understand"
key Enter
wait_for "Enter open"
key Enter
key Enter
key Enter
wait_for "phase 1 of"
sleep 8
key Space
sleep 3
key Space
settle "$work/tui.hits"

echo "tracing remind..."
run remind remind --every 30m
settle "$work/remind.hits"

python3 "$here/make_hot_ld.py" "$work/map.txt" "$work/tui.hits" "$work/remind.hits" \
    > src/link/hot.ld
echo "wrote src/link/hot.ld"
