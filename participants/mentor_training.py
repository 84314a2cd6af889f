"""Whether a mentor trains, and whether their training is funded (rule 21).

From the NIoT handbook's glossary and DfE's funding rules for ECF-based training:
a training mentor has not yet completed 6 full terms of an ECF mentor programme or
3 full terms of an ECTP mentor programme; everyone else is a non-training mentor,
who supports ECTs in the same way but no longer studies. Mentor training is funded
once, for one year.
"""

from dataclasses import dataclass

from ecte.calendar.dates import academic_year_label

ECF_TERMS_TO_COMPLETE = 6
ECTP_TERMS_TO_COMPLETE = 3


@dataclass(frozen=True)
class MentorTrainingStatus:
    is_training_mentor: bool
    reason: str
    is_funded: bool
    funding_reason: str

    @property
    def label(self) -> str:
        return "Training mentor" if self.is_training_mentor else "Non-training mentor"

    @property
    def funding_label(self) -> str:
        return "Funded" if self.is_funded else "Not funded"


def mentor_training_status(record, academic_year: int) -> MentorTrainingStatus:
    """The status of the teacher on `record` (a TeacherRecord) as a mentor in `academic_year`."""
    ecf = record.mentor_ecf_terms_completed
    ectp = record.mentor_ectp_terms_completed
    if ecf >= ECF_TERMS_TO_COMPLETE:
        return MentorTrainingStatus(
            is_training_mentor=False,
            reason=f"They have completed {ecf} terms of an ECF mentor programme",
            is_funded=False,
            funding_reason="Non-training mentors do not need training, so it is not funded",
        )
    if ectp >= ECTP_TERMS_TO_COMPLETE:
        return MentorTrainingStatus(
            is_training_mentor=False,
            reason=f"They have completed {ectp} terms of an ECTP mentor programme",
            is_funded=False,
            funding_reason="Non-training mentors do not need training, so it is not funded",
        )
    reason = (
        "They have not completed 6 terms of an ECF mentor programme "
        "or 3 terms of an ECTP mentor programme"
    )
    if ecf or ectp:
        reason += f" (they have completed {_terms_done(ecf, ectp)})"
    funded_in = record.mentor_training_funded_in
    if funded_in is None or funded_in == academic_year:
        return MentorTrainingStatus(
            is_training_mentor=True,
            reason=reason,
            is_funded=True,
            funding_reason=f"Their training is funded for {academic_year_label(academic_year)}",
        )
    return MentorTrainingStatus(
        is_training_mentor=True,
        reason=reason,
        is_funded=False,
        funding_reason=(
            f"Their training was funded in {academic_year_label(funded_in)}. "
            "Mentor training is funded once, for one year"
        ),
    )


def _terms_done(ecf: int, ectp: int) -> str:
    parts = []
    if ecf:
        parts.append(f"{ecf} {'term' if ecf == 1 else 'terms'} of an ECF mentor programme")
    if ectp:
        parts.append(f"{ectp} {'term' if ectp == 1 else 'terms'} of an ECTP mentor programme")
    return " and ".join(parts)
