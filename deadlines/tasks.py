from celery import shared_task

from deadlines import services


@shared_task
def sync_bank_holidays() -> str:
    """Daily (config.celery beat): refresh the holiday list from GOV.UK. Safe to run twice: a
    second run finds nothing left to change."""
    return services.bank_holidays_sync().message
