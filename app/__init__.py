"""Kaizen Self-Check (業務改善セルフチェック): offline improvement wizard and action-plan printer."""

__version__ = "0.1.0"
