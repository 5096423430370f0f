"""Demo breaches for `seed_demo`: 30 breaches over the last year, in every state. Demonstration
data only: every person in them is invented.

Each breach is played through `breaches.services`, step by step, with the clock travelled back
to the moment of each step (time-machine, a test dependency), so references, timelines, field
history and the stored ICO due times are the real thing. The most recent ones are still open,
so the register shows running clocks: one with most of its 72 hours left, some nearly out, one
overdue.
"""

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from breaches import services
from breaches.ico_report import letter_text
from breaches.models import Breach, BreachAction, Status
from organisation.models import Role, ServiceArea, User

SEED = 20_261_201
H = dt.timedelta(hours=1)

# title, what happened, cause, categories, people, records, cyber, service area
STORIES = [
    (
        "Council tax letter sent to the previous occupier",
        "A reminder with the new occupier's name and balance went to the old address.",
        "wrong_post",
        ["financial", "location"],
        1,
        1,
        False,
        "Revenues and Benefits",
    ),
    (
        "Care assessment emailed to the wrong family member",
        "The assessment was sent to the son's old address book entry instead of the daughter.",
        "wrong_email",
        ["special", "vulnerable"],
        1,
        1,
        False,
        "Adult Social Care",
    ),
    (
        "Unencrypted USB stick lost on a site visit",
        "A stick with photographs and notes from inspections was lost between two sites.",
        "lost_device",
        ["location", "basic"],
        40,
        120,
        False,
        "Environmental Health",
    ),
    (
        "Phishing email led to a mailbox compromise",
        "An officer entered their password on a fake login page; the mailbox was read remotely.",
        "cyber_attack",
        ["credentials", "basic", "financial"],
        350,
        900,
        True,
        "Housing",
    ),
    (
        "Names left in an FOI spreadsheet's hidden columns",
        "A released spreadsheet held the names of complainants in hidden columns.",
        "hidden_data",
        ["basic", "location"],
        63,
        63,
        False,
        "Planning and Building Control",
    ),
    (
        "Child's school report shown on a shared screen",
        "A report about a pupil was visible during a video call with a partner agency.",
        "verbal",
        ["children", "special"],
        1,
        1,
        False,
        "Children's Services",
    ),
    (
        "Tenancy files found in a general waste skip",
        "Old tenancy files were thrown in a skip instead of the confidential waste bins.",
        "insecure_disposal",
        ["financial", "basic"],
        25,
        25,
        False,
        "Housing",
    ),
    (
        "Officer looked up a neighbour's benefit claim",
        "The audit log showed a search with no business reason.",
        "unauthorised_access",
        ["financial"],
        1,
        1,
        False,
        "Revenues and Benefits",
    ),
    (
        "Redaction failed on a planning objection",
        "The objector's name and address could be read under the black boxes.",
        "failed_redaction",
        ["basic", "location"],
        1,
        1,
        False,
        "Planning and Building Control",
    ),
    (
        "Bulk email sent with every address visible",
        "A consultation email to residents used the To field instead of Bcc.",
        "wrong_email",
        ["basic"],
        212,
        212,
        False,
        "Waste and Street Scene",
    ),
]
REPORTERS = ["staff", "housing.officer", "planning.officer", "ig.officer", "envhealth.officer"]
# How far each breach gets, oldest first: 15 closed, then the open ones.
PLAN = (
    [Status.CLOSED] * 15
    + [Status.AWAITING_SIGN_OFF] * 3
    + [Status.DECIDED] * 5
    + [Status.ASSESSING] * 4
    + [Status.REPORTED] * 3
)


@dataclass
class Step:
    at: dt.datetime
    do: object  # a callable of no arguments


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _fallback(role: str) -> User:
    return User.objects.filter(role=role, is_active=True).order_by("pk").first()


def already_seeded() -> bool:
    return Breach.objects.exists()


def seed_breaches() -> int:
    """Play the demo breaches through the services. Does nothing if any breach exists."""
    if already_seeded():
        return 0
    with transaction.atomic():
        return _seed()


def _seed() -> int:
    import time_machine  # a test dependency, as for the demo request cases

    rng = random.Random(SEED)
    now = timezone.now().replace(second=0, microsecond=0)
    dpo, siro = _fallback(Role.IG_MANAGER), _fallback(Role.SIRO)
    reporters = [u for u in User.objects.filter(username__in=REPORTERS)] or [dpo]
    areas = {a.name: a for a in ServiceArea.objects.all()}
    count = len(PLAN)
    for index, target in enumerate(PLAN):
        story = STORIES[index % len(STORIES)]
        if target == Status.CLOSED:
            start = now - dt.timedelta(days=360 - index * 20, hours=rng.randint(0, 9))
        elif target in (Status.AWAITING_SIGN_OFF, Status.DECIDED):
            start = now - dt.timedelta(days=40 - (index - 15) * 4, hours=rng.randint(0, 9))
        else:
            # Open clocks: aware 80 (overdue), 60, 30, 8 hours ago; then untriaged reports.
            start = now - H * [80, 60, 30, 8, 5, 3, 1][index - 23] - H
        steps = _steps(
            story,
            target,
            start,
            rng,
            dpo=dpo,
            siro=siro,
            reporter=rng.choice(reporters),
            areas=areas,
        )
        for step in sorted(steps, key=lambda s: s.at):  # stable: same-time steps keep order
            with time_machine.travel(step.at, tick=False):
                step.do()
    return count


