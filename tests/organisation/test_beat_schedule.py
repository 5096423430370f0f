from config.celery import app


def test_every_scheduled_task_exists():
    app.loader.import_default_modules()
    for name, entry in app.conf.beat_schedule.items():
        assert entry["task"] in app.tasks, name


def test_schedule_runs_in_london_time():
    assert app.conf.timezone == "Europe/London"
