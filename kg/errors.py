"""Specific exceptions. Messages name the file (or query) and say what to do."""

from __future__ import annotations

from pathlib import Path


class KgError(Exception):
    """Base class for every error kg reports to a user."""


class InputError(KgError):
    """An input file cannot be read as a release."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class MissingInputError(InputError):
    def __init__(self, path: str) -> None:
        super().__init__(path, "no such file or folder; check the path")


class EmptyInputError(InputError):
    def __init__(self, path: str) -> None:
        super().__init__(path, "the file is empty; give a press release as .txt or .html")


class Utf16InputError(InputError):
    def __init__(self, path: str) -> None:
        super().__init__(path, 'UTF-16 text (Notepad\'s "Unicode"); save it as UTF-8 and run again')


class BinaryInputError(InputError):
    def __init__(self, path: str) -> None:
        super().__init__(
            path, "not a text file (binary, or neither UTF-8 nor CP949/EUC-KR); give .txt or .html"
        )


class TooLongInputError(InputError):
    """A text longer than the NLP pipeline reads in one piece (spaCy's ``max_length``)."""

    def __init__(self, path: str, length: int, limit: int) -> None:
        self.length = length
        self.limit = limit
        super().__init__(
            path,
            f"too long to read: {length:,} characters of text, more than the {limit:,} kg reads "
            "in one piece; split it into smaller files",
        )


class NotAReleaseError(InputError):
    def __init__(self, path: str, why: str = "no press-release text found") -> None:
        super().__init__(path, f"not a press release: {why}")


class FactsError(KgError, ValueError):
    """Facts that kg cannot write as RDF (an organization or proposal of an unknown kind)."""


class GraphFileError(KgError):
    """A graph file (Turtle) cannot be loaded."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        super().__init__(f"{path}: {problem}")


class QueryError(KgError):
    """A SPARQL query is malformed (the default ``what``) or fails."""

    def __init__(self, source: str, problem: str, what: str = "malformed SPARQL query") -> None:
        self.source = source
        super().__init__(f"{source}: {what}: {problem}")


class ServiceRefusedError(QueryError):
    """A query would call a remote SPARQL endpoint (``SERVICE``) and that was not allowed."""

    def __init__(self, source: str, endpoint: str) -> None:
        self.endpoint = endpoint
        super().__init__(
            source,
            f"SERVICE {endpoint} would send the query to another server; kg queries only the "
            "local graph unless you give --allow-service",
            what="refused",
        )


class UnknownQueryError(KgError):
    """No bundled research query has the name asked for."""

    def __init__(self, name: str, known: list[str]) -> None:
        self.name = name
        super().__init__(
            f"{name}: no bundled query of that name; kg query --list lists them "
            f"({', '.join(known)})"
        )


class ServerError(KgError):
    """The SPARQL server (``oxigraph``) cannot be started or stopped answering."""

    def __init__(self, where: str, problem: str) -> None:
        self.where = where
        super().__init__(f"{where}: {problem}")


class EndpointError(KgError):
    """A SPARQL endpoint cannot be reached or refuses a request; the message names the URL."""

    def __init__(self, url: str, problem: str) -> None:
        self.url = url
        super().__init__(f"{url}: {problem}")


class ResolutionFileError(KgError):
    """The resolution.json that ``kg build`` writes is missing or unreadable."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        super().__init__(f"{path}: {problem}")


class UnknownNameError(KgError):
    """No person or organization of a graph has the name asked for."""

    def __init__(self, name: str, source: str) -> None:
        self.name = name
        super().__init__(
            f"{name}: no person or organization of that name in {source}; "
            "check the spelling (kg query lists the names)"
        )


class ExportFormatError(KgError):
    """The export file's suffix names no format kg can write."""

    def __init__(self, path: str) -> None:
        self.path = path
        suffix = Path(path).suffix or "(none)"
        super().__init__(
            f"{path}: unknown export format {suffix}; use a .graphml, .gexf or .csv file"
        )


class IdentityModeError(KgError):
    """An identity mode (``kg build --identity``) that kg does not have."""

    def __init__(self, mode: str, modes: tuple[str, ...]) -> None:
        self.mode = mode
        super().__init__(f"{mode}: no such identity mode; use one of {', '.join(modes)}")


class CacheError(KgError):
    """The cache of a build folder (``OUTDIR/.kgcache``) cannot be used as it is."""


class CacheFormatError(CacheError):
    """A value in the cache is not data kg wrote (a tampered, foreign or damaged row)."""

    def __init__(self, problem: str) -> None:
        self.problem = problem
        super().__init__(problem)


class CacheRejected(CacheError):
    """A cache database that is not kg's, or not of this kg's layout: removed and made again."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}; removed, and the cache is made again")


class BuildStepError(KgError):
    """A step of a build failed outside kg's own process or data: a process writing an output
    died, or the cache changed under the build."""

    def __init__(self, where: str, problem: str) -> None:
        self.where = where
        super().__init__(f"{where}: {problem}; run kg build again")
