"""The Welsh catalogue: every message translated, none fuzzy, nothing marked for translation
missing from it, and the compiled .mo built from the .po in the repository."""

import shutil
import subprocess
from pathlib import Path

import polib
from django.conf import settings as django_settings
from django.core.management import call_command

BASE = Path(django_settings.BASE_DIR)
PO = BASE / "locale" / "cy" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
# The same options as `make makemessages` (the Makefile), which translators run.
MAKEMESSAGES_OPTIONS = {
    "locale": ["cy"],
    "add_location": "file",
    "ignore_patterns": ["node_modules", "var", "static", "staticfiles", "tests"],
    "verbosity": 0,
}


def problems(po: polib.POFile) -> list[str]:
    found = [f"untranslated: {e.msgid!r}" for e in po.untranslated_entries()]
    found += [f"fuzzy: {e.msgid!r}" for e in po.fuzzy_entries()]
    if po.metadata_is_fuzzy:
        found.append("the header is marked fuzzy")
    return found


def test_msgfmt_reports_every_message_translated_and_none_fuzzy():
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(PO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    # e.g. "245 translated messages." — with ", N untranslated" / "N fuzzy" when any are.
    assert result.stderr.strip().endswith("translated messages."), result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr


def test_the_catalogue_has_no_untranslated_or_fuzzy_entry():
    po = polib.pofile(str(PO))
    assert len(po) > 200
    assert po.metadata["Language"] == "cy"
    assert "nplurals=4" in po.metadata["Plural-Forms"]
    assert problems(po) == []
    for entry in po:
        if entry.msgid_plural:
            assert len(entry.msgstr_plural) == 4 and all(entry.msgstr_plural.values()), entry.msgid


def test_the_check_finds_an_untranslated_or_fuzzy_entry():
    po = polib.pofile(str(PO))
    po[0].msgstr = ""
    po[1].flags.append("fuzzy")
    assert problems(po) == [f"untranslated: {po[0].msgid!r}", f"fuzzy: {po[1].msgid!r}"]


def test_every_string_marked_for_translation_is_in_the_catalogue(tmp_path, settings, monkeypatch):
    """makemessages run over a copy of the source with a copy of the catalogue (makemessages
    writes to the locale folder nearest the files it reads, so never over the real ones): a
    string newly marked for translation (a new English sentence on a public page) arrives
    untranslated and fails here."""
    source = tmp_path / "source"
    skipped = [*MAKEMESSAGES_OPTIONS["ignore_patterns"], ".*", "__pycache__", "*.mo", "media"]
    shutil.copytree(BASE, source, ignore=shutil.ignore_patterns(*skipped))
    copy = source / PO.relative_to(BASE)
    assert copy.exists()
    settings.LOCALE_PATHS = [source / "locale"]
    monkeypatch.chdir(source)
    call_command("makemessages", **MAKEMESSAGES_OPTIONS)
    merged = polib.pofile(str(copy))
    new = [f"not in the catalogue: {e.msgid!r}" for e in merged.untranslated_entries()]
    assert new + [p for p in problems(merged) if p.startswith("fuzzy")] == []


def test_the_compiled_catalogue_is_built_from_the_po(tmp_path):
    assert MO.exists(), "The Welsh catalogue is not compiled: run `make messages`."
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check-format", "-o", str(fresh), str(PO)], check=True)
    assert MO.read_bytes() == fresh.read_bytes(), "django.mo is out of date: run `make messages`."
