"""The 横展開 commands of ``kaizen-check``: cases (and, beside it, calibrate, newsletter and pack).

Registered by :mod:`app.cli`; same exit codes (0 ok, 2 a user error, 1 an internal error).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app import service
from app.domain.errors import Problem, UserError
from app.domain.messages import format_message
from app.domain.values import round_half_up


def issue_number(text: str) -> int:
    """``--issue``: a whole number 1–9999 (第-5号 or a 30-digit issue was printed on the cover as given)."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 9999:
        raise argparse.ArgumentTypeError(f"号数は1〜9999の整数にしてください / the issue is a whole number 1–9999: "
                                         f"{text!r}")
    return value


def add_commands(sub: Any) -> None:
    """Add the subcommands to the ``kaizen-check`` parser."""
    c = sub.add_parser("cases", help="collect completed, shareable actions into the office case catalogue (YAML)")
    c.add_argument("paths", nargs="+", type=Path, metavar="FILE_OR_FOLDER")
    c.add_argument("-o", "--output", type=Path, required=True, help="CASES.yaml (an existing catalogue is kept)")
    c.add_argument("--fixed-date", type=dt.date.fromisoformat)
    k = sub.add_parser("calibrate", help="per measure: completed actions' realised hours against their estimate")
    k.add_argument("paths", nargs="+", type=Path, metavar="FOLDER")
    k.add_argument("--csv", type=Path, help="the table as CSV (UTF-8 with BOM)")
    k.add_argument("--xlsx", type=Path, help="the table as an Excel workbook")
    n = sub.add_parser("newsletter", help="業務改善レポート: an A4 newsletter of the completed, shareable actions")
    n.add_argument("paths", nargs="+", type=Path, metavar="FOLDER")
    n.add_argument("-o", "--output", type=Path, required=True, help="REPORT.pdf")
    n.add_argument("--issue", type=issue_number, help="issue number printed on the cover (1–9999)")
    n.add_argument("--title", help="title (default: 業務改善レポート)")
    n.add_argument("--fixed-date", type=dt.date.fromisoformat)
    pk = sub.add_parser("pack", help="build or install a distribution pack (.kaizenpack)")
    actions = pk.add_subparsers(dest="pack_action", required=True)
    b = actions.add_parser("build", help="questionnaires of DIR (+ pack.yaml) and a case catalogue into one file")
    b.add_argument("folder", type=Path, metavar="DIR")
    b.add_argument("--cases", type=Path, help="case catalogue (CASES.yaml) to include")
    b.add_argument("-o", "--output", type=Path, required=True, help="FILE.kaizenpack")
    b.add_argument("--id", help="pack id (else pack.yaml)")
    b.add_argument("--version", dest="pack_version", help="pack version, e.g. 1.2.0 (else pack.yaml)")
    b.add_argument("--issuer", help="the issuing team (else pack.yaml)")
    b.add_argument("--title")
    b.add_argument("--fixed-date", type=dt.date.fromisoformat, help="issued date (default today)")
    i = actions.add_parser("install", help="validate and install a pack into the user's folder")
    i.add_argument("file", type=Path, metavar="FILE.kaizenpack")
    i.add_argument("--force", action="store_true", help="replace a newer installed version with this older one")


def _cases(args: argparse.Namespace) -> int:
    from app.service.cases import collect_cases, write_cases

    en = args.lang == "en"
    run = collect_cases(list(args.paths))
    for problem in run.skipped:
        print(problem.render(args.lang), file=sys.stderr)
    col = run.collected
    if not col.cases and not Path(args.output).exists():
        raise UserError(Problem("C007", {"done": run.done, "not_shareable": col.not_shareable}))
    before = len(run.skipped)
    total, added = write_cases(run, args.output, list(args.paths), args.fixed_date)
    for problem in run.skipped[before:]:  # cases too long or of too many hours for a catalogue (C011, C013)
        print(problem.render(args.lang), file=sys.stderr)
    if en:
        print(f"{total} cases in the catalogue ({added} new) from {run.files} files.")
        print(f"Left out: {col.not_shareable} completed actions not marked as shareable; "
              f"{col.duplicates} copies of the same action counted once.")
    else:
        print(f"事例集に {total} 件（新規 {added} 件、{run.files} ファイルから）。")
        print(f"含めなかったもの: 共有の確認（庁内で共有してよい（課長確認済み））がない完了行動 "
              f"{col.not_shareable} 件、同じ行動の重複 {col.duplicates} 件（1件として数えました）。")
    print(args.output)
    return 0


