"""Page data prepared in Python so templates only lay it out (STYLE.md, templates).

One module per kind of page; the names below are re-exported so that views can keep
writing `presenters.mentor_card(...)`.
"""

from programmes.presenters.due import due_text, held_text, overdue_text
from programmes.presenters.ect import (
    attendance_tag,
    module_page,
    module_progress_of,
    my_programme,
    session_half_term,
)
from programmes.presenters.engagement import (
    CSV_HEADER,
    engagement_csv_rows,
    engagement_rows,
    module_rows,
    percent_text,
)
from programmes.presenters.lead_provider import (
    partner_items,
    register_counts,
    register_items,
    session_rows,
    session_when,
)
from programmes.presenters.logs import (
    ACTION_TAGS,
    action_rows,
    can_change,
    drop_in_rows,
    meeting_detail,
    meeting_model_hint,
    meeting_rows,
    meeting_title,
)
from programmes.presenters.mentor import current_module_text, mentor_card, pace_text
from programmes.presenters.sequences import (
    decided_text,
    late_joiner_text,
    sequence_is_editable,
    sequence_page,
    sequence_rows,
    timeline_rows,
    timeline_table,
    trust_decided_text,
)

__all__ = [
    "ACTION_TAGS",
    "CSV_HEADER",
    "action_rows",
    "attendance_tag",
    "can_change",
    "current_module_text",
    "decided_text",
    "drop_in_rows",
    "due_text",
    "engagement_csv_rows",
    "engagement_rows",
    "held_text",
    "late_joiner_text",
    "meeting_detail",
    "meeting_model_hint",
    "meeting_rows",
    "meeting_title",
    "mentor_card",
    "module_page",
    "module_progress_of",
    "module_rows",
    "my_programme",
    "overdue_text",
    "pace_text",
    "partner_items",
    "percent_text",
    "register_counts",
    "register_items",
    "sequence_is_editable",
    "sequence_page",
    "sequence_rows",
    "session_half_term",
    "session_rows",
    "session_when",
    "timeline_rows",
    "timeline_table",
    "trust_decided_text",
]
