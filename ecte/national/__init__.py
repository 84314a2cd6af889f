"""National-scale data for benchmarks: `manage.py seed_national` (see seed.py)."""
