"""Raising validation problems found after parsing (duplicates, dangling references) as a pydantic
ValidationError located at the exact field, so they read like any other field error.

Pydantic re-roots a ValidationError raised inside a validator under the location being validated, so a
model validator of a flow reports `steps[3].id` and, inside a document, `flows[2].steps[3].id`.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pydantic import ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError

Loc = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem: where (a pydantic loc, JSON names), its error type, a readable message, the bad value."""

    loc: Loc
    kind: str
    message: str
    value: object


def raise_problems(title: str, problems: Sequence[Problem]) -> None:
    """Raise the problems, if any, as one ValidationError."""
    if not problems:
        return
    raise ValidationError.from_exception_data(
        title,
        [
            InitErrorDetails(
                type=PydanticCustomError(p.kind, "{detail}", {"detail": p.message}), loc=p.loc, input=p.value
            )
            for p in problems
        ],
    )


def duplicates(values: Iterable[str], where: str, field: str) -> list[Problem]:
    """A problem for every value that repeats an earlier one: at `<where>[i].<field>`."""
    first: dict[str, int] = {}
    found: list[Problem] = []
    for index, value in enumerate(values):
        if value in first:
            found.append(
                Problem(
                    (where, index, field),
                    f"duplicate_{field}",
                    f"{field} {value!r} is already used by {where}[{first[value]}]",
                    value,
                )
            )
        else:
            first[value] = index
    return found
