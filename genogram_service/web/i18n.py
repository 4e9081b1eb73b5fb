"""Every label of the web viewer comes from one table, ``i18n.json`` (Dutch and English)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

LANGS = ("nl", "en")
TABLE_PATH = Path(__file__).with_name("i18n.json")


@cache
def table() -> dict[str, dict[str, str]]:
    data: dict[str, dict[str, str]] = json.loads(TABLE_PATH.read_text(encoding="utf-8"))
    return data


class Translator:
    """``t("key")``: the label in this language; a missing key shows as the key itself (and
    a test checks that every key used by the templates is in the table)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in LANGS else "nl"

    def __call__(self, key: str) -> str:
        entry = table().get(key)
        if entry is None:
            return key
        return entry.get(self.lang) or entry["nl"]


def translator(lang: str) -> Translator:
    return Translator(lang)
