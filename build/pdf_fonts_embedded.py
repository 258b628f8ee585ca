"""Check with poppler's ``pdffonts`` that every font of each PDF given is embedded (exit 1 if not).

    python3 build/pdf_fonts_embedded.py a.pdf b.pdf ...

Used by build/ci-build.sh (Linux program) and build/windows-under-wine.sh (Windows program). The
columns are located from pdffonts' dashed header line, so a long font name cannot shift them.
"""

from __future__ import annotations

import re
import subprocess
import sys


def fonts(pdf: str) -> list[tuple[str, str]]:
    """``(name, emb)`` for each font row that ``pdffonts`` lists for ``pdf``."""
    command = ["pdffonts", pdf]  # poppler's pdffonts from PATH, on a file we wrote
    report = subprocess.run(  # noqa: S603 - see above
        command, capture_output=True, text=True, encoding="utf-8", errors="replace", check=True
    ).stdout.splitlines()
    header, dashes, rows = report[0], report[1], [r for r in report[2:] if r.strip()]
    spans = [m.span() for m in re.finditer(r"-+", dashes)]
    emb = next(s for s in spans if header[s[0] : s[1]].strip() == "emb")
    return [(r[spans[0][0] : spans[0][1]].strip(), r[emb[0] : emb[1]].strip()) for r in rows]


def main(pdfs: list[str]) -> int:
    """Print one line per PDF; 1 when a PDF has no fonts or one that is not embedded."""
    if not pdfs:
        print("pdf_fonts_embedded: no PDF given", file=sys.stderr)
        return 1
    failed = 0
    for pdf in pdfs:
        found = fonts(pdf)
        bad = [name for name, flag in found if flag != "yes"]
        if found and not bad:
            print(f"{pdf}: {len(found)} fonts, all embedded: {', '.join(sorted({n for n, _ in found}))}")
        else:
            print(f"{pdf}: not embedded: {bad or 'no fonts at all'}", file=sys.stderr)
            failed = 1
    return failed


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
