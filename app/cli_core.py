"""What the command line (:mod:`app.cli`) and the program's entry point (:mod:`app.launch`) share: a console
that cannot fail on Japanese, opening the window, and how a command ends — its exit code and its message.

Exit codes: 0 ok, 2 a user error (message on stderr, no traceback), 1 an internal error (logged, the command
named). Kept apart from the argument parser and the commands so that the window opens without importing them.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import sys
from collections.abc import Callable
from pathlib import Path

from app.domain.errors import Problem, UserError
from app.domain.messages import format_message


def tolerant_console() -> None:
    """A console that cannot show Japanese (cp1252, a redirected Windows console) prints ``?`` instead of failing."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError, io.UnsupportedOperation):
                reconfigure(errors="replace")


def open_window(path: Path | None, lang: str) -> int:
    """Run the window (with ``path`` open) until it is closed; no Tk or no screen is a user error (U001)."""
    try:
        import tkinter

        from app.gui.app import run
    except ImportError as exc:  # a Python built without Tk
        raise UserError(Problem("U001", {"detail": str(exc)})) from None
    try:
        return run(path=path, lang=lang)
    except tkinter.TclError as exc:
        if "display" in str(exc).lower():  # no screen (an SSH session, a server)
            raise UserError(Problem("U001", {"detail": str(exc)})) from None
        raise


def finish(command: str, lang: str, work: Callable[[], int]) -> int:
    """Run ``work`` (the command ``command``) and turn how it ended into the exit code and a message."""
    try:
        code = work()
        sys.stdout.flush()  # a full disk or a closed pipe shows here, not in the interpreter's exit
        return code
    except UserError as exc:
        print(exc.render(lang), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        quiet_stdout()
        return 0
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EPIPE):
            return output_failed(exc, lang)  # plain OSErrors only come from stdout: files raise StorageError
        return internal_error(command, lang)
    except Exception:
        return internal_error(command, lang)


def internal_error(command: str, lang: str) -> int:
    """Log the exception being handled and say which command it stopped, and where the log is; exit 1."""
    from app.logs import log_exception

    where = log_exception(f"command line: {command}")
    with contextlib.suppress(OSError, ValueError):
        print(format_message("I001", lang, command=command, log=where), file=sys.stderr)
    return 1


def quiet_stdout() -> None:
    """The reader of our output went away (``| head -1``): send the rest nowhere, so exiting stays silent."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def output_failed(exc: OSError, lang: str) -> int:
    """stdout could not be written (disk full, device gone): say so on stderr, exit 2."""
    quiet_stdout()
    with contextlib.suppress(OSError, ValueError):
        print(format_message("S015", lang, detail=f"{errno.errorcode.get(exc.errno or 0, exc.errno)}, "
                                                  f"{exc.strerror or exc}"), file=sys.stderr)
    return 2
