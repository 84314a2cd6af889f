"""Events for a batch of induction changes in one insert.

The bulk writer lives with the single one in `ecte.events.record`, so that events have
one JSON form however they are written; induction services import it from here.
"""

from ecte.events.record import record_events

__all__ = ["record_events"]
