"""Streaming CSV input for the event-data loaders, and the rejects file they write.

Files are read row by row (memory does not grow with file size). UTF-8 with or without
a byte-order mark is read as is; anything else is read as Windows-1252 (or Latin-1) with
a warning naming the first byte that is not UTF-8. Each record carries the physical line
it starts on, so a quoted field spanning lines does not shift later line numbers.
"""

from __future__ import annotations

import codecs
import csv
import errno
import io
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

_SCAN_CHUNK = 1 << 20
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""Characters no field of a data export holds (tab, newline and return are fine)."""


@dataclass(frozen=True)
class SkippedRow:
    """A record turned away before any parser saw it (a control character in a field)."""

    line: int
    field: str
    reason: str
    raw: str


def control_character(value: str) -> str | None:
    """Why `value` is refused (`a NUL byte at character 4`), or None when it is clean."""
    found = _CONTROL.search(value)
    if found is None:
        return None
    char = found.group()
    name = "a NUL byte" if char == "\x00" else f"control character U+{ord(char):04X}"
    return f"contains {name} at character {found.start() + 1}"


class CountingReader(io.RawIOBase):
    """A raw binary reader that counts the bytes handed on (for the progress bar)."""

    def __init__(self, raw: IO[bytes]) -> None:
        super().__init__()
        self._raw = raw
        self.bytes_read = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        data = self._raw.read(len(buffer))
        size = len(data)
        buffer[:size] = data
        self.bytes_read += size
        return size

    def close(self) -> None:
        self._raw.close()
        super().close()


@dataclass(frozen=True)
class Encoding:
    """How a file will be decoded, and why (a warning when it is not UTF-8)."""

    name: str
    warning: str | None = None


def detect_encoding(path: Path) -> Encoding:
    """UTF-8 (BOM or not) when every byte decodes; else cp1252, else latin-1, with a warning."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    with path.open("rb") as handle:
        while chunk := handle.read(_SCAN_CHUNK):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                bad = offset + exc.start
                return _fallback(path, bad)
            offset += len(chunk)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return _fallback(path, offset)
    return Encoding("utf-8-sig")


def _fallback(path: Path, bad_offset: int) -> Encoding:
    with path.open("rb") as handle:
        line = handle.read(bad_offset).count(b"\n") + 1
    for name in ("cp1252", "latin-1"):
        try:
            with path.open("r", encoding=name, newline="") as handle:
                while handle.read(_SCAN_CHUNK):
                    pass
        except UnicodeDecodeError:
            continue
        label = "Windows-1252" if name == "cp1252" else "Latin-1"
        return Encoding(
            name,
            f"{path}:{line}: byte {bad_offset} is not UTF-8; reading the file as {label} "
            "(re-export it as UTF-8 to be sure of accented names)",
        )
    raise AssertionError("latin-1 decodes every byte")  # pragma: no cover


class CsvFile:
    """An open CSV file: its header, its encoding, and its records with line numbers."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.encoding = detect_encoding(path)
        self.size = path.stat().st_size
        self._counter = CountingReader(path.open("rb"))
        self._text = io.TextIOWrapper(
            io.BufferedReader(self._counter, 1 << 16), encoding=self.encoding.name, newline=""
        )
        self._reader = csv.reader(self._text)
        first = next(self._reader, None)
        self.header = [h.strip().lstrip("\ufeff").lower() for h in first] if first else []
        self.skipped: list[SkippedRow] = []
        """Rows with control characters, for the loader to drain into its rejects file."""

    @property
    def bytes_read(self) -> int:
        return self._counter.bytes_read

    def records(self) -> Iterator[tuple[int, list[str]]]:
        """(first physical line, fields) for each record after the header; blank lines skipped."""
        reader = self._reader
        last = reader.line_num
        clean = _CONTROL.search
        for row in reader:
            start, last = last + 1, reader.line_num
            if not row:
                continue
            if clean("".join(row)) is None:  # one scan of the record; fields only if dirty
                yield start, row
                continue
            problem = self._control_problem(row)
            if problem is not None:
                self.skipped.append(SkippedRow(start, problem[0], problem[1], raw_text(row)))
                continue
            yield start, row

    def _control_problem(self, row: list[str]) -> tuple[str, str] | None:
        for index, value in enumerate(row):
            reason = control_character(value)
            if reason is not None:
                name = self.header[index] if index < len(self.header) else f"column {index + 1}"
                return name, reason
        return None

    def drain_skipped(self) -> list[SkippedRow]:
        rows, self.skipped = self.skipped, []
        return rows

    def close(self) -> None:
        self._text.close()

    def __enter__(self) -> CsvFile:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def raw_text(row: list[str]) -> str:
    """A record written back as one CSV line (for the rejects file)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow(row)
    return buffer.getvalue()


REJECT_COLUMNS = ("file", "line", "field", "reason", "raw")


class RejectsUnwritable(OSError):
    """The rejects file cannot be written; the load stops before writing any data."""


class RejectsFile:
    """The CSV of rows a load could not take: file, line, field, reason, raw record.

    Written safely: its folder is created private (0700), the file is created 0600, and
    neither is followed through a symbolic link. `open()` up front proves it can be
    written before a load writes any data; a file that ends up empty is removed, so a
    clean load leaves none behind.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.count = 0
        self._handle: IO[str] | None = None
        self._writer: csv.DictWriter[str] | None = None

    def open(self) -> None:
        if self._writer is not None:
            return
        folder = self.path.parent
        try:
            if folder.is_symlink():
                raise OSError(errno.ELOOP, "the folder is a symbolic link")
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | os.O_CLOEXEC
            fd = os.open(self.path, flags, 0o600)
        except OSError as exc:
            reason = "it is a symbolic link" if exc.errno == errno.ELOOP else exc.strerror
            raise RejectsUnwritable(
                f"cannot write the rejects file {self.path}: {reason}; nothing was loaded "
                "(choose another folder with --rejects-dir)"
            ) from None
        self._handle = os.fdopen(fd, "w", encoding="utf-8", newline="")
        self._writer = csv.DictWriter(self._handle, REJECT_COLUMNS)
        self._writer.writeheader()

    def add(self, file: Path, line: int, field_name: str | None, reason: str, raw: str) -> None:
        self.open()
        assert self._writer is not None
        self._writer.writerow({"file": str(file), "line": line, "field": field_name or "",
                               "reason": reason, "raw": raw})  # fmt: skip
        self.count += 1

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None
            self._writer = None
            if self.count == 0:
                self.path.unlink(missing_ok=True)
