"""Type stubs of the extension module (see the docstrings in the module itself)."""

import datetime
import os
from typing import Any, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, Union

Record = Dict[str, Any]
DateLike = Union[str, datetime.date]
PathLike = Union[str, "os.PathLike[str]"]

__version__: str

def extract(text: str, dct: Optional[DateLike] = None) -> Record:
    """Extract the entities and dates of one text with the built-in rules."""

class Extractor:
    """A reusable extractor, optionally with user rules and a fixed creation date."""

    def __init__(self, rules: Optional[PathLike] = None, dct: Optional[DateLike] = None) -> None: ...
    def extract(self, text: str, dct: Optional[DateLike] = None) -> Record:
        """The record of one text."""
    def extract_many(
        self,
        items: Iterable[Union[str, Mapping[str, Any]]],
        threads: Optional[int] = None,
    ) -> List[Record]:
        """The records of many texts (str or {"id", "text", "dct"}), in input order."""
    def extract_file(self, path: PathLike) -> List[Record]:
        """The records of the documents of one file."""
    def fingerprint(self) -> str:
        """The extraction fingerprint (version, built-in rules, user rules)."""

class RecordIter(Iterator[Record]):
    """The records of an index, one at a time."""

    def __iter__(self) -> "RecordIter": ...
    def __next__(self) -> Record: ...

class Index:
    """An index folder: ingest, search, records, entities."""

    def __init__(self, path: PathLike) -> None: ...
    @property
    def path(self) -> str: ...
    def ingest(
        self,
        paths: Union[PathLike, Sequence[PathLike]],
        prune: bool = False,
        replace: bool = False,
        extractor: Optional[Extractor] = None,
    ) -> Dict[str, Any]:
        """Ingest files or folders; returns the summary of `dossier ingest --json`."""
    def search(
        self,
        query: str,
        limit: int = 10,
        offset: int = 0,
        entity: Union[None, str, Sequence[str]] = None,
        label: Optional[str] = None,
        since: Optional[DateLike] = None,
        until: Optional[DateLike] = None,
        mentions: Optional[str] = None,
        facets: Union[None, bool, int] = None,
        sort: str = "relevance",
        snippets: bool = True,
    ) -> Dict[str, Any]:
        """Search; returns the JSON of `dossier search --json`."""
    def records(self) -> RecordIter:
        """Every record of the index, in index order."""
    def entities(self) -> List[Dict[str, Any]]:
        """One entry per canonical entity, as `dossier export entities` writes them."""
