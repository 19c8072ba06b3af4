"""Error hierarchy: only operational failures raise; problems in the input become findings."""


class RefauditError(Exception):
    """Base of every error refauditor raises on purpose."""


class InputError(RefauditError):
    """An input that cannot be read (missing, unreadable encoding, empty, too large)."""


class ConfigError(RefauditError):
    """A configuration file or flag value that cannot be used."""


class ResolverError(RefauditError):
    """A lookup service failed; callers turn this into an ``unverified`` resolution."""


class Unavailable(ResolverError):
    """The service could not be reached (DNS, connect error, timeout, 5xx)."""


class RateLimited(ResolverError):
    """The service kept answering 429 beyond the retry budget."""


class TimeBudgetExceeded(RefauditError):
    """A document ran past ``--max-seconds``: it ends with ``status: error``, the others go on."""
