"""Logging to a rotating file in the user's log folder; internal errors are written here with a traceback."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from app import resources

LOG_NAME = "kaizen-selfcheck.log"
_configured: dict[Path, logging.Handler] = {}


def log_file() -> Path:
    """Where the log is written (created on first use)."""
    return resources.user_log_dir() / LOG_NAME


def setup() -> Path:
    """Attach the rotating file handler once; falls back to stderr when the folder cannot be written."""
    path = log_file()
    if path in _configured:
        return path
    logger = logging.getLogger("app")
    for old in _configured.values():  # the log folder moved (tests, a changed profile): follow it
        logger.removeHandler(old)
        old.close()
    _configured.clear()
    logger.setLevel(logging.INFO)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    _configured[path] = handler
    return path


def log_exception(context: str) -> Path:
    """Log the exception being handled with its traceback; returns the log file path to show the user."""
    path = setup()
    logging.getLogger("app").exception("internal error in %s", context)
    return path
