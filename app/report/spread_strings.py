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
})


def stext(key: str, lang: str = "ja", **params: object) -> str:
    """The text ``key`` in ``lang`` with ``params`` filled in."""
    return TEXTS(key, lang, **params)
