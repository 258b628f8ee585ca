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

from app.domain.errors import Problem, UserError
from app.domain.messages import format_message


def add_commands(sub: Any) -> None:
    """Add the subcommands to the ``kaizen-check`` parser."""
    c = sub.add_parser("cases", help="collect completed, shareable actions into the office case catalogue (YAML)")
    c.add_argument("paths", nargs="+", type=Path, metavar="FILE_OR_FOLDER")
    c.add_argument("-o", "--output", type=Path, required=True, help="CASES.yaml (an existing catalogue is kept)")
    c.add_argument("--fixed-date", type=dt.date.fromisoformat)


def _cases(args: argparse.Namespace) -> int:
    from app.service.cases import collect_cases, write_cases

    en = args.lang == "en"
    run = collect_cases(list(args.paths))
    for problem in run.skipped:
        print(problem.render(args.lang), file=sys.stderr)
    col = run.collected
    if not col.cases and not Path(args.output).exists():
        raise UserError(Problem("C007", {"done": run.done, "not_shareable": col.not_shareable}))
    total, added = write_cases(run, args.output, list(args.paths), args.fixed_date)
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


def message(code: str, lang: str, **params: object) -> str:
    """A catalogue message (re-exported for the commands' callers)."""
    return format_message(code, lang, **params)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {"cases": _cases}
