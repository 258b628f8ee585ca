"""Command-line shell over :mod:`app.service` (``kaizen-check``); no arguments opens the window.

Exit codes: 0 ok, 2 a user error (message on stderr, no traceback), 1 an internal error (logged).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from app import __version__, cli_book, service
from app.cli_core import finish, open_window, tolerant_console
from app.domain.errors import Problem, UserError
from app.domain.messages import format_message
from app.domain.questionnaire import Measure
from app.domain.values import round_half_up
from app.domain.vocabulary import quadrant_label


def _global_options(parser: argparse.ArgumentParser, top: bool) -> None:
    """Options accepted before and after the command (``--lang en report …`` = ``report … --lang en``)."""
    # after the command the default is SUPPRESS, so a value given before it is kept
    parser.add_argument("--lang", choices=("ja", "en"), default="ja" if top else argparse.SUPPRESS,
                        help="language of messages and reports")


class _SubParsers(argparse._SubParsersAction):  # type: ignore[type-arg]
    """Gives every command the global options."""

    def add_parser(self, name: str, **kwargs: Any) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = super().add_parser(name, **kwargs)
        _global_options(parser, top=False)
        return parser


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kaizen-check", description="業務改善セルフチェック / Kaizen Self-Check")
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _global_options(p, top=True)
    p.add_argument("--selftest", action="store_true", help="check the installation and exit")
    p.register("action", "parsers", _SubParsers)
    sub = p.add_subparsers(dest="command")
    v = sub.add_parser("validate", help="check questionnaire files (default: every bundled one)")
    v.add_argument("files", nargs="*", type=Path)
    s = sub.add_parser("score", help="print the scores of an assessment file")
    s.add_argument("assessment", type=Path)
    s.add_argument("--json", action="store_true", help="print the documented JSON object")
    r = sub.add_parser("report", help="write the PDF action plan")
    r.add_argument("assessment", type=Path)
    r.add_argument("-o", "--output", type=Path, required=True)
    r.add_argument("--fixed-date", type=dt.date.fromisoformat, help="reproducible output (YYYY-MM-DD)")
    d = sub.add_parser("demo", help="write the example assessment and its plan into a folder")
    d.add_argument("-o", "--output", type=Path, required=True)
    d.add_argument("--fixed-date", type=dt.date.fromisoformat)
    o = sub.add_parser("open", help="open an assessment file in the window")
    o.add_argument("assessment", type=Path)
    _add_followup_commands(sub)
    cli_book.add_commands(sub)
    from app import cli_spread

    cli_spread.add_commands(sub)
    return p


def _validate(args: argparse.Namespace) -> int:
    files, problems = service.validate_paths(list(args.files))
    for problem in problems:
        print(problem.render(args.lang), file=sys.stderr)
    if problems:
        return 2
    for f in files:
        print(f"OK {f}")
    return 0


def _score(args: argparse.Namespace) -> int:
    opened = service.open_assessment(args.assessment, note_titles=True)
    for problem in opened.problems:
        print(problem.render(args.lang), file=sys.stderr)
    q, a = opened.questionnaire, opened.assessment
    data = service.score_json(q, a)
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    print(_summary(data, q.measures, args.lang, q.team_name(args.lang)))
    return 0


def _hours(value: float, en: bool, width: int = 0) -> str:
    """Hours as the report prints them: ``1,234.5 時間`` in Japanese, ``1,234.5 h`` in English."""
    return f"{round_half_up(value, 1):>{width},.1f} {'h' if en else '時間'}"


def _summary(data: dict[str, Any], measures: Sequence[Measure], lang: str, team: str) -> str:
    en = lang == "en"
    t = data["totals"]
    names = {m.id: m.label.get(lang) for m in measures}
    tasks = {x["id"]: x["name"] for x in data["tasks"]}
    lines = [
        f"{'Department' if en else '部署'}: {data['department']}",
        f"{'Inventoried hours' if en else '棚卸しした業務'}: {_hours(t['inventory_hours'], en)} "
        f"({t['task_count']} {'tasks' if en else '件'})",
        f"{'Focus hours' if en else '重点業務'}: {_hours(t['focus_hours'], en)} ({t['focus_count']}"
        f"{'' if en else ' 件'})",
        f"{'Potential' if en else '改善ポテンシャル'}: {_hours(t['potential_hours'], en)} = {t['potential_yen']:,} "
        f"{'yen' if en else '円'} ({t['potential_index']} %; "
        f"{round_half_up(t['unit_cost_yen_per_hour']):,.0f} {'yen/h' if en else '円/時間'})",
        "",
        ("Start with these:" if en else "まずはこの3つから:"),
    ]
    scored = {(m["task_id"], m["measure_id"]): m for m in data["measures"]}
    for n, qw in enumerate(data["quick_wins"], 1):
        m = scored[(qw["task_id"], qw["measure_id"])]
        what = f"{m['title']} — " if m["title"] else ""
        lines.append(f"  {n}. {what}{names[qw['measure_id']]} / {tasks[qw['task_id']]} "
                     f"({_hours(m['potential_hours'], en)})")
    if not data["quick_wins"]:
        lines.append("  (none yet: answer the ease questions in step 5)" if en
                     else "  （まだありません。手順5で取り組みやすさを回答してください）")
    lines += ["", ("Measures (hours after the earlier measures on the same task; alone in brackets):" if en
                   else "改善策（同じ業務の先の改善策を引いた時間、かっこ内は単独の時間）:")]
    for m in sorted(data["measures"], key=lambda m: -m["standalone_hours"]):
        quadrant = quadrant_label(m["quadrant"], lang)
        flags = (" [premature]" if en else " [時期尚早]") if m["premature"] else ""
        flags += f" [{team}]" if m["cross_department"] else ""
        flags += (" [to be confirmed]" if en else " [要確認]") if m["review"] else ""
        ease = "–" if m["ease"] is None else f"{round_half_up(m['ease'], 1):.1f}"
        alone = f" ({_hours(m['standalone_hours'], en)})" if m["standalone_hours"] != m["potential_hours"] else ""
        what = f"{m['title']} — " if m["title"] else ""
        lines.append(f"  {quadrant}  {_hours(m['potential_hours'], en, 8)}{alone}  "
                     f"{'ease' if en else '容易度'} {ease}  {what}{names[m['measure_id']]} / {tasks[m['task_id']]}"
                     f"{flags}")
    if t["fiscal_year_end"]:
        year = (f"This fiscal year (to {t['fiscal_year_end']}): planned {_hours(t['this_year_planned_hours'], en)}"
                f" × {t['realisation_factor']:g} = expected {_hours(t['this_year_expected_hours'], en)}" if en else
                f"今年度（{t['fiscal_year_end']}まで）: 計画 {_hours(t['this_year_planned_hours'], en)} × "
                f"{t['realisation_factor']:g} = 見込み {_hours(t['this_year_expected_hours'], en)}")
    else:  # no session date: no fiscal year to count actions in (it printed 「今年度（Noneまで）」)
        year = ("This fiscal year: not worked out without a session date (info.session_date)" if en else
                "今年度: 実施日（info.session_date）が未入力のため計算できません")
    target = f"; {'target' if en else '目標'} {_hours(t['target_hours'], en)}" if t["target_hours"] else ""
    lines += ["", year + target]
    for w in data["warnings"]:
        params = {k: v for k, v in w.items() if k != "code"}
        lines.append(f"! {format_message(w['code'], lang, **params)}")
    return "\n".join(lines)


def _report(args: argparse.Namespace) -> int:
    opened = service.open_assessment(args.assessment, note_titles=True)
    for problem in opened.problems:
        print(problem.render(args.lang), file=sys.stderr)
    out = service.write_plan(opened.questionnaire, opened.assessment, args.output, lang=args.lang,
                             fixed_date=args.fixed_date, inputs=[args.assessment])
    print(out)
    return 0


def _demo(args: argparse.Namespace) -> int:
    assessment, pdf = service.demo(args.output, lang=args.lang, fixed_date=args.fixed_date)
    print(assessment)
    print(pdf)
    return 0


def _gui(args: argparse.Namespace) -> int:
    return open_window(getattr(args, "assessment", None), args.lang)


def _selftest(_args: argparse.Namespace) -> int:
    from app.selftest import run_selftest

    return run_selftest()


COMMANDS: dict[str | None, Callable[[argparse.Namespace], int]] = {
    "validate": _validate, "score": _score, "report": _report, "demo": _demo, "open": _gui, None: _gui,
}


# --- after the meeting: story, aggregate, import, export -------------------------------------------------

def _add_followup_commands(sub: Any) -> None:
    st = sub.add_parser("story", help="write the one-page success-story sheet (改善事例シート) of a completed action")
    st.add_argument("assessment", type=Path)
    st.add_argument("--action", required=True, help="action id, e.g. a1")
    st.add_argument("-o", "--output", type=Path, required=True)
    st.add_argument("--fixed-date", type=dt.date.fromisoformat)
    ag = sub.add_parser("aggregate", help="ward-wide summary of many assessment files or folders")
    ag.add_argument("paths", nargs="+", type=Path, metavar="FILE_OR_FOLDER")
    ag.add_argument("-o", "--output", type=Path, help="summary PDF")
    ag.add_argument("--csv", type=Path, help="departments table as CSV (UTF-8 with BOM)")
    ag.add_argument("--xlsx", type=Path, help="every table as an Excel workbook")
    ag.add_argument("--fixed-date", type=dt.date.fromisoformat)
    im = sub.add_parser("import", help="add the tasks of an Excel/CSV task inventory to an assessment")
    im.add_argument("sheet_file", type=Path, metavar="SHEET.xlsx|.csv")
    im.add_argument("--into", type=Path, required=True, help="assessment file (created when it does not exist)")
    im.add_argument("--sheet", help="worksheet name (default: the first)")
    im.add_argument("--department", help="department name for a new assessment")
    im.add_argument("--map", action="append", default=[], metavar="FIELD=COLUMN",
                    help="column for a field, by letter or heading, e.g. name=B or annual_cases=年間件数")
    im.add_argument("--dry-run", action="store_true", help="show the header and mapping, change nothing")
    ex = sub.add_parser("export", help="export tasks, scores and actions to .xlsx or .csv")
    ex.add_argument("assessment", type=Path)
    ex.add_argument("-o", "--output", type=Path, required=True, help="FILE.xlsx or FILE.csv")
    ex.add_argument("--table", choices=service.EXPORT_TABLES, default="tasks", help="which table a CSV holds")


def _story(args: argparse.Namespace) -> int:
    opened = service.open_assessment(args.assessment, note_titles=True)
    for problem in opened.problems:
        print(problem.render(args.lang), file=sys.stderr)
    print(service.write_story(opened.questionnaire, opened.assessment, args.action, args.output,
                              lang=args.lang, fixed_date=args.fixed_date, inputs=[args.assessment]))
    return 0


def _aggregate(args: argparse.Namespace) -> int:
    summary = service.aggregate_files(list(args.paths), args.fixed_date)
    for problem in summary.skipped:
        print(problem.render(args.lang), file=sys.stderr)
    for problem in summary.warnings:
        print(f"! {problem.message(args.lang)}", file=sys.stderr)
    if not summary.departments:
        print(format_message("W103", args.lang), file=sys.stderr)
        return 2
    en = args.lang == "en"
    for d in summary.departments:
        flag = (" [other version]" if en else " [版が異なる]") if d.version_flag else ""
        section = (f" ({d.section})" if en else f"（{d.section}）") if d.section else ""
        print(f"{d.department}{section}: {_hours(d.inventory_hours, en)} / {'potential' if en else 'ポテンシャル'} "
              f"{_hours(d.potential_hours, en)} / {'realised' if en else '実績'} {_hours(d.realised_hours, en)}{flag}")
    for path in service.write_summary(summary, pdf=args.output, csv=args.csv, xlsx=args.xlsx, lang=args.lang,
                                      fixed_date=args.fixed_date, inputs=service.assessment_paths(args.paths)):
        print(path)
    return 0


def _import(args: argparse.Namespace) -> int:
    service.check_output(args.into, "assessment", [args.sheet_file])
    if args.into.exists():
        opened = service.open_assessment(args.into)
        for problem in opened.problems:
            print(problem.render(args.lang), file=sys.stderr)
        q, a = opened.questionnaire, opened.assessment
    else:
        q = service.get_questionnaire()
        a = service.new_assessment(q, {"department": args.department} if args.department else None)
    preview = service.preview_import(q, args.sheet_file, args.sheet)
    mapping = dict(preview.mapping)
    columns = list(preview.layout.columns)
    for spec in args.map:
        fid, _, wanted = str(spec).partition("=")
        match = _column(columns, wanted.strip())
        if match is None:
            known = "、".join(c.display() for c in columns)
            raise UserError(Problem("X003", {"field": fid, "column": wanted, "reason": known},
                                    str(args.sheet_file)))
        mapping = {k: v for k, v in mapping.items() if v != match.index}
        mapping[fid.strip()] = match.index
    en = args.lang == "en"
    print(f"{'header rows' if en else '見出し行'}: {preview.layout.first + 1}–{preview.layout.last + 1}")
    for fid, col in sorted(mapping.items(), key=lambda x: x[1]):
        label = q.item(fid).label.get(args.lang) if q.has_item(fid) else fid
        print(f"  {columns[col].display()} → {label} ({fid})")
    if args.dry_run:
        preview.check(q, mapping)  # a mapping the import would refuse is refused here too (exit 2)
        return 0
    result = service.import_tasks(q, a, args.sheet_file, sheet=args.sheet, mapping=mapping, preview=preview)
    for problem in result.problems:
        print(problem.render(args.lang), file=sys.stderr)
    skipped = ", ".join(f"{k} {len(v)}" for k, v in result.skipped.items() if v)
    print(f"{'imported' if en else '取り込んだ業務'}: {len(result.tasks)}" + (f" ({skipped})" if skipped else ""))
    service.save_assessment(a, args.into, inputs=[args.sheet_file])
    print(args.into)
    return 0


def _column(columns: Sequence[Any], wanted: str) -> Any:
    """The column named by letter or heading; a sub-heading (年間件数 under 処理件数等) names it when unique."""
    exact = [c for c in columns if wanted in (c.letter, c.label)]
    if exact:
        return exact[0]
    under = [c for c in columns if c.label.split()[-1:] == [wanted]]
    return under[0] if len(under) == 1 else None


def _export(args: argparse.Namespace) -> int:
    service.check_output(args.output, "export", [args.assessment])
    opened = service.open_assessment(args.assessment, note_titles=True)
    for problem in opened.problems:
        print(problem.render(args.lang), file=sys.stderr)
    q, a = opened.questionnaire, opened.assessment
    if args.output.suffix.lower() == ".csv":
        print(service.export_csv(q, a, args.output, table=args.table, lang=args.lang, inputs=[args.assessment]))
    else:
        print(service.export_xlsx(q, a, args.output, lang=args.lang, inputs=[args.assessment]))
    return 0


COMMANDS.update({"story": _story, "aggregate": _aggregate, "import": _import, "export": _export,
                 **cli_book.COMMANDS})


def _spread(args: argparse.Namespace) -> int:
    from app import cli_spread

    return cli_spread.COMMANDS[args.command](args)


COMMANDS.update(dict.fromkeys(("cases", "calibrate", "newsletter", "pack"), _spread))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (no command opens the window)."""
    tolerant_console()
    args = _parser().parse_args(argv)
    handler = _selftest if args.selftest else COMMANDS[args.command]
    command = "--selftest" if args.selftest else (args.command or "open")
    return finish(command, args.lang, lambda: handler(args))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

