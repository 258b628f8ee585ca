#!/usr/bin/env bash
# CI: build the Linux one-folder program with build/kaizen.spec (the same spec as the release), then
# prove the built program — not the source tree — is complete:
#   1. --selftest without a display (questionnaires, font, demo PDF, GUI modules bundled);
#   2. --selftest under Xvfb (the window opens and closes, Tk's data files are bundled);
#   3. the `demo` command, and pdffonts on every PDF written: all fonts must be embedded;
#   4. a questionnaires/ folder next to the program is read (a broken file there fails the self-test).
# Called by .ci/run; runs in about a minute. Any failure exits non-zero with the reason.
set -euo pipefail
cd "$(dirname "$0")/.."

uv() { python3 -m uv "$@"; }
fail() { echo "ci-build: FAILED: $*" >&2; exit 1; }

program=build/dist/KaizenSelfCheck/KaizenSelfCheck
out=build/work/ci
rm -rf "$out" && mkdir -p "$out"

echo "-- build (one-folder)"
uv run --locked --extra build python build/build.py --mode onedir --no-release
[ -x "$program" ] || fail "$program was not built"
du -sh build/dist/KaizenSelfCheck

selftest() {  # selftest LABEL [env assignments...]: runs the built program's --selftest, keeps its demo files
  local label=$1; shift
  local log="$out/selftest-$label.txt"
  if ! env "$@" KAIZEN_SELFTEST_OUT="$out/selftest-$label" "$program" --selftest >"$log" 2>&1; then
    cat "$log" >&2
    fail "--selftest ($label) exited non-zero"
  fi
  cat "$log"
  grep -q "selftest OK" "$log" || fail "--selftest ($label) printed no OK line"
}

echo "-- selftest without a display"
selftest headless -u DISPLAY -u WAYLAND_DISPLAY
grep -q "window skipped (no display)" "$out/selftest-headless.txt" || fail "headless self-test did not skip the window"

echo "-- selftest under Xvfb"
display=""
for n in $(seq 90 120); do
  if [ ! -e "/tmp/.X11-unix/X$n" ] && [ ! -e "/tmp/.X$n-lock" ]; then display=":$n"; break; fi
done
[ -n "$display" ] || fail "no free X display number for Xvfb"
Xvfb "$display" -screen 0 1366x768x24 -nolisten tcp >"$out/xvfb.log" 2>&1 &
xvfb_pid=$!
trap 'kill "$xvfb_pid" 2>/dev/null || true' EXIT
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done
selftest xvfb DISPLAY="$display"
grep -q "window ok" "$out/selftest-xvfb.txt" || fail "the window check did not run under Xvfb"
kill "$xvfb_pid" 2>/dev/null || true
trap - EXIT

echo "-- demo command"
env -u DISPLAY "$program" demo -o "$out/demo" || fail "the built program's demo command failed"

echo "-- fonts embedded (pdffonts)"
mapfile -t pdfs < <(find "$out" -name '*.pdf' | sort)
[ ${#pdfs[@]} -ge 2 ] || fail "expected demo PDFs from the self-test and the demo command, found ${#pdfs[@]}"
for pdf in "${pdfs[@]}"; do
  pdffonts "$pdf" >"$out/pdffonts.txt" || fail "pdffonts could not read $pdf"
  # Columns are located from the dashed header line; every font row must say "yes" under "emb".
  python3 - "$pdf" "$out/pdffonts.txt" <<'PY' || fail "fonts not embedded in $1"
import re, sys
pdf, report = sys.argv[1], open(sys.argv[2], encoding="utf-8").read().splitlines()
header, dashes, rows = report[0], report[1], [r for r in report[2:] if r.strip()]
spans = [m.span() for m in re.finditer(r"-+", dashes)]
emb_span = [s for s in spans if header[s[0]:s[1]].strip() == "emb"][0]
fonts = [(r[spans[0][0]:spans[0][1]].strip(), r[emb_span[0]:emb_span[1]].strip()) for r in rows]
bad = [name for name, flag in fonts if flag != "yes"]
print(f"{pdf}: {len(fonts)} fonts, all embedded: {', '.join(sorted({n for n, _ in fonts}))}" if fonts and not bad
      else f"{pdf}: not embedded: {bad or 'no fonts at all'}")
sys.exit(0 if fonts and not bad else 1)
PY
done

echo "-- questionnaires/ next to the program is read"
user_dir=build/dist/KaizenSelfCheck/questionnaires
mkdir -p "$user_dir"
printf 'id: broken\nversion: [unclosed\n' >"$user_dir/zz_ci_broken.yaml"
if env -u DISPLAY "$program" --selftest >"$out/selftest-override.txt" 2>&1; then
  rm -rf "$user_dir"
  cat "$out/selftest-override.txt" >&2
  fail "a broken questionnaire next to the program was not noticed"
fi
rm -rf "$user_dir"
grep -q "zz_ci_broken.yaml" "$out/selftest-override.txt" || fail "the self-test did not name the broken file"
echo "ok: the broken override was reported: $(head -c 300 "$out/selftest-override.txt")"

echo "ci-build: the built program passed"
