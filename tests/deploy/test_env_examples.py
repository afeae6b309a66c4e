"""deploy/*.env.example are what the settings classes generate, and every setting belongs to a part."""

import pytest

from edge_api.settings import LOCAL_JWT_SECRET, Settings
from scripts.deploy import env_examples
from scripts.deploy.env_examples import DEPLOY_DIR, PARTS


@pytest.mark.parametrize("part", PARTS, ids=[part.file for part in PARTS])
def test_the_committed_file_is_what_the_settings_generate(part: env_examples.Part) -> None:
    assert (DEPLOY_DIR / part.file).read_text() == env_examples.render(part), (
        f"deploy/{part.file} drifted from its settings: run python -m scripts.deploy.env_examples --write"
    )


def test_every_setting_of_the_python_layer_belongs_to_a_part() -> None:
    # A new setting must be placed: the edge API's container, the command line, or both.
    listed = {name for part in PARTS if part.settings is Settings for name in part.fields}
    assert set(Settings.model_fields) == listed


def test_every_listed_field_exists_in_its_class() -> None:
    for part in PARTS:
        assert set(part.fields) <= set(part.settings.model_fields), part.file


def test_no_example_carries_a_secret() -> None:
    for part in PARTS:
        text = (DEPLOY_DIR / part.file).read_text()
        assert LOCAL_JWT_SECRET not in text and "eyJ" not in text, part.file  # no secret, no JWT


def test_the_frontend_never_gets_the_service_key() -> None:
    frontend = next(part for part in PARTS if part.file == "frontend.env.example")
    assert not any("service" in name for name in frontend.fields)
