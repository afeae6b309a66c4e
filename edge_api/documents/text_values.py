"""Postgres text and jsonb cannot hold the NUL character: find every string (or object key) that has one."""

from collections.abc import Iterator

from edge_api.documents.problems import Loc, Problem


def nul_problems(value: object) -> list[Problem]:
    """A problem for every string in a JSON-like value that contains U+0000, located where it is."""
    return [
        Problem(loc, "nul_character", "the database cannot store the NUL character (U+0000)", text)
        for loc, text in _strings(value, ())
        if "\x00" in text
    ]


def _strings(value: object, loc: Loc) -> Iterator[tuple[Loc, str]]:
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str):
                yield (*loc, key), key
                yield from _strings(item, (*loc, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*loc, index))
