"""The risk assessment: likelihood × severity → no risk / risk / high risk.

Both are scored 1 to 5 (the NHS Data Security and Protection Toolkit's grid, which councils'
social care teams already use). The product decides the level:

    1–4   unlikely to result in a risk  (Art 33(1): need not be reported to the ICO)
    5–14  risk                          (report to the ICO)
    15–25 high risk                     (report, and tell the people affected, Art 34)

Any breach scored 5 for severity is at least a risk whatever its likelihood: the worst harms
(distress from a disclosed safeguarding record) are not made acceptable by being unlikely.
"""

from breaches.models import RiskLevel

LIKELIHOOD = [
    (1, "1 – Not occurred: no evidence the data was seen or used"),
    (2, "2 – Not likely: little chance the data will be misused"),
    (3, "3 – Likely: it may well be misused"),
    (4, "4 – Highly likely: it is probably being misused"),
    (5, "5 – Occurred: misuse is known to have happened"),
]
SEVERITY = [
    (1, "1 – Minimal: no adverse effect"),
    (2, "2 – Minor: inconvenience, quickly put right"),
    (3, "3 – Adverse: significant inconvenience or distress"),
    (4, "4 – Serious: lasting effect, financial loss, discrimination"),
    (5, "5 – Catastrophic: harm to health or safety, irreversible"),
]
RISK_FROM, HIGH_FROM = 5, 15


def risk_level(likelihood: int, severity: int) -> str:
    if not (1 <= likelihood <= 5 and 1 <= severity <= 5):
        raise ValueError("Likelihood and severity are scored from 1 to 5.")
    score = likelihood * severity
    if score >= HIGH_FROM:
        return RiskLevel.HIGH
    if score >= RISK_FROM or severity == 5:
        return RiskLevel.RISK
    return RiskLevel.NO_RISK
