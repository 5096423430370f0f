from datetime import UTC, date, datetime

from django.core.management.base import BaseCommand, CommandError

from deadlines import breach_clock, complaints, reviews, rules, services
from deadlines.errors import DeadlineError

# Which options each regime takes; anything else is refused rather than silently ignored.
OPTIONS = {
    "foi": {"clarified", "fee_notice", "fee_paid", "extended"},
    "eir": {"clarified", "fee_notice", "fee_paid", "extended"},
    "sar": {"clarified", "clarification_asked", "fee_paid", "id_received", "extended", "nation"},
    "foi-review": {"extended"},
    "eir-review": set(),
    "breach": set(),
    "dp-complaint": {"nation"},
}
DATE_OPTIONS = ("clarified", "clarification_asked", "fee_notice", "fee_paid", "id_received")


class Command(BaseCommand):
    help = (
        "Print a statutory due date; the last line is the date (for breach, an ISO datetime with "
        "its UTC offset). --explain prints the working: each day counted or skipped, and why."
    )
    # Needs no database and checks nothing else, so it answers on a fresh clone.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("regime", help=", ".join(OPTIONS))
        parser.add_argument(
            "received",
            help="date of receipt, YYYY-MM-DD (breach: when the council became aware, an ISO "
            "datetime; without an offset it is Europe/London time)",
        )
        parser.add_argument(
            "--clarified",
            help="FOI/EIR: clarification received (restarts the "
            "clock); SAR: clarification received (ends the pause)",
        )
        parser.add_argument("--clarification-asked", help="SAR: clarification asked (pause start)")
        parser.add_argument("--fee-notice", help="FOI/EIR: day the fees notice was given")
        parser.add_argument("--fee-paid", help="FOI/EIR/SAR: day the fee was received")
        parser.add_argument("--id-received", help="SAR: day ID or authority was received")
        parser.add_argument(
            "--extended",
            action="store_true",
            help="FOI public-interest (40 wd), EIR complex and voluminous (40 wd), exceptional "
            "FOI review (40 wd), SAR complex or numerous (three months)",
        )
        parser.add_argument(
            "--nation",
            help="SAR and dp-complaint roll-forward: england-and-wales, scotland or "
            "northern-ireland (default: the council's, COUNCIL_NATION)",
        )
        parser.add_argument("--explain", action="store_true", help="print the working")

    def handle(self, *args, regime, received, **options):
        if regime not in OPTIONS:
            raise CommandError(f"Unknown regime {regime!r}: choose from {', '.join(OPTIONS)}.")
        given = {name for name in set().union(*OPTIONS.values()) if options[name]}
        refused = sorted(given - OPTIONS[regime])
        if refused:
            names = ", ".join("--" + name.replace("_", "-") for name in refused)
            raise CommandError(f"{names} does not apply to {regime}.")
        dates = {name: _date(options[name], "--" + name.replace("_", "-")) for name in DATE_OPTIONS}
        try:
            if regime == "breach":
                calendar_text, problem = "", ""
                result = breach_clock.breach_due(_moment(received))
            else:
                load = services.calendar_load()
                calendar_text, problem = load.calendar.description, load.problem
                result = _compute(regime, _date(received, "RECEIVED"), dates, options, load)
        except DeadlineError as error:
            raise CommandError(str(error)) from error
        if options["explain"]:
            lines = [f"Calendar: {calendar_text}."] if calendar_text else []
            lines += [problem] if problem else []
            lines += result.explanation
        else:
            lines = [s.line() for s in result.steps if s.text.startswith("Provisional")]
        for line in lines:
            self.stdout.write(line)
        self.stdout.write(_last_line(result))


def _compute(regime, received, dates, options, load):
    calendar = load.calendar
    extended = options["extended"]
    if regime in ("foi", "eir"):
        rule = rules.foi_due if regime == "foi" else rules.eir_due
        return rule(
            received,
            clarified=dates["clarified"],
            fee_notice=dates["fee_notice"],
            fee_paid=dates["fee_paid"],
            extended=extended,
            calendar=calendar,
        )
    if regime == "foi-review":
        return reviews.foi_review_due(received, extended=extended, calendar=calendar)
    if regime == "eir-review":
        return reviews.eir_review_due(received, calendar=calendar)
    if regime == "dp-complaint":
        return complaints.dp_complaint_due(received, nation=options["nation"], calendar=calendar)
    return rules.sar_due(
        received,
        id_received=dates["id_received"],
        fee_received=dates["fee_paid"],
        clarification_asked=dates["clarification_asked"],
        clarified=dates["clarified"],
        extended=extended,
        nation=options["nation"],
        calendar=calendar,
    )


def _last_line(result) -> str:
    if result.due is None:
        return f"no due date: {result.stopped}"
    return result.due.isoformat()


def _date(value: str | None, name: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{name}: {value!r} is not a date (expected YYYY-MM-DD).") from None


def _moment(value: str) -> datetime:
    """An ISO datetime; without an offset, Europe/London wall-clock time, which must exist
    and be unambiguous (not skipped or repeated by a change of the clocks)."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        moment = None
    if moment is None or len(value) <= 10:
        raise CommandError(
            f"RECEIVED: {value!r} is not a date and time (expected e.g. 2026-05-01T16:30)."
        )
    if moment.utcoffset() is not None:
        return moment
    local = moment.replace(tzinfo=rules.LONDON)
    if local.astimezone(UTC).astimezone(rules.LONDON).replace(tzinfo=None) != moment:
        raise CommandError(f"{value} did not happen in Europe/London: the clocks went forward.")
    if local.replace(fold=1).utcoffset() != local.utcoffset():
        raise CommandError(
            f"{value} happened twice in Europe/London (the clocks went back): add the offset, "
            "+01:00 or +00:00."
        )
    return local
