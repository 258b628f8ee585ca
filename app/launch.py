"""The program's entry point: ``kaizen-check``, ``python -m app`` and the packaged program all start here.

With no arguments — a double-click, the Start menu — it opens the window at once: the argument parser and the
commands (:mod:`app.cli`) are not imported, which was a tenth of the packaged program's start-up. Anything
else is the command line, exactly as before (``open FILE`` included).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Open the window when there are no arguments, otherwise run the command line; returns the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args:
        from app.cli import main as command_line

        return command_line(args)
    from app.cli_core import finish, open_window, tolerant_console

    tolerant_console()
    return finish("open", "ja", lambda: open_window(None, "ja"))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
