"""The demo accounts (seed_demo: first.last@example.com) the load test signs in as, one per
role. A module of its own so that tools other than locust can import it without gevent."""

INDUCTION_TUTOR = "andrew.pike@example.com"  # Harehills Park Academy
APPROPRIATE_BODY = "nadia.hussain@example.com"  # Aire Valley Teaching School Hub
LEAD_PROVIDER = "oliver.reid@example.com"  # National Institute of Teaching
MENTOR = "samuel.osei@example.com"
ECT = "daniel.hughes@example.com"
