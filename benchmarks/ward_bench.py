"""The ward summary of a whole city: read + score, PDF, CSV and XLSX for 300 and 1,000 departments.

Run ``uv run python benchmarks/ward_bench.py`` (``--sizes 300 1000``). The departments are the four example
departments renamed and rescaled (tests/data/make_ward.py); every seventh has two sections. Prints a
Markdown table for docs/performance.md: wall time of each step, the PDF's pages and the output sizes; the
baseline next to read + score is parsing the same files' JSON and nothing else.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import time
from pathlib import Path

from app import service

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "data"))
from make_ward import make_ward

DAY = dt.date(2027, 3, 1)


def run(n: int) -> dict[str, object]:
    """Time one ward of ``n`` departments; returns the row of the table."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "ward"
        files = make_ward(folder, n)
        start = time.perf_counter()
        for path in files:  # the baseline: parsing every file's JSON, the least any summary must do
            json.loads(path.read_bytes())
        parse = time.perf_counter() - start
        start = time.perf_counter()
        summary = service.aggregate_files([folder], DAY)
        read = time.perf_counter() - start
        out = Path(tmp)
        row: dict[str, object] = {"departments": n, "files": len(files), "read_s": read, "parse_s": parse}
        for kind in ("pdf", "csv", "xlsx"):
            path = out / f"ward.{kind}"
            start = time.perf_counter()
            service.write_summary(summary, **{kind: path}, fixed_date=DAY)  # type: ignore[arg-type]
            row[f"{kind}_s"] = time.perf_counter() - start
            row[f"{kind}_kb"] = path.stat().st_size / 1024
        import pypdf

        row["pages"] = len(pypdf.PdfReader(out / "ward.pdf").pages)
    return row


def main() -> None:
    """Print the table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 1000])
    args = parser.parse_args()
    import os

    print(f"load average at the start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}\n")
    print("| departments | files | read + score (baseline: JSON parse) | PDF (pages, size) | CSV | XLSX | total |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    rows = []
    for n in args.sizes:
        r = run(n)
        r["total_s"] = sum(float(r[f"{k}_s"]) for k in ("read", "pdf", "csv", "xlsx"))  # type: ignore[arg-type]
        rows.append(r)
        print(f"| {r['departments']:,} | {r['files']:,} | {r['read_s']:.1f} s ({r['parse_s']:.2f} s) | "
              f"{r['pdf_s']:.1f} s "
              f"({r['pages']} p, {r['pdf_kb']:,.0f} KB) | {r['csv_s']:.2f} s ({r['csv_kb']:,.0f} KB) | "
              f"{r['xlsx_s']:.2f} s ({r['xlsx_kb']:,.0f} KB) | {r['total_s']:.1f} s |")
    if len(rows) >= 2:  # linear: the time grows by the factor the departments grow, not more
        a, b = rows[0], rows[-1]
        grow = int(b["departments"]) / int(a["departments"])  # type: ignore[call-overload]
        ratios = ", ".join(f"{k} {float(b[f'{k}_s']) / float(a[f'{k}_s']):.1f}×"  # type: ignore[arg-type]
                           for k in ("read", "pdf", "csv", "xlsx", "total"))
        print(f"\n{b['departments']:,} ÷ {a['departments']:,} departments = {grow:.2f}×; time: {ratios}")
    print(f"\ngoal: 300 departments ≤ 5 s in all; load average at the end: "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
