"""Rules about where things live, checked over the source tree."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APPS = [
    "config",
    "organisation",
    "deadlines",
    "workflow",
    "requests_app",
    "fees",
    "breaches",
    "sharing",
    "reports",
    "retention",
]


def python_files():
    for app in APPS:
        yield from (ROOT / app).rglob("*.py")


def test_settings_defaults_are_written_only_in_config_settings():
    # A default copied into a module (getattr(settings, NAME, default)) can disagree with the
    # one in config/settings.py and the README; every setting is read as settings.NAME.
    copies = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in python_files()
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if re.search(r"getattr\(\s*settings\s*,", line)
    ]
    assert copies == []


def test_the_demo_seed_is_imported_only_by_its_command():
    # Demonstration data is not part of the product: it lives with the seed_demo command.
    assert not (ROOT / "requests_app" / "demo.py").exists()
    commands = ROOT / "requests_app" / "management" / "commands"
    importers = sorted(
        str(path.relative_to(ROOT))
        for path in python_files()
        if "_demo_cases" in path.read_text() and path.parent != commands
    )
    assert importers == []


def test_no_generated_folders_are_committed():
    ignored = (ROOT / ".gitignore").read_text().splitlines()
    assert "/control/" in ignored
    assert "*.egg-info/" in ignored
