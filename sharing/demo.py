"""The demo council's sharing agreements and DPIAs: about 40 agreements and 15 DPIAs in every
state, made through the services (so the timelines, history and review dates are real). Used
by `seed_demo` only; safe to rerun (it adds nothing once agreements exist)."""

import datetime as dt
import random

from django.utils import timezone

from deadlines import agreement_reviews
from organisation.models import Role, ServiceArea, User
from sharing import services
from sharing.access import may_sign
from sharing.models import Agreement, DpiaStatus, Status

PARTNERS = [
    ("Leicestershire Police", "Joint controller"),
    ("NHS Leicester, Leicestershire and Rutland ICB", "Joint controller"),
    ("Leicestershire County Council", "Joint controller"),
    ("Department for Work and Pensions", "Controller"),
    ("Leicestershire Fire and Rescue Service", "Joint controller"),
    ("Citizens Advice Leicestershire", "Controller"),
    ("Voluntary Action Leicestershire", "Controller"),
    ("Capita Business Services Ltd", "Processor"),
    ("Civica UK Ltd", "Processor"),
    ("Homes England", "Controller"),
]
# title, purpose, lead areas, kind, special category (Art 9 letter), criminal offence data
TOPICS = [
    (
        "Troubled families early help",
        "Identify families who need early help.",
        ("Children's Services", "Housing"),
        "isa",
        "b",
        False,
    ),
    (
        "Anti-social behaviour case conferences",
        "Co-ordinate action on anti-social behaviour.",
        ("Housing", "Waste and Street Scene"),
        "isa",
        "",
        True,
    ),
    (
        "Hospital discharge planning",
        "Arrange care so patients can leave hospital safely.",
        ("Adult Social Care",),
        "isa",
        "h",
        False,
    ),
    (
        "Council tax reduction verification",
        "Check entitlement to council tax reduction.",
        ("Revenues and Benefits",),
        "isa",
        "",
        False,
    ),
    (
        "Revenues and benefits system hosting",
        "Host and support the revenues system.",
        ("Revenues and Benefits",),
        "dpa",
        "",
        False,
    ),
    (
        "Planning enforcement intelligence",
        "Share intelligence on planning breaches.",
        ("Planning and Building Control",),
        "isa",
        "",
        True,
    ),
    (
        "Food hygiene inspection referrals",
        "Refer food businesses for inspection.",
        ("Environmental Health",),
        "isa",
        "",
        False,
    ),
    (
        "Safeguarding adults board",
        "Share information to protect adults at risk.",
        ("Adult Social Care", "Housing"),
        "isa",
        "h",
        True,
    ),
    (
        "Homelessness duty to refer",
        "Receive referrals of people at risk of homelessness.",
        ("Housing",),
        "isa",
        "h",
        False,
    ),
    (
        "Fly-tipping prosecutions",
        "Share evidence to prosecute fly-tipping.",
        ("Waste and Street Scene", "Legal and Democratic Services"),
        "isa",
        "",
        True,
    ),
    (
        "Electoral register printing",
        "Print and post canvass forms.",
        ("Legal and Democratic Services",),
        "dpa",
        "",
        False,
    ),
    (
        "Disabled facilities grants",
        "Assess and fund home adaptations.",
        ("Housing", "Adult Social Care"),
        "isa",
        "h",
        False,
    ),
]
# How many agreements in each state (about 40 in all).
PLAN = [
    (Status.DRAFT, 5),
    (Status.DPO_REVIEW, 4),
    (Status.AWAITING_SIGNATURE, 4),
    ("active_recent", 10),
    ("active_due_soon", 5),
    (Status.REVIEW_DUE, 5),
    (Status.EXPIRED, 3),
    (Status.TERMINATED, 4),
]


def _user(username: str, role: str) -> User | None:
    return (
        User.objects.filter(username=username).first()
        or User.objects.filter(role=role, is_active=True).order_by("pk").first()
    )


def _signer(agreement: Agreement) -> User | None:
    for user in User.objects.filter(role__in=[Role.DIRECTOR, Role.SIRO], is_active=True):
        if may_sign(user, agreement):
            return user
    return None


def _months_ago(today: dt.date, months: int) -> dt.date:
    return agreement_reviews.add_months(today, -months)[0]


def _agreement(rng, n, topic, officer, owner, areas) -> Agreement:
    title, purpose, area_names, kind, article9, criminal = topic
    partners = rng.sample(PARTNERS, 1 + (n % 2))
    agreement = services.agreement_create(
        user=officer,
        lead_areas=[areas[name] for name in area_names if name in areas],
        partner={
            "name": partners[0][0],
            "role": partners[0][1],
            "contact_name": "Information Governance Lead",
            "contact_email": f"ig.lead{n}@partner.example",
        },
        kind=kind,
        title=f"{title} ({2020 + n % 6})" if n >= len(TOPICS) else title,
        purpose=purpose,
        article6_basis="public_task" if kind == "isa" else "contract",
        special_category=bool(article9),
        article9_condition=article9,
        criminal_offence=criminal,
        article10_condition="DPA 2018 Sch 1 Pt 2 para 10 (preventing or detecting unlawful acts)"
        if criminal
        else "",
        data_subjects="Residents the service works with.",
        data_categories="Names, addresses, dates of birth, case notes.",
        transfer_method="Secure file transfer" if n % 2 else "Shared case-management system",
        transfer_frequency="Weekly" if n % 3 else "As needed",
        security_measures="Encrypted in transit and at rest; access by named staff only.",
        retention="Kept for six years after the case closes, then securely deleted.",
        waspi=False,
        review_months=12,
        owner=owner,
    )
    for name, role in partners[1:]:
        services.agreement_add_partner(
            agreement_id=agreement.pk, user=officer, name=name, role=role
        )
    return agreement


