"""Lead providers and their partnerships, programme content, module sequences, mentoring
logs and engagement. One module per concern; everything is importable from here."""

from programmes.models.content import (
    Audience,
    ChoiceKind,
    MeetingFocus,
    MeetingModel,
    Module,
    Programme,
    ProgrammeYear,
    Session,
    SessionKind,
    StudyItem,
    StudyKind,
)
from programmes.models.engagement import CompletionSource, SessionAttendance, StudyRecord
from programmes.models.mentoring import (
    Action,
    ActionStatus,
    DropInMode,
    LessonDropIn,
    LogRevision,
    MentorMeeting,
)
from programmes.models.partnerships import DeliveryPartner, LeadProvider, SchoolPartnership
from programmes.models.sequences import ModuleSequence, ModuleSequenceEntry

__all__ = [
    "Action",
    "ActionStatus",
    "CompletionSource",
    "DropInMode",
    "LessonDropIn",
    "LogRevision",
    "MentorMeeting",
    "SessionAttendance",
    "StudyRecord",
    "Audience",
    "ChoiceKind",
    "DeliveryPartner",
    "LeadProvider",
    "MeetingFocus",
    "MeetingModel",
    "Module",
    "ModuleSequence",
    "ModuleSequenceEntry",
    "Programme",
    "ProgrammeYear",
    "SchoolPartnership",
    "Session",
    "SessionKind",
    "StudyItem",
    "StudyKind",
]