def rate_text(value: float | None) -> str:
    """A 0–1 rate as a whole percentage, half up, as the calibration page prints it (12 %)."""
    return "—" if value is None else f"{round_half_up(value * 100):,.0f} %"


def message(code: str, lang: str, **params: object) -> str:
    """A catalogue message (re-exported for the commands' callers)."""
    return format_message(code, lang, **params)


def _calibrate(args: argparse.Namespace) -> int:
    from app.domain.ward_extras import MIN_CALIBRATION
    from app.service.cases import write_calibration

    en = args.lang == "en"
    summary = service.aggregate_files(list(args.paths))
    for problem in summary.skipped:
        print(problem.render(args.lang), file=sys.stderr)
    if not summary.departments:
        raise UserError(Problem("W103", {}))
    print("measure | done | planned h | realised h | realised/planned | rate | suggested" if en else
          "改善策 | 完了 | 見込み(時間) | 実績(時間) | 実績/見込み | 今の削減率 | 削減率の案")
    for r in summary.calibration:
        ratio = "—" if r.ratio is None else f"{r.ratio:.2f}"
        suggested = rate_text(r.suggested_rate) if r.enough else ("too few" if en else "実績不足")
        print(f"{r.label.get(args.lang)} | {r.completed} | {r.planned_hours:,.1f} | {r.realised_hours:,.1f} | "
              f"{ratio} | {rate_text(r.current_rate)} | {suggested}")
    if not summary.calibration:
        print("No completed action yet." if en else "完了した行動はまだありません。")
    print((f"A rate is suggested only with at least {MIN_CALIBRATION} completed actions; it is separate from "
           "realisation_factor (actions that never happen). Nothing changes by itself.") if en else
          (f"削減率の案は完了が{MIN_CALIBRATION}件以上の改善策だけです。実施されない行動を割り引く実現率"
           "（realisation_factor）とは別の検証です。質問票は自動では変わりません。"))
    for path in write_calibration(summary, csv=args.csv, xlsx=args.xlsx, lang=args.lang, inputs=list(args.paths)):
        print(path)
    return 0


def _newsletter(args: argparse.Namespace) -> int:
    from app.service.cases import write_newsletter

    path, run = write_newsletter(list(args.paths), args.output, title=args.title, issue=args.issue,
                                 lang=args.lang, fixed_date=args.fixed_date)
    for problem in run.skipped:
        print(problem.render(args.lang), file=sys.stderr)
    col = run.collected
    if args.lang == "en":
        print(f"{len(col.cases)} stories; left out: {col.not_shareable} completed actions not marked as shareable, "
              f"{col.duplicates} copies.")
    else:
        print(f"事例 {len(col.cases)} 件。載せなかったもの: 共有の確認がない完了行動 {col.not_shareable} 件、"
              f"重複 {col.duplicates} 件。")
    print(path)
    return 0


def _pack(args: argparse.Namespace) -> int:
    from app.service import pack

    en = args.lang == "en"
    if args.pack_action == "build":
        out = pack.build(args.folder, args.output, cases=args.cases, issued=args.fixed_date,
                         options={"id": args.id, "version": args.pack_version, "issuer": args.issuer,
                                  "title": args.title})
        print(out)
        return 0
    done = pack.install(args.file, force=args.force)
    names = ", ".join(done.questionnaires) or "—"
    if en:
        print(f"Pack {done.id} {done.version} {done.outcome}" + (f" (was {done.previous})" if done.previous else "")
              + f": questionnaires {names}; {done.cases} cases.")
    else:
        verbs = {"installed": "を導入しました", "upgraded": f"に更新しました（前の版 {done.previous}）",
                 "reinstalled": "を入れ直しました（同じ版）",
                 "downgraded": f"に戻しました（前の版 {done.previous}、--force）"}
        print(f"配布パック {done.id} 版 {done.version} {verbs[done.outcome]}。質問票: {names}、事例 {done.cases} 件。")
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {"cases": _cases, "calibrate": _calibrate,
                                                            "newsletter": _newsletter, "pack": _pack}