def _steps(story, target, start, rng, *, dpo, siro, reporter, areas) -> list[Step]:
    title, happened, cause, categories, people, records, cyber, area_name = story
    order = [Status.REPORTED, Status.ASSESSING, Status.DECIDED, Status.AWAITING_SIGN_OFF]
    depth = order.index(target) if target in order else len(order)
    high = "special" in categories or "children" in categories or people > 100
    late = rng.random() < 0.2
    unlikely = not high and people == 1 and cause in ("wrong_post", "unauthorised_access")
    state: dict = {}

    def report():
        state["breach"] = services.breach_report(
            user=reporter,
            title=title,
            what_happened=happened,
            occurred_at=start - 3 * H,
            discovered_at=start - H,
            service_area=areas.get(area_name),
            data_involved=", ".join(categories),
            people_involved=f"About {people}.",
            containment_reported="Told my manager straight away.",
        )

    def pk():
        return state["breach"].pk

    steps = [Step(start, report)]
    if depth >= 1:
        steps.append(
            Step(
                start + H,
                lambda: services.breach_triage(
                    breach_id=pk(),
                    user=dpo,
                    aware_at=start,
                    report_type="initial",
                    is_cyber=cyber,
                    how_found="staff",
                    data_categories=categories,
                    people_affected=people,
                    records_affected=records,
                    cause=cause,
                    consequences="Distress and loss of trust; possible misuse of the details.",
                    containment="Recipient asked to delete and confirm; access reviewed.",
                    staff_involved="One officer",
                    staff_trained="yes",
                    caldicott="special" in categories or "vulnerable" in categories,
                ),
            )
        )
    if depth >= 2:
        likelihood, severity = (4, 4) if high else (1, 2) if unlikely else (3, 2)
        steps.append(
            Step(
                start + 4 * H,
                lambda: services.breach_assess_risk(
                    breach_id=pk(),
                    user=dpo,
                    likelihood=likelihood,
                    severity=severity,
                    reasoning="Assessed with the service manager against the DSPT grid.",
                ),
            )
        )
        decision = "not_report" if unlikely else "report"
        steps.append(
            Step(
                start + 20 * H,
                lambda: services.breach_decide_ico(
                    breach_id=pk(),
                    user=dpo,
                    decision=decision,
                    reason="Unlikely to result in a risk: one person, details recovered."
                    if unlikely
                    else "Likely to result in a risk to the people affected.",
                ),
            )
        )
        if not unlikely:
            reported_at = start + (80 if late else rng.randint(24, 70)) * H
            steps.append(
                Step(
                    reported_at + 5 * dt.timedelta(minutes=1),
                    lambda: services.breach_record_ico_report(
                        breach_id=pk(),
                        user=dpo,
                        ico_reference=f"IC-{rng.randint(100000, 999999)}-D{rng.randint(1, 9)}",
                        reported_at=reported_at,
                        delay_reason="The service area reported it four days after discovery."
                        if late
                        else "",
                    ),
                )
            )
    if depth >= 3:
        steps += _closing_steps(start, high, dpo, pk)
    if target == Status.CLOSED:
        steps.append(
            Step(
                start + 9 * 24 * H,
                lambda: services.breach_sign_off(breach_id=pk(), user=siro, comments="Agreed."),
            )
        )
    return steps


def _closing_steps(start, high, dpo, pk) -> list[Step]:
    day = dt.timedelta(days=1)

    def tell():
        told = timezone.localdate(start + 2 * day)
        services.breach_decide_individuals(
            breach_id=pk(),
            user=dpo,
            decision="tell" if high else "not_required",
            reason="High risk: they need to protect themselves."
            if high
            else "The risk is not high.",
            told_on=told if high else None,
            method="Letter by post" if high else "",
            letter=letter_text(Breach.objects.get(pk=pk())) if high else "",
        )

    def add_action():
        owner = _fallback(Role.SERVICE_OFFICER) or dpo
        services.breach_add_action(
            breach_id=pk(),
            user=dpo,
            description="Refresher training for the team on checking recipients.",
            owner=owner,
            due_on=timezone.localdate(start + 6 * day),
        )

    def action_done():
        action = BreachAction.objects.filter(breach_id=pk()).get()
        services.breach_action_complete(action_id=action.pk, user=action.owner, note="Done.")

    return [
        Step(start + 2 * day + 2 * H, tell),
        Step(start + 2 * day + 3 * H, add_action),
        Step(start + 5 * day, action_done),
        Step(
            start + 6 * day,
            lambda: services.breach_record_lessons(
                breach_id=pk(), user=dpo, lessons_learned="Check the recipient before sending."
            ),
        ),
        Step(
            start + 7 * day,
            lambda: services.breach_submit_for_sign_off(breach_id=pk(), user=dpo),
        ),
    ]
