"""dossier: entities and dates of policy texts and news, and a search index over them.

Extraction is rule-based and offline. Records are plain dicts, the same JSON objects the
``dossier`` command prints; their offsets are code points, so ``text[start:end]`` is the
mention.

>>> import dossier
>>> record = dossier.extract("Xi Jinping visited Washington on 25 September 2015.")
>>> [(e["label"], e["canonical"]) for e in record["entities"]]
[('PERSON', 'Xi Jinping'), ('GPE', 'Washington')]

``Extractor`` is built once and reused (``extract``, ``extract_many`` on a Rust thread
pool, ``extract_file``); ``Index`` ingests files and searches them. Every error is a
``DossierError``.
"""

from ._dossier import Extractor, Index, RecordIter, __version__, extract
from ._errors import (
    DocumentError,
    DossierError,
    IndexOpenError,
    IngestError,
    InputError,
    QueryError,
    RulesError,
)

__all__ = [
    "DocumentError",
    "DossierError",
    "Extractor",
    "Index",
    "IndexOpenError",
    "IngestError",
    "InputError",
    "QueryError",
    "RecordIter",
    "RulesError",
    "__version__",
    "extract",
]
