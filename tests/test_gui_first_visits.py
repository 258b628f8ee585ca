"""First visits of 現状分析, 改善策の検討 and 結果 build and draw less: fonts stay loaded, ..."""

from __future__ import annotations

from typing import Any

import pytest

from app.gui import style


@pytest.mark.gui
def test_the_default_and_shared_fonts_stay_loaded(gui_root: Any) -> None:
    """Tk frees a font nothing uses: each plain label made (it starts with TkDefaultFont) and each measurement
    with a shared font loaded it again. A hidden label per font keeps it loaded, outside tkinter's widget tree."""
    tk = gui_root.tk
    shared = style.font(17, "bold")  # a size no page uses: made here
    for name in ("TkDefaultFont", "TkTextFont", "TkMenuFont", "TkFixedFont", shared.name, style.font().name):
        path = f"._kaizen_font_{name}"
        assert int(tk.call("winfo", "exists", path)), name
        assert str(tk.call(path, "cget", "-font")) == name
        assert not int(tk.call("winfo", "ismapped", path))
    assert not any(str(w).startswith("._kaizen_font") for w in gui_root.winfo_children())
    style.keep_loaded(tk, shared.name)  # twice is once
    assert int(tk.call("winfo", "exists", f"._kaizen_font_{shared.name}"))
