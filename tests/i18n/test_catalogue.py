"""The French catalogue is complete: every interface string the code and templates mark has a
reviewed French translation, and the French pages show them.

`makemessages` runs on a copy of the project (it writes to the first locale directory it finds
above each file, the project's own locale/ when run from the project root), so the committed
catalogue is never touched: a msgid the copy's catalogue gains, or one msgmerge marks fuzzy
because its English changed, is a translation still to write.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from tests.factories import make_film

PROJECT = Path(settings.BASE_DIR)
CATALOGUE = Path("locale") / "fr" / "LC_MESSAGES" / "django.po"
# What makemessages leaves out, as when the catalogue is made:
#   manage.py makemessages -l fr --ignore=.venv --ignore=bench --ignore=tests --ignore=staticfiles \
#       --ignore=media --ignore=docs --no-obsolete
IGNORED = [".venv", "bench", "tests", "staticfiles", "media", "docs"]
# Not copied either: nothing in these is marked for translation.
NOT_COPIED = [*IGNORED, ".git", ".cache", ".pytest_cache", "node_modules", "__pycache__", "*.egg-info",
              "*.sqlite3", "*.mo", "static"]
GETTEXT_TOOLS = ["xgettext", "msguniq", "msgmerge", "msgfmt"]


def _missing_tools():
    return [tool for tool in GETTEXT_TOOLS if shutil.which(tool) is None]


needs_gettext = pytest.mark.skipif(
    bool(_missing_tools()),
    reason=f"GNU gettext is not installed (missing: {', '.join(_missing_tools())}); apt-get install gettext",
)


# A tiny .po reader: enough for the entries makemessages writes. --------------------------------

_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+"(.*)"$')
_CONTINUATION = re.compile(r'^"(.*)"$')


def _unquote(text):
    return re.sub(r"\\(.)", lambda match: _ESCAPES.get(match.group(1), match.group(1)), text)


def read_po(path):
    """The entries of a .po file (the header and obsolete entries left out), each a dict with
    `msgid`, `msgctxt` (or None), `msgstrs` (the list of translations) and `fuzzy`."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        fields, flags, current = {}, [], None
        for line in block.splitlines():
            line = line.strip()
            if line.startswith("#,"):
                flags += [flag.strip() for flag in line[2:].split(",")]
            elif line.startswith("#"):
                continue
            elif match := _KEYWORD.match(line):
                current = match.group(1)
                fields[current] = _unquote(match.group(2))
            elif (match := _CONTINUATION.match(line)) and current:
                fields[current] += _unquote(match.group(1))
        if "msgid" not in fields or fields["msgid"] == "":
            continue
        entries.append({
            "msgid": fields["msgid"],
            "msgctxt": fields.get("msgctxt"),
            "msgstrs": [value for key, value in sorted(fields.items()) if key.startswith("msgstr")],
            "fuzzy": "fuzzy" in flags,
        })
    return entries


def _name(entry):
    return f"{entry['msgctxt']}|{entry['msgid']!r}" if entry["msgctxt"] else repr(entry["msgid"])


def msgfmt_statistics(path):
    """(translated, untranslated, fuzzy) as msgfmt counts them, checking formats and the header on the way."""
    result = subprocess.run(["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(path)],
                            capture_output=True, text=True, env={**os.environ, "LC_ALL": "C"})
    assert result.returncode == 0, f"msgfmt --check refuses {path}:\n{result.stderr}"

    def count(pattern):
        match = re.search(rf"(\d+) {pattern}", result.stderr)
        return int(match.group(1)) if match else 0

    return count("translated message"), count("untranslated message"), count("fuzzy translation")


# The catalogue ----------------------------------------------------------------------------------


@pytest.fixture
def fresh_catalogue(tmp_path, settings, monkeypatch):
    """The French catalogue as `makemessages` leaves it today, made on a copy of the project."""
    copy = tmp_path / "project"
    shutil.copytree(PROJECT, copy, ignore=shutil.ignore_patterns(*NOT_COPIED))
    assert (copy / CATALOGUE).exists(), f"{CATALOGUE} is missing: run makemessages -l fr and translate it"
    monkeypatch.chdir(copy)
    settings.LOCALE_PATHS = [copy / "locale"]
    call_command("makemessages", locale=["fr"], ignore_patterns=list(IGNORED), no_obsolete=True, verbosity=0)
    assert not (PROJECT / "locale" / "fr" / "LC_MESSAGES" / "django.pot").exists()
    return copy / CATALOGUE


@needs_gettext
def test_every_interface_string_has_a_french_translation(fresh_catalogue):
    entries = read_po(fresh_catalogue)
    untranslated = [_name(entry) for entry in entries if not all(entry["msgstrs"])]
    fuzzy = [_name(entry) for entry in entries if entry["fuzzy"]]
    assert not untranslated and not fuzzy, (
        f"{CATALOGUE} is not complete: run makemessages -l fr (see this module) and translate.\n"
        f"Untranslated ({len(untranslated)}):\n  " + "\n  ".join(untranslated)
        + f"\nFuzzy ({len(fuzzy)}):\n  " + "\n  ".join(fuzzy)
    )
    translated, untranslated_count, fuzzy_count = msgfmt_statistics(fresh_catalogue)
    assert (untranslated_count, fuzzy_count) == (0, 0)
    assert translated == len(entries) > 0


@needs_gettext
def test_the_catalogue_declares_french_and_its_two_plural_forms():
    header = (PROJECT / CATALOGUE).read_text(encoding="utf-8").split("\n\n", 1)[0]
    assert '"Language: fr\\n"' in header
    assert '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"' in header
    assert "charset=UTF-8" in header
    assert "#, fuzzy" not in header


# The French pages -------------------------------------------------------------------------------


@pytest.fixture
def compiled_catalogue(tmp_path, settings):
    """The committed French catalogue, compiled for this test (whether or not `make install` ran)."""
    if shutil.which("msgfmt") is None:
        if not (PROJECT / CATALOGUE.with_suffix(".mo")).exists():
            pytest.skip("neither msgfmt nor a compiled catalogue (make install) is available")
        return
    target = tmp_path / "locale" / "fr" / "LC_MESSAGES"
    target.mkdir(parents=True)
    subprocess.run(["msgfmt", "-o", str(target / "django.mo"), str(PROJECT / CATALOGUE)], check=True)
    settings.LOCALE_PATHS = [tmp_path / "locale"]  # resets Django's loaded translations


@pytest.mark.django_db
def test_the_french_home_page_speaks_french(client, compiled_catalogue):
    make_film("Drive", year=2011)
    page = client.get("/fr/").content.decode()
    assert '<html lang="fr">' in page
    assert "Derniers dossiers" in page
    assert "Parcourir le catalogue" in page
    assert "Aller au contenu" in page
    assert "Latest dossiers" not in page

    english = client.get("/").content.decode()
    assert "Latest dossiers" in english and "Derniers dossiers" not in english
