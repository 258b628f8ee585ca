"""The store of typed-but-unfitted text that the forms and the plan step share."""

from app.gui.typed_texts import TypedTexts


def test_text_is_kept_per_owner_object_not_per_equal_content() -> None:
    store = TypedTexts()
    first: dict[str, object] = {}
    other: dict[str, object] = {}  # equal content, another task's answers (or another document's)
    store.keep(first, "minutes", "12x", "数値で入力してください")
    assert store.get(first, "minutes") == ("12x", "数値で入力してください")
    assert store.get(other, "minutes") is None and store.get(first, "cases") is None
    assert len(store) == 1 and list(store.entries()) == [(first, "minutes", "数値で入力してください")]


def test_dropping_and_clearing_forget_the_text() -> None:
    store = TypedTexts()
    line, second = object(), object()
    store.keep(line, "deadline", "2026-13-01", "A")
    store.keep(second, "review_date", "x", "B")
    store.drop(line, "deadline")
    assert store.get(line, "deadline") is None and len(store) == 1
    for owner, name, _message in store.entries():  # dropping while walking the entries is allowed
        store.drop(owner, name)
    assert len(store) == 0
    store.keep(line, "deadline", "x", "C")
    store.clear()
    assert len(store) == 0 and store.get(line, "deadline") is None
