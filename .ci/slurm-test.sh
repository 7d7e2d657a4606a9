#!/usr/bin/env bash
# Integration test of sharded batches on a real Slurm: a single-node cluster
# on this machine (munged, slurmctld, slurmd), a 4-task job array running
# `clinicsim batch --shard slurm/4`, then `clinicsim merge`, compared byte
# for byte with the unsharded batch. It stops the daemons it started.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v slurmctld >/dev/null 2>&1 || ! command -v munged >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null
fi

go build -o bin/clinicsim ./cmd/clinicsim
work=$(mktemp -d /tmp/clinicsim-slurm.XXXXXX)
chmod 755 "$work"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -f "$work/slurmctld.pid" ] && kill "$(cat "$work/slurmctld.pid")" 2>/dev/null || true
  [ -f "$work/slurmd.pid" ] && kill "$(cat "$work/slurmd.pid")" 2>/dev/null || true
  [ -f "$work/munged.pid" ] && kill "$(cat "$work/munged.pid")" 2>/dev/null || true
}
trap cleanup EXIT

# munge: a key and a daemon of our own.
mkdir -p "$work/munge"
dd if=/dev/urandom of="$work/munge/munge.key" bs=1 count=1024 status=none
chmod 400 "$work/munge/munge.key"
mkdir -p /run/munge
munged --force --key-file="$work/munge/munge.key" --socket=/run/munge/munge.socket.2 \
  --pid-file="$work/munged.pid" --log-file="$work/munged.log" --seed-file="$work/munge/seed" 2>/dev/null || \
munged --force --key-file="$work/munge/munge.key" --socket=/run/munge/munge.socket.2 \
  --pid-file="$work/munged.pid" --log-file="$work/munged.log"

node=$(hostname -s)
mkdir -p "$work/state" "$work/spool"
cat > "$work/slurm.conf" <<EOF
ClusterName=clinicsim
SlurmctldHost=$node
AuthType=auth/munge
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ReturnToService=2
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
NodeName=$node CPUs=$(nproc) State=UNKNOWN
PartitionName=debug Nodes=$node Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF="$work/slurm.conf"
slurmctld
slurmd
for _ in $(seq 60); do
  if sinfo -h -o %T 2>/dev/null | grep -qE 'idle|mixed'; then break; fi
  sleep 1
done
sinfo

sbatch --wait --array=1-4 --chdir="$PWD" --output="$work/job-%a.out" \
  --wrap="bin/clinicsim batch --shard slurm/4 --out $work/shards/\$SLURM_ARRAY_TASK_ID -q --lang en"
bin/clinicsim merge --lang en --out "$work/merged" "$work"/shards/*
bin/clinicsim batch --lang en --out "$work/whole" -q
if diff -r "$work/whole" "$work/merged"; then
  echo "slurm: 1 passed, 0 failed"
else
  echo "slurm: 0 passed, 1 failed"
  exit 1
fi
