#!/bin/sh
# Measures the flash bytes (.text + .data, arm-none-eabi-size) of every device runtime module
# for one Cortex-M core, compiled like the cross builds (docs/targets.md). Prints
# "<module> <bytes>" per line. engine/src/selection/flash_table.cpp holds the output for every
# core; test_footprint.cpp re-runs this to check the table has not rotted.
#   usage: measure_module_sizes.sh <repo root> <core: m0plus|m3|m4|m4-soft|m7|m7-soft|m33>
set -eu
root=$1
core=$2
case $core in
  m0plus)  flags="-mcpu=cortex-m0plus -mfloat-abi=soft" ;;
  m3)      flags="-mcpu=cortex-m3 -mfloat-abi=soft" ;;
  m4)      flags="-mcpu=cortex-m4 -mfloat-abi=hard -mfpu=fpv4-sp-d16" ;;
  m4-soft) flags="-mcpu=cortex-m4 -mfloat-abi=soft" ;;
  m7)      flags="-mcpu=cortex-m7 -mfloat-abi=hard -mfpu=fpv5-d16" ;;
  m7-soft) flags="-mcpu=cortex-m7 -mfloat-abi=soft" ;;
  m33)     flags="-mcpu=cortex-m33 -mfloat-abi=hard -mfpu=fpv5-sp-d16" ;;
  *) echo "unknown core: $core" >&2; exit 2 ;;
esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for src in "$root"/device_runtime/src/*.c; do
  module=$(basename "$src" .c)
  [ "$module" = facade ] && continue
  # shellcheck disable=SC2086
  arm-none-eabi-gcc -std=c99 -mthumb $flags -Os -ffunction-sections -fdata-sections \
    -ffp-contract=off -fno-fast-math -I"$root/device_runtime/include" -I"$root/device_runtime/src" \
    -c "$src" -o "$tmp/$module.o"
  arm-none-eabi-size "$tmp/$module.o" | awk -v m="$module" 'NR == 2 { print m, $1 + $2 }'
done
