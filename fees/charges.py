"""What a request costs and what may be charged for it: pure functions on Decimal, no database.

The rules (SPEC-statutory.md 1.8-1.10, 2 and 3.6; Appendix A of the Leicester and Melton
policies):
- FOI: only the four activities of reg 4(3) count towards the appropriate limit, at the hourly
  rate. At or below the limit only disbursements are charged; above it the council refuses
  under s12 or, if it chooses, complies and charges staff time plus disbursements (s13).
- EIR: no cost limit; a reasonable charge may include staff time and disbursements, but
  inspection (and public registers) are free (reg 8).
- SAR and the other data-protection rights: free, except a reasonable fee for a manifestly
  unfounded or excessive or a repeat request, or further copies (Art 12(5), 15(3)).
- Below the de-minimis amount nothing is charged. VAT only where the information is also
  available from a source that is not a public authority.
- Aggregated requests: the estimate covers the group; each request is charged the average.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

PENNY = Decimal("0.01")
ZERO = Decimal("0.00")
MINUTES_PER_HOUR = Decimal(60)


def money(value: Decimal) -> Decimal:
    return value.quantize(PENNY, rounding=ROUND_HALF_UP)


def hours_from_minutes(minutes: int) -> Decimal:
    """Recorded minutes as hours to two decimal places (the estimate form's unit)."""
    return money(Decimal(minutes) / MINUTES_PER_HOUR)


def over_limit(staff_cost: Decimal, limit: Decimal) -> bool:
    """The limit is exceeded only by a cost above it: exactly £450 is within it."""
    return staff_cost > limit


@dataclass(frozen=True)
class Line:
    label: str
    amount: Decimal


@dataclass(frozen=True)
class Inputs:
    regime: str  # "foi", "eir" or a data-protection right
    hours: dict[str, Decimal]  # chargeable activity -> hours (for the whole group)
    hourly_rate: Decimal
    limit: Decimal
    sheets: int = 0
    pence_per_sheet: int = 0
    postage: Decimal = ZERO
    format_hours: Decimal = ZERO  # putting it in the requested format, supervising inspection
    inspection_only: bool = False
    vat_applies: bool = False
    vat_percent: Decimal = Decimal("20")
    de_minimis: Decimal = ZERO
    charge_over_limit: bool = False  # FOI s13: comply and charge instead of refusing
    requests: int = 1  # requests the estimate covers (aggregation)


@dataclass(frozen=True)
class Result:
    staff_hours: Decimal
    staff_cost: Decimal
    over_limit: bool
    refuse: bool  # FOI over the limit without s13 charging: refuse under s12
    lines: tuple[Line, ...]  # what is charged for the group, before VAT
    subtotal: Decimal
    vat: Decimal
    group_total: Decimal
    share: Decimal  # each request's charge (the average), before de minimis
    charge: Decimal  # what this request's fees notice asks for
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def chargeable(self) -> bool:
        return self.charge > ZERO


def calculate(i: Inputs) -> Result:
    if i.requests < 1:
        raise ValueError("An estimate covers at least one request.")
    for value in (*i.hours.values(), i.postage, i.format_hours, i.hourly_rate):
        if value < 0:
            raise ValueError("Hours and amounts cannot be negative.")
    if i.sheets < 0:
        raise ValueError("The number of sheets cannot be negative.")
    staff_hours = sum(i.hours.values(), ZERO)
    staff_cost = money(staff_hours * i.hourly_rate)
    exceeded = over_limit(staff_cost, i.limit)
    notes: list[str] = []
    disbursements = [
        Line(
            f"Photocopying and printing: {i.sheets} sheets at {i.pence_per_sheet}p",
            money(Decimal(i.sheets * i.pence_per_sheet) / 100),
        ),
        Line("Postage and other transmission, at cost", money(i.postage)),
        Line(
            f"Putting the information in the requested format: {i.format_hours} hours at "
            f"£{i.hourly_rate}",
            money(i.format_hours * i.hourly_rate),
        ),
    ]
    staff = Line(f"Staff time: {staff_hours} hours at £{i.hourly_rate} an hour", staff_cost)
    refuse = False
    if i.regime == "foi":
        if exceeded and not i.charge_over_limit:
            refuse, lines = True, []
            notes.append(
                f"The estimate of £{staff_cost} exceeds the appropriate limit of £{i.limit}: "
                "refuse under s12 with advice and assistance on narrowing the request."
            )
        elif exceeded:
            lines = [staff, *disbursements]
            notes.append(
                "Over the appropriate limit: charged under s13 (staff time and disbursements)."
            )
        else:
            lines = disbursements
            notes.append("Within the appropriate limit: only disbursements may be charged (s9).")
    elif i.regime == "eir":
        if i.inspection_only:
            lines = []
            notes.append("Inspecting environmental information is free (EIR reg 8(3)).")
        else:
            lines = [staff, *disbursements]
            notes.append("EIR: a reasonable charge for staff time and disbursements (reg 8).")
        if exceeded:
            notes.append(
                "The cost exceeds the figure the Fees Regulations set: consider whether the "
                "request is manifestly unreasonable (reg 12(4)(b))."
            )
    else:
        lines = [staff, *disbursements]
        notes.append("A reasonable fee based on administrative costs (UK GDPR Art 12(5)).")
    lines = [line for line in lines if line.amount > ZERO]
    subtotal = sum((line.amount for line in lines), ZERO)
    vat = money(subtotal * i.vat_percent / 100) if i.vat_applies else ZERO
    group_total = subtotal + vat
    share = money(group_total / i.requests)
    if i.requests > 1:
        notes.append(
            f"Aggregated: the estimate covers {i.requests} requests; each is charged the "
            f"average, £{group_total} ÷ {i.requests} = £{share}."
        )
    charge = share
    if ZERO < share < i.de_minimis:
        charge = ZERO
        notes.append(f"£{share} is below the £{i.de_minimis} threshold: nothing is charged.")
    return Result(
        staff_hours=staff_hours,
        staff_cost=staff_cost,
        over_limit=exceeded,
        refuse=refuse,
        lines=tuple(lines),
        subtotal=subtotal,
        vat=vat,
        group_total=group_total,
        share=share,
        charge=charge,
        notes=tuple(notes),
    )
