"""Thin tasks over the fees sweeps: no arguments, safe to run twice or in two workers."""

from celery import shared_task

from fees import services, sweeps


@shared_task(name="fees.tasks.sweep_fee_lapses")
def sweep_fee_lapses() -> int:
    return sweeps.lapse_due()


@shared_task(name="fees.tasks.sweep_fee_reminders")
def sweep_fee_reminders() -> int:
    return sweeps.remind_due()


@shared_task(name="fees.tasks.render_pending_fee_notices")
def render_pending_fee_notices() -> int:
    return services.render_pending()
