#!/usr/bin/env bash
# Builds the benchmark jar and runs one benchmark class (a JMH regex), writing the results to
# monitor-benchmarks/results/<name>.json and <name>.txt. Extra arguments go to JMH.
#
#   monitor-benchmarks/run.sh HealthReportBenchmark
#   monitor-benchmarks/run.sh ScrubberBenchmark -f 3 -wi 3 -i 5 -prof gc
set -euo pipefail
if [ $# -lt 1 ]; then
  echo "usage: $0 <BenchmarkClass> [JMH options...]" >&2
  exit 2
fi
name=$1
shift
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
./mvnw -q -B -DskipTests -pl monitor-benchmarks -am package
mkdir -p monitor-benchmarks/results
out="monitor-benchmarks/results/$name"
{
  echo "# command: monitor-benchmarks/run.sh $name $*"
  echo "# date: $(date -u +%Y-%m-%dT%H:%M:%SZ)  java: $(java -version 2>&1 | head -1)  cpus: $(nproc)"
} > "$out.txt"
java -jar monitor-benchmarks/target/benchmarks.jar "$name" -rf json -rff "$out.json" "$@" | tee -a "$out.txt"
echo "results: $out.txt, $out.json"
