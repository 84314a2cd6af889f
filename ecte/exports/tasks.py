"""Celery tasks: each takes ids, reloads, and does nothing when the work is already done."""

from celery import shared_task

from ecte.exports import services


@shared_task(name="exports.build_export")
def build_export(export_id: int) -> bool:
    return services.build_export(export_id=export_id)


@shared_task(name="exports.delete_expired_exports")
def delete_expired_exports() -> int:
    """Beat: delete export files older than 7 days."""
    return services.delete_expired_exports()
