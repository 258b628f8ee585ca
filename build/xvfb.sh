# Sourced by build/ci-build.sh and build/windows-under-wine.sh: one way to start the X server they test under.
# start_xvfb FIRST LAST LOG: Xvfb at 1366×768 on the first free display number in FIRST..LAST, its output
# in LOG; sets $display and $xvfb_pid (the caller stops it). Uses the caller's fail().
start_xvfb() {
  local first=$1 last=$2 log=$3 n
  display=""
  for n in $(seq "$first" "$last"); do
    if [ ! -e "/tmp/.X11-unix/X$n" ] && [ ! -e "/tmp/.X$n-lock" ]; then display=":$n"; break; fi
  done
  [ -n "$display" ] || fail "no free X display number for Xvfb in $first..$last"
  Xvfb "$display" -screen 0 1366x768x24 -nolisten tcp >"$log" 2>&1 &
  xvfb_pid=$!
  for _ in $(seq 100); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done
  [ -e "/tmp/.X11-unix/X${display#:}" ] || fail "Xvfb did not start on $display (see $log)"
}
