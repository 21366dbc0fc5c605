"""Input arguments (files, directories, glob patterns) to the ordered list of files to read."""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from civcas.ingest.errors import IngestError

_GLOB_CHARS = frozenset("*?[")


def iter_sources(inputs: Iterable[str | Path]) -> Iterator[Path | IngestError]:
    """Each file to read, once, in a stable order; an IngestError for an input that names nothing.

    Directories are walked recursively and glob patterns expanded, both sorted and skipping hidden
    files and folders; a file named explicitly is read even when hidden (the user asked for it).
    """
    seen: set[Path] = set()
    for raw in inputs:
        for found in _expand_one(raw):
            if isinstance(found, IngestError):
                yield found
                continue
            key = _identity(found)
            if key not in seen:
                seen.add(key)
                yield found


def expand_inputs(inputs: Iterable[str | Path]) -> list[Path]:
    """The files `read_reports` would read, for progress bars (inputs naming nothing left out)."""
    return [found for found in iter_sources(inputs) if isinstance(found, Path)]


def count_inputs(inputs: Iterable[str | Path]) -> int:
    """How many files `read_reports` would read."""
    return len(expand_inputs(inputs))


def _expand_one(raw: str | Path) -> Iterator[Path | IngestError]:
    path = Path(raw)
    if path.is_dir():
        yield from _walk(path)
    elif path.exists() or path.is_symlink():
        yield path  # a file, or something unreadable: the reader says what is wrong with it
    elif _GLOB_CHARS & set(str(raw)):
        yield from _glob(str(raw))
    else:
        yield IngestError(str(raw), "no such file or directory; check the path")


def _glob(pattern: str) -> Iterator[Path | IngestError]:
    matches = sorted(glob.glob(os.path.expanduser(pattern), recursive=True))
    if not matches:
        yield IngestError(pattern, "the pattern matches no files; check the pattern and folder")
        return
    for match in matches:
        path = Path(match)
        yield from _walk(path) if path.is_dir() else iter([path])


def _walk(folder: Path) -> Iterator[Path]:
    """Non-hidden files under `folder`, recursively, sorted by path."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(Path(root, name) for name in files if not name.startswith("."))
    yield from sorted(found)


def _identity(path: Path) -> Path:
    """One key per file however it was named, so overlapping inputs read it once."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()
