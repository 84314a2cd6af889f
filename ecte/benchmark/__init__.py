"""`manage.py benchmark`: server time of each role's main pages on national data (pages.py,
timing.py), the export writers, the reminder sweep and a bulk upload (jobs.py), as a
Markdown table (report.py)."""
