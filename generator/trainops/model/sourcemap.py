"""Where each value of a data file was written: the link from a value back to its line."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["SourceMap", "Path", "PathItem"]

PathItem = str | int
Path = tuple[PathItem, ...]


@dataclass
class SourceMap:
    """Where each value (and each mapping key) of one file was written, 1-based line and column."""

    path: str
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def locate(self, loc: Path, key: bool = False) -> tuple[int, int]:
        """The position of ``loc``; for a missing item, the nearest enclosing one."""
        table = self.keys if key else self.values
        if loc in table:
            return table[loc]
        if not key and loc in self.keys:
            return self.keys[loc]
        for end in range(len(loc) - 1, -1, -1):
            parent = loc[:end]
            if parent in self.keys:
                return self.keys[parent]
            if parent in self.values:
                return self.values[parent]
        return (1, 1)
