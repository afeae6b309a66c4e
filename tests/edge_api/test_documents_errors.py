"""edge_api/documents/errors.py: pydantic locations as JSON paths."""

import pytest

from edge_api.documents import json_path


@pytest.mark.parametrize(
    ("loc", "path"),
    [
        ((), ""),
        (("name",), "name"),
        (("flows", 3, "steps", 0, "name"), "flows[3].steps[0].name"),
        (("flows", 0, "integrations", 1, "from"), "flows[0].integrations[1].from"),
        (("custom_fields", "my key"), 'custom_fields["my key"]'),
        (("custom_fields", 'q"uote'), 'custom_fields["q\\"uote"]'),
        ((0, "a"), "[0].a"),
    ],
)
def test_json_path(loc: tuple[str | int, ...], path: str) -> None:
    assert json_path(loc) == path
