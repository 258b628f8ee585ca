"""Texts of the 横展開 parts of the printed documents (cases, guidance cards, calibration, newsletter), ja and en."""

from __future__ import annotations

from app.domain.catalogue import Catalogue

TEXTS = Catalogue("report.spread", {
    "h_cases": ("参考: 庁内の事例", "For reference: cases in the office"),
    "cases_intro": ("同じ改善策を庁内の他の係がすでに実施しています（庁内事例集から。同じ業務区分の事例が先）。進め方や注意点は担当に聞いてみましょう。",
                    "Other sections of the office have already done the same measure (from the case catalogue; the same task category first). Ask them how they went about it."),
    "col_action": ("この計画の行動", "Action in this plan"),
    "col_case": ("庁内の事例", "Case in the office"),
    "col_how": ("何をしたか・コツ・問合せ先", "What was done, tips, contact"),
    "tips": ("コツ: {tips}", "Tip: {tips}"),
    "contact": ("問合せ先: {contact}", "Contact: {contact}"),
    "h_guides": ("付録　進め方", "Appendix: how to go about it"),
    "guides_intro": ("この計画で使う改善策ごとの進め方カードです。前提、問合せ先、使える道具、予算の時期、確認事項、注意点と手順をまとめています。",
                     "The guidance card of each measure this plan uses: prerequisites, whom to ask, tools, budget timing, checks, pitfalls and steps."),
    "guides_example": ("「（見本）」と付いたカードは標準の見本です。問合せ先・内線・ライセンス・予算の時期は、業務改善担当が自庁の内容に置き換えて配布します。",
                       "Cards marked (example) are the standard examples: the improvement team replaces contacts, extensions, licences and budget timing with its own office's."),
    "guide_is_example": ("（見本）", " (example)"),
    "guide_what": ("どんな改善か", "What it is"),
    "guide_prerequisites": ("前提", "Prerequisites"),
    "guide_contact": ("問合せ先（窓口・内線）", "Whom to ask"),
    "guide_tools": ("使える道具・ライセンス", "Tools and licences"),
    "guide_budget": ("予算の時期", "Budget calendar"),
    "guide_security": ("セキュリティ・個人情報の確認", "Security and personal data"),
    "guide_pitfalls": ("注意点", "Pitfalls"),
    "guide_steps": ("手順", "Steps"),
    # --- ward summary: calibration and joint procurement ---------------------------------------------------
    "cal_title": ("削減率の検証（完了した行動の実績と見込み）", "Calibration: completed actions against their estimate"),
    "cal_note": ("改善策ごとに、完了した行動の見込み（単独での削減時間）の合計と実績の合計を比べます。完了が{n}件以上ある改善策だけ、削減率の案（今の削減率×実績/見込み）を示します。これは実施された改善策がどれだけ見込みどおりだったかの検証で、実施されない行動を割り引く「実現率（realisation_factor）」とは別のものです。両方を掛けると二重に割り引くことになります。案は業務改善担当が確認し、質問票の新しい版に手で反映します（自動では変わりません）。",
                 "Per measure, the planned stand-alone hours of its completed actions against their realised hours. A rate is suggested (current rate × realised/planned) only with at least {n} completed actions. This checks how well measures that were done met their estimate; it is separate from realisation_factor, which discounts actions that never happen, so applying both would discount twice. The improvement team accepts a suggestion into a new questionnaire version by hand; nothing changes by itself."),
    "cal_none": ("完了した行動はまだありません。", "No action is completed yet."),
    "cal_measure": ("改善策", "Measure"),
    "cal_done": ("完了", "Done"),
    "cal_planned": ("見込み（時間）", "Planned (h)"),
    "cal_realised": ("実績（時間）", "Realised (h)"),
    "cal_ratio": ("実績/見込み", "Realised / planned"),
    "cal_current": ("今の削減率", "Current rate"),
    "cal_suggested": ("削減率の案", "Suggested rate"),
    "cal_too_few": ("実績不足", "Too few"),
    "cal_provisional": ("（仮）", " (prov.)"),
    "proc_title": ("共同調達・全庁導入の候補", "Candidates for joint procurement"),
    "proc_note": ("全庁で契約・導入する道具が要る改善策（AI-OCR、RPA、キャッシュレス、オンライン申請など）を2部署以上が選んでいます。課ごとに調達するより、まとめて調達・導入するほうが効率的です。",
                  "Measures that need an office-wide tool or contract (AI-OCR, RPA, cashless, online forms …) chosen by two or more departments: procuring them together is cheaper than department by department."),
    "proc_none": ("2部署以上が選んだ、全庁での調達が要る改善策はまだありません。", "No measure needing office-wide procurement is chosen by two departments yet."),
    "proc_measure": ("改善策", "Measure"),
    "proc_departments": ("部署数", "Departments"),
    "proc_tasks": ("部署: 業務", "Department: task"),
    "proc_cases": ("年間件数", "Cases a year"),
    "proc_hours": ("ポテンシャル（時間/年）", "Potential (h/year)"),
    "proc_dept_count": ("{count}部署", "{count}"),
    "proc_more": ("ほか{count}件（XLSX に全件）", "{count} more (all in the XLSX)"),
})


def stext(key: str, lang: str = "ja", **params: object) -> str:
    """The text ``key`` in ``lang`` with ``params`` filled in."""
    return TEXTS(key, lang, **params)
