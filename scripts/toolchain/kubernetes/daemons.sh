#!/usr/bin/env bash
# Starting, finding and ending the local cluster's processes. Sourced after env.sh, never run on its own.

# The programs this cluster builds and runs as daemons (kubectl and kubeadm only run in the foreground).
CLUSTER_DAEMONS="etcd kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy coredns volume-provisioner"
PID_DIR=$K8S_RUN/pids

# start_daemon NAME COMMAND...: runs COMMAND in a session of its own with its output in logs/NAME.log, so it
# outlives the toolchain run; its pid goes to the run directory.
start_daemon() {
  local name=$1
  shift
  mkdir -p "$PID_DIR" "$K8S_LOGS"
  setsid "$@" >"$K8S_LOGS/$name.log" 2>&1 </dev/null &
  echo "$!" >"$PID_DIR/$name.pid"
}

# daemon_alive NAME: the process recorded for NAME is running (and not a zombie).
daemon_alive() {
  local pid
  pid=$(cat "$PID_DIR/$1.pid" 2>/dev/null) && [ -n "$pid" ] && any_alive "$pid"
}

# wait_for NAME SECONDS COMMAND...: polls COMMAND four times a second until it succeeds; fails, showing the end
# of NAME's log, when NAME's process ends or the time is up.
wait_for() {
  local name=$1 deadline=$((SECONDS + $2))
  shift 2
  while ((SECONDS < deadline)); do
    "$@" >/dev/null 2>&1 && return 0
    if ! daemon_alive "$name"; then
      tail -n 15 "$K8S_LOGS/$name.log" >&2
      fail kubernetes "$name exited (log: $K8S_LOGS/$name.log)" "fix the cause in its log and run the step again"
    fi
    sleep 0.25
  done
  tail -n 15 "$K8S_LOGS/$name.log" >&2
  fail kubernetes "$name was not ready in time (log: $K8S_LOGS/$name.log)" \
    "read its log; 'npm run toolchain:kubernetes:stop' and start again"
}

# cluster_processes [PROGRAM...]: the pids of this cluster's processes, of this run or of a killed one (only those
# running one of the PROGRAMs when given): its own daemons, and Debian's containerd, the containerd shims and
# docker-registry when their command line names this cluster.
cluster_processes() {
  local proc exe cmd
  for proc in /proc/[0-9]*; do
    exe=$(readlink "$proc/exe" 2>/dev/null) || continue
    exe=${exe% (deleted)}
    [ $# -eq 0 ] || [[ " $* " == *" ${exe##*/} "* ]] || continue
    case $exe in
      "$K8S_BUILDS"/*/bin/*)
        [[ " $CLUSTER_DAEMONS " == *" ${exe##*/} "* ]] && echo "${proc#/proc/}"
        ;;
      */containerd | */containerd-shim-runc-v2 | */docker-registry)
        cmd=$(tr '\0' ' ' <"$proc/cmdline" 2>/dev/null) || continue
        [[ $cmd == *"$K8S_RUN"* || $cmd == *"$K8S_CONFIG"* ]] && echo "${proc#/proc/}"
        ;;
    esac
  done
  return 0
}

# pod_processes: every process in the pods' cgroups (cgroup v1 controllers or the v2 tree).
pod_processes() {
  local tree
  find /sys/fs/cgroup -maxdepth 2 -type d -name kubepods 2>/dev/null | while IFS= read -r tree; do
    find "$tree" -name cgroup.procs -exec cat {} + 2>/dev/null
  done | sort -u
}

# any_alive PID...: one of the processes still runs (zombies do not count).
any_alive() {
  local pid
  for pid in "$@"; do
    [ -d "/proc/$pid" ] && ! grep -q '^State:.*Z' "/proc/$pid/status" 2>/dev/null && return 0
  done
  return 1
}

# end_processes SECONDS PID...: SIGTERM (unless SECONDS is 0), then SIGKILL for what still runs after SECONDS;
# returns once they are gone.
end_processes() {
  local seconds=$1 deadline
  shift
  [ $# -gt 0 ] || return 0
  deadline=$((SECONDS + seconds))
  ((seconds == 0)) || kill -TERM "$@" 2>/dev/null || true
  while any_alive "$@" && ((SECONDS < deadline)); do sleep 0.25; done
  any_alive "$@" || return 0
  kill -KILL "$@" 2>/dev/null || true
  deadline=$((SECONDS + 5))
  while any_alive "$@" && ((SECONDS < deadline)); do sleep 0.1; done
}
