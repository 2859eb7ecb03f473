"""What an ingest, an upload or a repair did to a store, for a person to read.

Written by the ingest pipeline and by the store's own repair, read by the CLI and the app:
it lives in the store package so that the store never imports the pipeline above it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mapapp.corpus.reader import ArticleFormatError


@dataclass(frozen=True)
class IngestReport:
    """What an ingest or an upload did; ``errors`` are the rejected files and records."""

    added: int = 0  # articles new to the store
    replaced: int = 0  # stored articles whose text, date or metadata changed
    skipped: int = 0  # already stored unchanged
    mentions: int = 0  # mentions written
    errors: tuple[ArticleFormatError, ...] = field(default=())
    vanished: int = 0  # stored articles a re-read file no longer holds (kept, as ever)
    repairs: tuple[str, ...] = ()  # damaged store files found and what was done about them

    def __add__(self, other: IngestReport) -> IngestReport:
        return IngestReport(self.added + other.added, self.replaced + other.replaced,
                            self.skipped + other.skipped, self.mentions + other.mentions,
                            self.errors + other.errors, self.vanished + other.vanished,
                            self.repairs + other.repairs)

    def counts(self) -> str:
        """One line for a person: what was added, replaced, skipped, written."""
        counts = (f"{self.added:,} added, {self.replaced:,} replaced, {self.skipped:,} already "
                  f"stored, {self.mentions:,} mentions written")
        if self.vanished:
            counts += (f"; {self.vanished:,} stored article(s) no longer in the file they were "
                       "read from, kept in the store")
        return counts

    def summary(self, max_errors: int = 50) -> str:
        """A few lines for a person: the counts, the repairs, then every rejected file with
        its reason."""
        return "\n".join([self.counts(), *(f"repaired: {r}" for r in self.repairs),
                          *self.rejected(max_errors)])

    def rejected(self, max_errors: int = 50) -> list[str]:
        """Lines for a person: every rejected file or record with its reason."""
        if not self.errors:
            return []
        files = len({e.path for e in self.errors})
        lines = [f"{len(self.errors):,} rejected (in {files:,} file(s)):"]
        lines += [f"  {e}" for e in self.errors[:max_errors]]
        if len(self.errors) > max_errors:
            lines.append(f"  … and {len(self.errors) - max_errors:,} more")
        return lines
