"""The embedded store's journal (redis's append-only files): sizes, and replay progress.

Progress is read from outside the server, from `/proc/PID/fdinfo` (how far the server has
read its journal files), so watching a replay never sends the loading server a command.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

JOURNAL_DIR = "appendonlydir"
MANIFEST = "appendonly.aof.manifest"


@dataclass(frozen=True)
class JournalFile:
    name: str
    kind: str
    """`b` the base (a snapshot), `i` an increment (commands since the snapshot)."""
    size: int


class Journal:
    """The journal of one data directory."""

    def __init__(self, data_dir: Path) -> None:
        self.directory = data_dir / JOURNAL_DIR

    def exists(self) -> bool:
        return (self.directory / MANIFEST).is_file()

    def files(self) -> list[JournalFile]:
        """Base first, then increments, in the order the server replays them."""
        try:
            lines = (self.directory / MANIFEST).read_text().splitlines()
        except FileNotFoundError:
            return []
        found: list[JournalFile] = []
        for line in lines:
            words = line.split()
            fields = dict(zip(words[::2], words[1::2], strict=False))
            name, kind = fields.get("file"), fields.get("type")
            if not name or kind not in ("b", "i"):
                continue
            try:
                size = (self.directory / name).stat().st_size
            except FileNotFoundError:
                size = 0
            found.append(JournalFile(name, kind, size))
        found.sort(key=lambda f: f.kind != "b")
        return found

    def size(self) -> int:
        return sum(f.size for f in self.files())

    def increment_size(self) -> int:
        """Bytes of commands written since the last snapshot (what a restart replays)."""
        return sum(f.size for f in self.files() if f.kind == "i")

    def replay_fraction(self, pid: int) -> float | None:
        """How much of the journal the server `pid` has read so far (None: not known)."""
        files = self.files()
        total = sum(f.size for f in files)
        if total == 0:
            return None
        open_positions = _open_positions(pid, self.directory)
        if not open_positions:
            return None
        done = 0
        for journal_file in files:
            if journal_file.name in open_positions:
                return min(1.0, (done + open_positions[journal_file.name]) / total)
            done += journal_file.size
        return None


def _open_positions(pid: int, directory: Path) -> dict[str, int]:
    """File name → read offset, for the journal files process `pid` has open."""
    positions: dict[str, int] = {}
    fd_dir = Path(f"/proc/{pid}/fd")
    try:
        descriptors = list(fd_dir.iterdir())
    except OSError:
        return positions
    for descriptor in descriptors:
        try:
            target = Path(os.readlink(descriptor))
            if target.parent != directory:
                continue
            info = Path(f"/proc/{pid}/fdinfo/{descriptor.name}").read_text()
        except OSError:
            continue
        for line in info.splitlines():
            if line.startswith("pos:"):
                positions[target.name] = int(line.split()[1])
    return positions
