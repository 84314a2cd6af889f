"""How much national data a scale makes: 1.0 is England in one year."""

from dataclasses import dataclass

NATIONAL = {
    "schools": 22_000,
    "trusts": 2_500,
    "appropriate_bodies": 90,
    "delivery_partners": 120,
    "ects": 120_000,
    "mentors": 100_000,
    "mentoring_logs": 3_000_000,
}
# The organisations the benchmark signs in as, at scale 1.0.
BIG_SCHOOL_ECTS = 60
BIG_APPROPRIATE_BODY_ECTS = 5_000
BIG_LEAD_PROVIDER_PARTICIPANTS = 20_000
LEAD_PROVIDERS = 6
MAX_SCALE = 2.0


class ScaleError(ValueError):
    pass


@dataclass(frozen=True)
class Plan:
    scale: float
    schools: int
    trusts: int
    appropriate_bodies: int
    lead_providers: int
    delivery_partners: int
    ects: int
    mentors: int
    mentoring_logs: int
    big_school_ects: int
    big_appropriate_body_ects: int
    big_lead_provider_participants: int

    @classmethod
    def for_scale(cls, scale: float) -> "Plan":
        if not 0 < scale <= MAX_SCALE:
            raise ScaleError(f"Scale must be more than 0 and at most {MAX_SCALE:g}")
        counts = {name: max(1, round(number * scale)) for name, number in NATIONAL.items()}
        # Enough hubs that the big one and the national body are not the only ones.
        counts["appropriate_bodies"] = max(4, counts["appropriate_bodies"])
        counts["delivery_partners"] = max(LEAD_PROVIDERS, counts["delivery_partners"])
        counts["schools"] = max(20, counts["schools"])
        return cls(
            scale=scale,
            lead_providers=LEAD_PROVIDERS,
            # The big school keeps its 60 ECTs at every scale: it is the page benchmarked.
            big_school_ects=min(BIG_SCHOOL_ECTS, counts["ects"] // 4),
            big_appropriate_body_ects=max(1, round(BIG_APPROPRIATE_BODY_ECTS * scale)),
            big_lead_provider_participants=max(1, round(BIG_LEAD_PROVIDER_PARTICIPANTS * scale)),
            **counts,
        )
