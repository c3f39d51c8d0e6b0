"""newsevents: political event data from news — who did what to whom, when, where, and how sure.

    >>> import newsevents
    >>> events = newsevents.code_text("Russia accused Ukraine of shelling the plant.", report_date="2022-08-07")
"""

from .dataset import open
from .errors import DictionaryError, InputError, ModelError, NewsEventsError, UsageError
from .pipeline import Coder, Options, code_text
from .records import Actor, Document, Event, EventMention, Location, Mention

__version__ = "0.1.0"
__all__ = [
    "Actor", "Coder", "DictionaryError", "Document", "Event", "EventMention", "InputError", "Location", "Mention",
    "ModelError", "NewsEventsError", "Options", "UsageError", "code_text", "open",
]