def seed_agreements(seed: int = 2026) -> int:
    if Agreement.objects.exists():
        return 0
    rng = random.Random(seed)
    today = timezone.localdate()
    officer = _user("ig.officer", Role.IG_OFFICER)
    manager = _user("ig.manager", Role.IG_MANAGER)
    areas = {a.name: a for a in ServiceArea.objects.select_related("directorate")}
    owners = list(User.objects.filter(role=Role.SERVICE_OFFICER, is_active=True)) or [officer]
    made = []
    n = 0
    for state, count in PLAN:
        for _ in range(count):
            topic = TOPICS[n % len(TOPICS)]
            agreement = _agreement(rng, n, topic, officer, rng.choice(owners), areas)
            n += 1
            made.append(agreement)
            if state == Status.DRAFT:
                continue
            services.agreement_submit(agreement_id=agreement.pk, user=officer)
            if state == Status.DPO_REVIEW:
                continue
            services.agreement_agree(agreement_id=agreement.pk, user=manager)
            if state == Status.AWAITING_SIGNATURE:
                continue
            agreement = Agreement.objects.prefetch_related("lead_areas__directorate").get(
                pk=agreement.pk
            )
            signer = _signer(agreement)
            if signer is None:
                continue
            started = {
                "active_recent": _months_ago(today, rng.randint(1, 9)),
                # Review in a fortnight: inside the reminder window.
                "active_due_soon": agreement_reviews.add_months(
                    agreement_reviews.reminder_horizon(today, 14), -12
                )[0],
                Status.REVIEW_DUE: _months_ago(today, rng.randint(13, 20)),
                Status.EXPIRED: _months_ago(today, 30),
                Status.TERMINATED: _months_ago(today, 6),
            }[state]
            services.agreement_sign(
                agreement_id=agreement.pk,
                user=signer,
                start_date=started,
                review_months=12,
                end_date=_months_ago(today, 2) if state == Status.EXPIRED else None,
            )
            if state == Status.TERMINATED:
                services.agreement_terminate(
                    agreement_id=agreement.pk,
                    user=manager,
                    reason="The project it supported has closed.",
                )
    services.agreements_advance(today=today)
    _seed_dpias(rng, officer, manager, made)
    return n


def _seed_dpias(rng, officer, manager, agreements) -> None:
    # 15 DPIAs: 3 screening, 2 screened out, 3 in assessment, 3 with the DPO, 1 with the ICO,
    # 3 completed. Each supports one agreement (those still being approved are linked only when
    # finished, so they do not hold an agreement up).
    states = (
        [DpiaStatus.SCREENING] * 3
        + [DpiaStatus.NOT_REQUIRED] * 2
        + [DpiaStatus.ASSESSMENT] * 3
        + [DpiaStatus.DPO_REVIEW] * 3
        + [DpiaStatus.PRIOR_CONSULTATION]
        + [DpiaStatus.COMPLETED] * 3
    )
    in_force = list(
        Agreement.objects.filter(pk__in=[a.pk for a in agreements])
        .exclude(status=Status.DRAFT)
        .order_by("pk")
    )
    for i, state in enumerate(states):
        agreement = in_force[i % len(in_force)]
        dpia = services.dpia_create(
            user=officer,
            title=f"DPIA: {agreement.title}",
            project=agreement.title,
            description=agreement.purpose,
            lead_area=agreement.lead_areas.first(),
            agreements=[],
        )
        if state == DpiaStatus.SCREENING:
            continue
        answers = [] if state == DpiaStatus.NOT_REQUIRED else ["matching", "vulnerable_people"]
        services.dpia_screen(dpia_id=dpia.pk, user=officer, answers=answers)
        if state != DpiaStatus.NOT_REQUIRED:
            for likelihood, severity, residual in ((2, 3, "medium"), (1, 2, "low")):
                services.dpia_add_risk(
                    dpia_id=dpia.pk,
                    user=officer,
                    description="Information shared about the wrong person.",
                    likelihood=likelihood,
                    severity=severity,
                    mitigation="Two identifiers matched before anything is shared.",
                    residual=residual,
                )
            if state == DpiaStatus.ASSESSMENT:
                continue
            services.dpia_submit(dpia_id=dpia.pk, user=officer)
            if state == DpiaStatus.DPO_REVIEW:
                continue
            high = state == DpiaStatus.PRIOR_CONSULTATION
            services.dpia_assess(
                dpia_id=dpia.pk,
                user=manager,
                assessment="Risks understood and mitigated proportionately.",
                residual_risk="high" if high else "low",
                prior_consultation_required=high,
            )
        if state in (DpiaStatus.COMPLETED, DpiaStatus.NOT_REQUIRED):
            services.dpia_link_agreement(dpia_id=dpia.pk, user=officer, agreement=agreement)
