"""Constrained field types, each the exact rule of a CHECK constraint of the database.

Strings are strict (JSON strings only, as `jsonb_typeof(...) = 'string'` demands). "Non-empty" follows
Postgres' `btrim(value) = ''`, which trims spaces only: a value of tabs passes there, so it passes here.
Lengths are `char_length`, i.e. code points, which is what `len` counts.
"""

import math
from typing import Annotated

from pydantic import AfterValidator, Field, PlainValidator, StrictInt, StrictStr, WithJsonSchema
from pydantic_core import PydanticCustomError

REGISTRY_KEY_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$"
"""services_key_format, actors_key_format, ...: what a registry key may look like."""

PG_INT_MIN = -(2**31)
PG_INT_MAX = 2**31 - 1


def _non_blank(value: str) -> str:
    if value.strip(" ") == "":
        raise PydanticCustomError("blank_string", "must not be empty or only spaces")
    return value


def _valid_tag(value: str) -> str:
    if not 1 <= len(value.strip(" ")) <= 50:
        raise PydanticCustomError("invalid_tag", "a tag is 1-50 characters, not counting surrounding spaces")
    return value


def _non_negative_number(value: object) -> int | float:
    # jsonb_typeof(...) = 'number': booleans are not numbers, and JSON has no NaN or infinity.
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PydanticCustomError("number_type", "must be a number")
    if isinstance(value, float) and not math.isfinite(value):
        raise PydanticCustomError("finite_number", "must be a finite number")
    if value < 0:
        raise PydanticCustomError("negative_number", "must be 0 or more")
    return value


def _percent(value: object) -> int | float:
    number = _non_negative_number(value)
    if number > 100:
        raise PydanticCustomError("percent_range", "must be between 0 and 100")
    return number


_NUMBER_SCHEMA = WithJsonSchema({"type": "number", "minimum": 0})

NonBlankStr = Annotated[StrictStr, AfterValidator(_non_blank)]
"""A required string part of a JSON object: a string that is not empty or only spaces."""

Name = Annotated[StrictStr, Field(min_length=1, max_length=255)]
"""A display name: 1-255 characters (..._name_length)."""

Version = Annotated[StrictStr, Field(min_length=1, max_length=50)]
"""A version label: 1-50 characters (..._version_length)."""

LongText = Annotated[StrictStr, Field(max_length=1000)]
"""Entry point and trigger event: at most 1000 characters."""

Tag = Annotated[StrictStr, AfterValidator(_valid_tag)]
"""A tag: 1-50 characters once surrounding spaces are trimmed (flows_tags_are_valid)."""

RegistryKey = Annotated[StrictStr, Field(pattern=REGISTRY_KEY_PATTERN)]
"""The human key of a registry entry (service domain, service, actor, integration type)."""

Position = Annotated[StrictInt, Field(ge=PG_INT_MIN, le=PG_INT_MAX)]
"""An ordering position: a Postgres integer."""

NonNegativeNumber = Annotated[int | float, PlainValidator(_non_negative_number), _NUMBER_SCHEMA]
"""A JSON number >= 0, kept as the int or float it was."""

Percent = Annotated[
    int | float, PlainValidator(_percent), WithJsonSchema({"type": "number", "minimum": 0, "maximum": 100})
]
"""A JSON number between 0 and 100."""
