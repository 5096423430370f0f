from django.apps import AppConfig


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"
    verbose_name = "Reports"

    def ready(self):
        # Keep the report summaries current after every committed change to a case; the
        # requests app knows nothing of reports, it only calls its workflow's listeners.
        from reports import summaries
        from requests_app.transitions import CASES

        if summaries.case_changed not in CASES.after_commit:
            CASES.after_commit.append(summaries.case_changed)
