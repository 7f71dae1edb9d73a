"""Streaming CSV input for the event-data loaders, and the rejects file they write.

Files are read row by row (memory does not grow with file size). UTF-8 with or without
a byte-order mark is read as is; anything else is read as Windows-1252 (or Latin-1) with
a warning naming the first byte that is not UTF-8. Each record carries the physical line
it starts on, so a quoted field spanning lines does not shift later line numbers.
"""

from __future__ import annotations

import codecs
import csv
import io
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

_SCAN_CHUNK = 1 << 20


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

    @property
    def bytes_read(self) -> int:
        return self._counter.bytes_read

    def records(self) -> Iterator[tuple[int, list[str]]]:
        """(first physical line, fields) for each record after the header; blank lines skipped."""
        reader = self._reader
        last = reader.line_num
        for row in reader:
            start, last = last + 1, reader.line_num
            if row:
                yield start, row

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


class RejectsFile:
    """The CSV of rows a load could not take: file, line, field, reason, raw record.

    Opened on the first reject, so a clean load leaves no file behind.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.count = 0
        self._handle: IO[str] | None = None
        self._writer: csv.DictWriter[str] | None = None

    def add(self, file: Path, line: int, field_name: str | None, reason: str, raw: str) -> None:
        if self._writer is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._handle = self.path.open("w", encoding="utf-8", newline="")
            self._writer = csv.DictWriter(self._handle, REJECT_COLUMNS)
            self._writer.writeheader()
        self._writer.writerow({"file": str(file), "line": line, "field": field_name or "",
                               "reason": reason, "raw": raw})  # fmt: skip
        self.count += 1

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None
            self._writer = None
