#!/usr/bin/env bash
# run-case.sh NAME INPUT_DIR [compute/oracle options...]: fresh embedded DB under /tmp/oracle-run/NAME, ingest,
# compute, run the oracle with the same options, compare. Leaves the cluster running (stop: flywheel-run db stop).
set -uo pipefail
name=$1; input=$(cd "$2" && pwd); shift 2
B=${FLYWHEEL_BIN:-/work/main/.build-oracle/debug/flywheel-run}
here=$(cd "$(dirname "$0")" && pwd)
d=/tmp/oracle-run/$name
# options that matter at ingest (bare dates use the reporting zone)
ingest_opts=(); i=0; args=("$@")
while [ $i -lt ${#args[@]} ]; do
  case "${args[$i]}" in --reporting-timezone|--reporting-currency) ingest_opts+=("${args[$i]}" "${args[$((i+1))]}");; esac
  i=$((i+1))
done
if [ "${KEEP_DB:-0}" != 1 ]; then
  [ -d "$d/.fw" ] && (cd "$d" && "$B" db stop --data-dir "$d/.fw" >/dev/null 2>&1)
  rm -rf "$d"; mkdir -p "$d"
  (cd "$d" && "$B" db start --data-dir "$d/.fw" >/dev/null 2>&1) || { echo "db start failed"; exit 1; }
  (cd "$d" && "$B" ingest "$input" --data-dir "$d/.fw" "${ingest_opts[@]}" > "$d/ingest.log" 2>&1); echo "ingest rc=$?"
fi
(cd "$d" && "$B" compute --data-dir "$d/.fw" "$@" ${FULL:+--full} > "$d/compute.log" 2>&1); echo "compute rc=$?"; tail -2 "$d/compute.log"
python3 "$here/oracle.py" "$input" "$@" --out "$d/oracle" || exit 1
python3 "$here/compare.py" "$d/oracle" "host=$d/.fw/postgres port=5432 user=flywheel dbname=flywheel" ${MAXD:+--max $MAXD}
