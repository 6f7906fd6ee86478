#!/usr/bin/env bash
# Shows, or switches off and on, the kernel's proactive reclaim (DAMON kdamonds under /sys/kernel/mm/damon), which on
# the machines of this project's sessions pages out memory idle for a minute and about doubles latency tails (see
# README.md, "Where it stands"). The benches print its state; switching needs root.
# Usage: bench/damon.sh [show|off|on]
set -euo pipefail
dir=/sys/kernel/mm/damon/admin/kdamonds
[[ -d $dir ]] || { echo "no DAMON sysfs interface on this kernel"; exit 0; }
for k in "$dir"/[0-9]*; do
  [[ -d $k ]] || continue
  case ${1:-show} in
    show) ;;
    off|on) [[ $(cat "$k/state") == "$1" ]] || echo "$1" > "$k/state" ;;
    *) echo "usage: $0 [show|off|on]" >&2; exit 2 ;;
  esac
  echo "kdamond $(basename "$k"): $(cat "$k/state")"
done
