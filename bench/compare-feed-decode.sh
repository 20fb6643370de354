#!/usr/bin/env bash
# Measures the feed decoder against the C reference on the same stream, in one session.
# Usage: bench/compare-feed-decode.sh BENCH_DIR [RUNS]
#   BENCH_DIR contains gen_stream.py, validate_stream.py and ref_decode.c of the feed-decode
#   benchmark. Each run is 30 passes; the script prints every run, the checksum comparison,
#   and the median packets/s of each decoder with their ratios.
set -euo pipefail

bench_dir=${1:?usage: compare-feed-decode.sh BENCH_DIR [RUNS]}
runs=${2:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
top=$(cd "$(dirname "$0")/.." && pwd)

python3 "$bench_dir/gen_stream.py" "$work/stream.bin"
python3 "$bench_dir/validate_stream.py" "$work/stream.bin" > "$work/validator.json"
gcc -O2 -o "$work/ref_decode" "$bench_dir/ref_decode.c"
dotnet build -c Release "$top/bench/Tarang.Benchmarks" -v quiet -nologo > /dev/null
runner="$top/bench/Tarang.Benchmarks/bin/Release/net10.0/Tarang.Benchmarks.dll"

for run in $(seq "$runs"); do
  # Alternate the order so neither decoder always runs on a warmer machine.
  if [ $((run % 2)) -eq 1 ]; then
    "$work/ref_decode" "$work/stream.bin" --passes 30 > "$work/c.$run.json"
    dotnet "$runner" decode-stream "$work/stream.bin" --passes 30 > "$work/tarang.$run.txt"
  else
    dotnet "$runner" decode-stream "$work/stream.bin" --passes 30 > "$work/tarang.$run.txt"
    "$work/ref_decode" "$work/stream.bin" --passes 30 > "$work/c.$run.json"
  fi
done

python3 - "$work" "$runs" <<'PY'
import json
import re
import statistics
import sys

work, runs = sys.argv[1], int(sys.argv[2])
expected = json.load(open(f"{work}/validator.json"))["checksums"]
c_rates, raw_rates, rounded_rates, raw_bytes, rounded_bytes = [], [], [], [], []
for run in range(1, runs + 1):
    c = json.load(open(f"{work}/c.{run}.json"))
    assert c["checksums"] == expected, "the C reference's checksums differ from the validator's"
    c_rates.append(c["pps"] / 1e6)
    for line in open(f"{work}/tarang.{run}.txt"):
        if line.startswith("{"):
            result = json.loads(line)
            status = "match" if result["checksums"] == expected else "DIFFER"
            if run == 1:
                print(f"{result['impl']}: {len(result['checksums'])} checksums, {status} the validator")
            assert status == "match"
        match = re.match(r"(raw|rounded): median ([\d.]+) M packets/s, [\d.]+ ns/packet, ([\d.]+) bytes", line)
        if match:
            (raw_rates if match[1] == "raw" else rounded_rates).append(float(match[2]))
            (raw_bytes if match[1] == "raw" else rounded_bytes).append(float(match[3]))
    print(f"run {run}: C {c_rates[-1]:.1f} M/s, raw {raw_rates[-1]:.1f} M/s, rounded {rounded_rates[-1]:.1f} M/s")

c, raw, rounded = (statistics.median(x) for x in (c_rates, raw_rates, rounded_rates))
print(f"median of {runs} runs: C reference {c:.1f} M packets/s; "
      f"(a) raw {raw:.1f} M/s = {raw / c:.2f} of C, {statistics.median(raw_bytes):.4f} bytes/packet; "
      f"(b) rounded {rounded:.1f} M/s = {rounded / c:.2f} of C, {statistics.median(rounded_bytes):.4f} bytes/packet")
PY
