"""The exception tree of newsevents.

    NewsEventsError                 every error the library raises on purpose
    ├── InputError                  a document or a path cannot be read (missing file, unreadable bytes)
    ├── ModelError                  the spaCy pipeline cannot be loaded
    ├── DictionaryError             a dictionary file (built-in or the user's) is malformed
    ├── UsageError                  arguments that cannot work together
    ├── store.StoreError            the store cannot be opened, written (disk full, read-only, another
    │                               ingest holds it) or queried; what was committed before is kept
    └── scale.ScaleError            the worker pool or the Dask cluster cannot be used

Each message says what went wrong and what to do about it; the CLI prints it as one line on stderr.
"""


class NewsEventsError(Exception):
    """Base class of the errors newsevents raises on purpose."""


class InputError(NewsEventsError):
    """An input path or document cannot be read."""


class ModelError(NewsEventsError):
    """The spaCy pipeline cannot be loaded."""


class DictionaryError(NewsEventsError):
    """A dictionary file is malformed."""


class UsageError(NewsEventsError):
    """Arguments that cannot work together."""
