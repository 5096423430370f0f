from celery import shared_task

from requests_app import correspondence


@shared_task(name="requests_app.tasks.send_correspondence")
def send_correspondence(letter_id: int) -> bool:
    return correspondence.send(letter_id)


@shared_task(name="requests_app.tasks.send_pending_correspondence")
def send_pending_correspondence() -> int:
    return correspondence.send_pending()
