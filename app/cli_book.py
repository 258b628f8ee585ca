"""Command-line commands for the improvement team's workbooks: ``questionnaire export|import`` and ``template``."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.service import qbook


def add_commands(sub: Any) -> None:
    """Add ``questionnaire`` (export/import) and ``template`` to the ``kaizen-check`` parser."""
    qp = sub.add_parser("questionnaire", help="the questionnaire as an Excel workbook for the improvement team")
    qsub = qp.add_subparsers(dest="questionnaire_command", required=True)
    ex = qsub.add_parser("export", help="write a questionnaire's settings, bands, measures and glossary as .xlsx")
    ex.add_argument("questionnaire", help="questionnaire id (e.g. standard) or a .yaml file")
    ex.add_argument("-o", "--output", type=Path, required=True, help="FILE.xlsx")
    ex.add_argument("--fixed-date", type=dt.date.fromisoformat, help="date printed on the workbook (YYYY-MM-DD)")
    ex.add_argument("--cases", type=Path, metavar="CASES.yaml",
                    help="case catalogue shown on a 事例 sheet (default: the catalogue of the questionnaire's pack)")
    im = qsub.add_parser("import", help="apply an edited workbook to its questionnaire and write a new version")
    im.add_argument("workbook", type=Path, metavar="FILE.xlsx")
    im.add_argument("--base", help="questionnaire id or .yaml file to apply it to (default: the one it names)")
    im.add_argument("-o", "--output", type=Path, required=True, help="NEW.yaml")
    im.add_argument("--cases", type=Path, metavar="CASES.yaml",
                    help="the catalogue the 事例 sheet was exported from (default: the file the workbook names)")
    im.add_argument("--cases-output", type=Path, metavar="NEW-CASES.yaml",
                    help="where the catalogue with the 事例 sheet's edits goes (needed when that sheet changed)")
    tp = sub.add_parser("template", help="a blank task-inventory workbook (業務の棚卸しシート) for the sections")
    tp.add_argument("-o", "--output", type=Path, required=True, help="FILE.xlsx")
    tp.add_argument("--questionnaire", default="standard", help="questionnaire id or .yaml file (default: standard)")


def _questionnaire(args: argparse.Namespace) -> int:
    en = args.lang == "en"
    if args.questionnaire_command == "export":
        print(qbook.export_questionnaire(args.questionnaire, args.output, args.fixed_date, args.cases))
        return 0
    done = qbook.import_questionnaire(args.workbook, args.output, args.base, cases=args.cases,
                                      cases_output=args.cases_output)
    q = done.questionnaire
    if en:
        print(f"{q.id} {done.base_version} → {q.version}: {done.changes} cell(s) changed")
    else:
        print(f"{q.id} 版{done.base_version} → 版{q.version}: 変更したセル {done.changes}")
    print(done.path)
    if done.cases_path is not None:
        print(f"case catalogue: {done.case_changes} cell(s) changed" if en else
              f"事例集: 変更したセル {done.case_changes}")
        print(done.cases_path)
    elif args.cases_output is not None:
        print("The workbook has no 事例 sheet: no catalogue written." if en else
              "このブックには事例シートがないため、事例集は書き出していません。")
    return 0


def _template(args: argparse.Namespace) -> int:
    print(qbook.write_template(qbook.resolve_base(args.questionnaire), args.output, args.lang))
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {"questionnaire": _questionnaire, "template": _template}
