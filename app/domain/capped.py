"""Reading at most a given number of bytes from an open file, in small pieces.

``handle.read(limit + 1)`` would allocate ``limit + 1`` bytes up front (64 MB for a 5 KB workbook); a file
whose size cannot be trusted (a device such as ``/dev/zero``, a file still growing) must not be read whole.
"""

from __future__ import annotations

from typing import BinaryIO

CHUNK = 1024 * 1024


def read_at_most(handle: BinaryIO, limit: int) -> bytes:
    """Up to ``limit + 1`` bytes of ``handle``: more than ``limit`` returned means the file is over the cap."""
    chunks: list[bytes] = []
    total = 0
    while total <= limit:
        chunk = handle.read(min(CHUNK, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)
