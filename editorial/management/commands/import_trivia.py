"""manage.py import_trivia <film-slug> <file> [--source "…"]: a list of trivia becomes the film's candidates.

The file is UTF-8 text, one item per paragraph (or per line, when it has no blank lines: see
editorial.trivia). Importing it again adds nothing.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from editorial.trivia import TriviaFileError, decode, import_trivia
from films.models import Film


class Command(BaseCommand):
    help = "Import a film's trivia from a text file (one item per paragraph) as candidates to review."

    def add_arguments(self, parser):
        parser.add_argument("film", help="The film's slug, as in its address: /films/<slug>/.")
        parser.add_argument("file", help="A UTF-8 text file: one item per paragraph, or per line.")
        parser.add_argument("--source", help="Where the items come from (default: the file's name).")

    def handle(self, *args, film, file, source=None, **options):
        found = Film.objects.filter(slug=film).first()
        if found is None:
            raise CommandError(f'No film has the slug "{film}" (the last part of its address, /films/<slug>/).')
        path = Path(file)
        try:
            data = path.read_bytes()
        except FileNotFoundError as error:
            raise CommandError(f"No such file: {file}") from error
        except IsADirectoryError as error:
            raise CommandError(f"{file} is a folder, not a file.") from error
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror or error}") from error
        try:
            text = decode(data, name=file)
        except TriviaFileError as error:
            raise CommandError(str(error)) from error
        result = import_trivia(found, text, source if source is not None else path.name)
        self.stdout.write(
            f"{found.title}: {result.created} trivia candidate{'s' if result.created != 1 else ''} added, "
            f"{result.skipped} already there, {result.grouped} grouped as repeats."
        )
