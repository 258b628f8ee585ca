"""Checks a pytest JUnit report: it exists (the session ended), and no test failed or errored.

Used by build/windows-under-wine.sh, where a process that Wine ends with an unhandled exception can
still exit 0. Usage: ``python3 build/junit_ok.py REPORT.xml [--at-least N]``; exit 0 when clean, 1 otherwise.
"""

from __future__ import annotations

import argparse
import sys
import xml.etree.ElementTree as ET  # noqa: S405 - our own pytest's report, not untrusted input
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("report", type=Path)
    parser.add_argument("--at-least", type=int, default=1, help="tests that must have run (default 1)")
    args = parser.parse_args(argv)
    if not args.report.is_file():
        print(f"junit_ok: {args.report} missing: the test process ended before pytest finished", file=sys.stderr)
        return 1
    root = ET.parse(args.report).getroot()  # noqa: S314
    suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
    totals = {k: sum(int(s.get(k, "0")) for s in suites) for k in ("tests", "failures", "errors", "skipped")}
    print(f"junit_ok: {args.report.name}: {totals['tests']} tests, {totals['failures']} failures, "
          f"{totals['errors']} errors, {totals['skipped']} skipped")
    ran = totals["tests"] - totals["skipped"]
    return 0 if totals["failures"] == 0 and totals["errors"] == 0 and ran >= args.at_least else 1


if __name__ == "__main__":
    raise SystemExit(main())
