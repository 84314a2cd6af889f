"""Data exports in CSV and XLSX, built by a Celery task and downloaded by the requester's
organisation for 7 days."""
