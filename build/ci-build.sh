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
# shellcheck source=build/xvfb.sh
. build/xvfb.sh

program=build/dist/KaizenSelfCheck/KaizenSelfCheck
out=build/work/ci
rm -rf "$out" && mkdir -p "$out"

echo "-- build (one-folder)"
uv run --locked --extra build python build/build.py --mode onedir --no-release
[ -x "$program" ] || fail "$program was not built"
console=build/dist/KaizenSelfCheck/kaizen-check  # the console launcher sharing the same _internal/
[ -x "$console" ] || fail "$console was not built"
"$console" --version | grep -q "kaizen-check" || fail "$console --version did not answer"
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
start_xvfb 90 120 "$out/xvfb.log"
trap 'kill "$xvfb_pid" 2>/dev/null || true' EXIT
selftest xvfb DISPLAY="$display"
grep -q "window ok" "$out/selftest-xvfb.txt" || fail "the window check did not run under Xvfb"
kill "$xvfb_pid" 2>/dev/null || true
trap - EXIT

echo "-- demo command"
env -u DISPLAY "$program" demo -o "$out/demo" || fail "the built program's demo command failed"

echo "-- fonts embedded (pdffonts)"
mapfile -t pdfs < <(find "$out" -name '*.pdf' | sort)
[ ${#pdfs[@]} -ge 2 ] || fail "expected demo PDFs from the self-test and the demo command, found ${#pdfs[@]}"
python3 build/pdf_fonts_embedded.py "${pdfs[@]}" || fail "fonts not embedded in every PDF"

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
