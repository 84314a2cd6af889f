"""The induction tutor's engagement dashboard, its CSV and the drill-down (rule 29)."""

from programmes import participation
from programmes.presenters.due import held_text, overdue_text
from programmes.presenters.mentor import current_module_text, pace_text


def percent_text(progress) -> str:
    return "Nothing due yet" if progress.percent is None else f"{progress.percent}%"


def engagement_rows(engagement: dict) -> list[dict]:
    rows = []
    for row in engagement["ects"]:
        status = row.status
        rows.append(
            {
                "row": row,
                "period": row.ect.ect_period,
                "name": row.ect.ect_period.teacher.full_name,
                "programme": current_module_text(row.ect),
                "pace": pace_text(row.ect),
                "mentor": row.mentor.full_name if row.mentor else "No mentor",
                "meetings": held_text(status.meetings, "meetings") if status else "No mentor",
                "drop_ins": held_text(status.drop_ins, "drop-ins") if status else "No mentor",
                "overdue": [
                    text
                    for text in (
                        overdue_text(status.drop_ins, "drop-in") if status else "",
                        overdue_text(status.meetings, "meeting") if status else "",
                    )
                    if text
                ],
            }
        )
    return rows


CSV_HEADER = [
    "name",
    "trn",
    "programme year",
    "current module",
    "self-study done",
    "self-study due",
    "self-study %",
    "seminars attended",
    "seminars due",
    "seminars %",
    "electives or focus areas chosen",
    "mentor",
    "meetings held",
    "meetings due",
    "drop-ins held",
    "drop-ins due",
]


def engagement_csv_rows(engagement: dict) -> list[list]:
    rows = []
    for row in engagement["ects"]:
        ect, status = row.ect, row.status
        slot = ect.current_slot
        rows.append(
            [
                ect.ect_period.teacher.full_name,
                ect.ect_period.teacher.trn,
                ect.year_number,
                slot.module.label if slot and slot.module else "",
                row.self_study.done,
                row.self_study.expected,
                "" if row.self_study.percent is None else row.self_study.percent,
                row.seminars.done,
                row.seminars.expected,
                "" if row.seminars.percent is None else row.seminars.percent,
                row.chosen,
                row.mentor.full_name if row.mentor else "",
                status.meetings.held if status else "",
                status.meetings.expected if status else "",
                status.drop_ins.held if status else "",
                status.drop_ins.expected if status else "",
            ]
        )
    return rows


def module_rows(ect, records) -> list[dict]:
    """Each of the ECT's modules with its half-terms and progress (for the drill-down)."""
    return [
        {
            "module": module,
            "when": ", ".join(slot.half_term.name for slot in ect.slots_of(module)),
            "progress": participation.module_progress(ect, module, records),
            "chosen": [
                item.title
                for item in ect.choosable_items(module)
                if item.pk in records and records[item.pk].chosen_at
            ],
        }
        for module in ect.modules
    ]
