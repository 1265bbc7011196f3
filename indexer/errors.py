"""Errors a user can cause or fix, shared by every layer (they live here, in the bottom one, so indexer/ never
imports assistant/). Each message says what to do; the CLI exits 2, the web app answers 4xx/503."""


class LtpError(Exception):
    """Base class: the message is shown to the user as it is."""


class BadInput(LtpError):
    """The question, file or option given cannot be used (CLI exit 2, HTTP 400)."""


class NotFound(LtpError):
    """An unknown section, programme or document id (CLI exit 2, HTTP 404)."""


class IndexMissing(LtpError):
    """There is no index to answer from yet (HTTP 503)."""


class BackendUnavailable(LtpError):
    """The Chroma server or another backend cannot be reached (HTTP 503)."""


class SourceError(LtpError):
    """A corpus file cannot be read: corrupt, encrypted, empty or not what its name says."""
