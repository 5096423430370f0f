"""What the volume data (reports.volume) looks like: the council's structure, the mix of
regimes, outcomes and open statuses (weights out of 100), and the topics of the requests."""

from requests_app.models import Outcome, Regime, Status

STRUCTURE = {
    "Place": ["Planning and Building Control", "Environmental Health", "Waste and Street Scene"],
    "People": ["Adult Social Care", "Children's Services", "Housing"],
    "Resources": ["Revenues and Benefits", "Legal and Democratic Services"],
}
REGIMES = [
    (Regime.FOI, 62),
    (Regime.EIR, 9),
    (Regime.SAR, 23),
    (Regime.ERASURE, 2),
    (Regime.RECTIFICATION, 2),
    (Regime.OBJECTION, 1),
    (Regime.PORTABILITY, 1),
]
OUTCOMES = {
    "info": [
        (Outcome.GRANTED, 52),
        (Outcome.PART, 16),
        (Outcome.REFUSED, 7),
        (Outcome.NOT_HELD, 13),
        (Outcome.ACCESSIBLE, 5),
        (Outcome.COST_LIMIT, 5),
        (Outcome.VEXATIOUS, 2),
    ],
    "dp": [(Outcome.GRANTED, 58), (Outcome.PART, 32), (Outcome.NOT_HELD, 8), (Outcome.REFUSED, 2)],
}
OPEN_STATUSES = [
    (Status.RECEIVED, 12),
    (Status.ASSIGNED, 30),
    (Status.IN_PROGRESS, 20),
    (Status.DRAFT_READY, 10),
    (Status.AWAITING_AUTHORISATION, 8),
    (Status.AUTHORISED, 3),
    (Status.AWAITING_CLARIFICATION, 8),
    (Status.AWAITING_ID, 5),
    (Status.AWAITING_FEE, 4),
]
TOPICS = [
    "Pothole compensation claims",
    "Agency staff spending",
    "Parking fines issued by street",
    "Planning enforcement complaints",
    "Housing repairs backlog",
    "Council tax arrears",
    "Consultancy contracts",
    "Fly-tipping incidents",
    "Air quality monitoring results",
    "Children in care placements costs",
    "Social housing waiting list",
    "Bin collection missed reports",
    "Councillor expenses",
    "IT contracts and licences",
    "Tree preservation orders",
    "Noise complaints",
    "Empty business rates",
    "Food hygiene inspections",
    "Gritting routes and salt stocks",
    "Public health grant spending",
]
DP_TOPICS = [
    "Copy of my housing file",
    "My social care records",
    "CCTV footage of incident",
    "Council tax account records",
    "Erase my account data",
    "Correct my address records",
    "My complaint file",
]
