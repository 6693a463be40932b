"""The exceptions dossier raises. Each message is the one the ``dossier`` command prints."""


class DossierError(Exception):
    """Base class of every error dossier raises."""


class InputError(DossierError, TypeError, ValueError):
    """An argument of the wrong type or value (a text that is not a str, a bad date)."""


class RulesError(DossierError, ValueError):
    """A user rules file that cannot be read or is invalid; the message names its line."""


class DocumentError(DossierError, ValueError):
    """A document that cannot be read (binary, damaged, of no supported format)."""


class QueryError(DossierError, ValueError):
    """An invalid search query or filter (label, date, date range, sort)."""


class IndexOpenError(DossierError, OSError):
    """An index folder that is missing, damaged, locked or from another version."""


class IngestError(DossierError):
    """An ingest that could not run at all (a bad document is counted, never raised)."""
