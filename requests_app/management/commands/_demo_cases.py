"""Demo request cases for `seed_demo`: about 200 cases received over the twelve months before now,
in every state of the lifecycle. Demonstration data only: every person and organisation is
invented and every email address is at example.org or example.com.

Each case is played through `requests_app.services`, step by step, with the clock travelled back
to the moment of each step (time-machine), so references, timeline events, field history, letters
and the stored statutory dates are the real thing. The steps of all cases are interleaved in time
order, so references are issued in the order the requests were logged.
"""

import datetime as dt
import heapq
import logging
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from deadlines.services import current_calendar
from organisation.demo import DEMO_PASSWORD
from organisation.models import Directorate, Role, ServiceArea, User
from requests_app import correspondence, delivery, documents, sar, services
from requests_app.management.commands import _demo_files
from requests_app.models import (
    Case,
    Channel,
    Correspondence,
    Document,
    Exemption,
    Outcome,
    Regime,
    RequesterType,
    ReviewOutcome,
    SarVariant,
)
from workflow.models import OutgoingEmail

SEED = 20_261_122
LONDON = ZoneInfo("Europe/London")

PLANNING = "Planning and Building Control"
ENV_HEALTH = "Environmental Health"
WASTE = "Waste and Street Scene"
ADULTS = "Adult Social Care"
CHILDREN = "Children's Services"
HOUSING = "Housing"
REVENUES = "Revenues and Benefits"
LEGAL = "Legal and Democratic Services"

# The demo structure has link officers for Planning and Housing only, one director for Place and
# People, and one IG manager. These fill the gaps so every step has someone allowed to do it.
AREA_OFFICERS = {
    PLANNING: "planning.officer",
    HOUSING: "housing.officer",
    ENV_HEALTH: "envhealth.officer",
    WASTE: "streetscene.officer",
    ADULTS: "adultcare.officer",
    CHILDREN: "childrens.officer",
    REVENUES: "revenues.officer",
    LEGAL: "legal.officer",
}
DIRECTORS = {"Place": "director.place", "People": "director.people", "Resources": "director.res"}
EXTRA_USERS = [
    # username, first, last, role, job title, directorate
    (
        "director.res",
        "Nadia",
        "Ferreira",
        Role.DIRECTOR,
        "Service Director, Resources",
        "Resources",
    ),
    (
        "ig.reviewer",
        "Rebecca",
        "Stone",
        Role.IG_MANAGER,
        "Principal Solicitor (internal reviews)",
        None,
    ),
]

# --- requesters ----------------------------------------------------------------------------

INDIVIDUAL = RequesterType.INDIVIDUAL
JOURNALIST = RequesterType.JOURNALIST
COMPANY = RequesterType.COMPANY
CAMPAIGN = RequesterType.CAMPAIGN
COUNCILLOR = RequesterType.COUNCILLOR_MP
SOLICITOR = RequesterType.SOLICITOR
THIRD_PARTY = RequesterType.THIRD_PARTY
SERIAL = "serial"  # the persistent requester behind the vexatious requests
POLICE = "police"

# (name, email, organisation, address); an empty email means letters go by post.
REQUESTERS: dict[str, list[tuple[str, str, str, str]]] = {
    INDIVIDUAL: [
        ("Margaret Pryce", "margaret.pryce@example.org", "", "14 Mill Lane, Kingsmere KM4 2LN"),
        ("Daniel Okonkwo", "d.okonkwo@example.com", "", ""),
        ("Sophie Whitfield", "sophie.whitfield@example.org", "", ""),
        ("Harjit Sandhu", "harjit.sandhu@example.com", "", "3 Bridge Street, Kingsmere KM1 4QS"),
        ("Eleanor Marsh", "eleanor.marsh@example.org", "", ""),
        ("Kevin Doyle", "kdoyle@example.com", "", ""),
        ("Agnieszka Nowak", "a.nowak@example.org", "", "Flat 6, Victoria Court, Kingsmere KM2 7HB"),
        ("Peter Lindsay", "", "", "7 Orchard Close, Ashby Parva AP4 6RT"),
        ("Joan Whitaker", "", "", "Flat 3, 22 Station Road, Kingsmere KM2 1AB"),
        ("Samuel Adeyemi", "samuel.adeyemi@example.com", "", ""),
        ("Lucy Brennan", "lucy.brennan@example.org", "", "19 Queen's Road, Kingsmere KM3 5JD"),
        ("Mohammed Iqbal", "m.iqbal@example.com", "", ""),
        ("Gwen Lloyd-Davies", "gwen.lloyd-davies@example.org", "", ""),
        ("Tom Fairbairn", "tom.fairbairn@example.com", "", ""),
        ("Rosa Martins", "rosa.martins@example.org", "", "52 London Road, Kingsmere KM1 8TW"),
        ("Colin Baxter", "", "", "41 Church Street, Ashby Parva AP4 3DE"),
        ("Priyanka Rao", "priyanka.rao@example.com", "", ""),
        ("Stuart Kemp", "stuart.kemp@example.org", "", ""),
        ("Natalie Osei", "natalie.osei@example.com", "", "8 Meadow View, Kingsmere KM4 9PL"),
        ("Amira Haddad", "amira.haddad@example.com", "", ""),
        ("Ben Castle", "ben.castle@example.org", "", ""),
        ("Helen Yates", "helen.yates@example.com", "", ""),
        ("Ryan McAllister", "ryan.mcallister@example.org", "", ""),
        ("Fatima Rahman", "fatima.rahman@example.com", "", "27 Millfield Road, Kingsmere KM3 2NE"),
        ("Oliver Grant", "oliver.grant@example.com", "", ""),
        ("Chloe Parkin", "chloe.parkin@example.org", "", ""),
        ("Ivan Petrov", "ivan.petrov@example.com", "", ""),
        ("Deborah Nash", "deborah.nash@example.org", "", "2 The Green, Ashby Parva AP4 1AA"),
        ("Wei Zhang", "wei.zhang@example.com", "", ""),
        ("Maxine Holloway", "maxine.holloway@example.org", "", ""),
    ],
    JOURNALIST: [
        ("Rachel Dunmore", "rachel.dunmore@example.com", "Kingsmere Echo", ""),
        ("Jamie Holt", "jamie.holt@example.com", "Ashby Valley Radio", ""),
        ("Sian Roberts", "sian.roberts@example.org", "The Data Desk (freelance)", ""),
        ("Marcus Bell", "marcus.bell@example.com", "Regional News Agency", ""),
    ],
    COMPANY: [
        ("Laura Finch", "laura.finch@example.com", "Helix Data Insights Ltd", ""),
        ("Arjun Mehta", "arjun.mehta@example.com", "Brightstone Property Services Ltd", ""),
        ("Tender Alerts Team", "tenders@example.com", "Kestrel Procurement Intelligence Ltd", ""),
        ("Credit Recovery Desk", "recovery@example.com", "Torrance Asset Recovery Ltd", ""),
        ("Paul Greaves", "paul.greaves@example.com", "Greaves Pest Solutions Ltd", ""),
    ],
    CAMPAIGN: [
        ("Janet Crowther", "friends.victoriapark@example.org", "Friends of Victoria Park", ""),
        ("Dr Ruth Adebayo", "cleanair.kingsmere@example.org", "Clean Air Kingsmere", ""),
        ("Alan Pike", "savemilllane@example.org", "Save Mill Lane Meadows", ""),
        ("Maureen Flynn", "tenantsvoice@example.org", "Kingsmere Tenants' Voice", ""),
        ("Owen Hart", "debtadvice.network@example.org", "Kingsmere Debt Advice Network", ""),
    ],
    COUNCILLOR: [
        ("Cllr Janet Moss", "cllr.janet.moss@example.org", "Kingsmere Central ward", ""),
        ("Cllr Imran Hussain", "cllr.imran.hussain@example.org", "Ashby Parva ward", ""),
        ("Sarah Whitmore MP", "sarah.whitmore.mp@example.org", "Member of Parliament", ""),
    ],
    SOLICITOR: [
        ("Fiona Harwood", "f.harwood@example.com", "Harwood & Pell Solicitors", ""),
        ("Daniel Achebe", "d.achebe@example.com", "Lindqvist Legal LLP", ""),
        ("Personal Injury Team", "claims@example.com", "Claimline Solicitors", ""),
    ],
    THIRD_PARTY: [
        ("Beth Rowley", "beth.rowley@example.org", "Kingsmere Citizens Advice", ""),
        ("Karen Mills", "karen.mills@example.org", "Ashby Advocacy Service", ""),
    ],
    POLICE: [("PC 2417 Sam Fletcher", "sam.fletcher@example.org", "County Constabulary", "")],
    SERIAL: [("Graham Tully", "g.tully@example.org", "", "")],
}
REQUESTER_TYPE = {SERIAL: INDIVIDUAL, POLICE: THIRD_PARTY}
DEMO_EMAILS = frozenset(row[1] for rows in REQUESTERS.values() for row in rows if row[1])

# --- what people ask for --------------------------------------------------------------------

G, P, R, N, A, C, V = (
    Outcome.GRANTED,
    Outcome.PART,
    Outcome.REFUSED,
    Outcome.NOT_HELD,
    Outcome.ACCESSIBLE,
    Outcome.COST_LIMIT,
    Outcome.VEXATIOUS,
)


@dataclass(frozen=True)
class Topic:
    regime: str
    title: str
    text: str
    areas: tuple[str, ...]
    outcomes: tuple[str, ...]
    answer: str = ""
    exemptions: tuple[str, ...] = ()  # codes in the regime's own law
    flags: tuple[str, ...] = ()
    who: tuple[str, ...] = (INDIVIDUAL,)
    note: str = ""  # why not held / where it is published
    variant: str = ""
    checks: str = ""
    complex: bool = False  # a candidate for an extension


FOI, EIR, SAR = Regime.FOI, Regime.EIR, Regime.SAR
SAR_SEARCH_LINES = [
    {
        "searched": True,
        "place": "Case-management systems of the areas that hold records about the requester",
        "reason": "Searched by name, address and reference: the records found are in the bundle.",
    },
    {
        "searched": True,
        "place": "Email accounts of the officers who dealt with the requester",
        "reason": "Searched by name and email address for the period asked about.",
    },
    {
        "searched": False,
        "place": "Back-up tapes",
        "reason": "Copies of the live systems already searched: searching them would be "
        "disproportionate and find nothing new.",
    },
]
PRESS = (JOURNALIST, INDIVIDUAL, CAMPAIGN)
ANYONE = (INDIVIDUAL, JOURNALIST, CAMPAIGN, COMPANY)

TOPICS = [
    # --- FOI ---------------------------------------------------------------------------------
    Topic(
        FOI,
        "Pothole compensation claims {year}",
        "Please tell me how many compensation claims the council received in {year} for vehicle "
        "damage or personal injury caused by potholes, how many were paid and the total amount "
        "paid out.",
        (WASTE,),
        (N,),
        note="The council is not the highway authority for the district: roads, pavements and "
        "pothole claims are the responsibility of the County Council, so we do not hold this "
        "information. The County Council's information rights team deals with highway claims.",
        who=(INDIVIDUAL, JOURNALIST),
    ),
    Topic(
        FOI,
        "Contracts with temporary accommodation providers",
        "Please provide a list of every provider of temporary accommodation (bed and breakfast, "
        "hotels, nightly-paid self-contained units and private-sector leased properties) the "
        "council used in {fy}, the total paid to each provider, the nightly rate paid and whether "
        "there is a written contract or a spot-purchase arrangement.",
        (HOUSING,),
        (G, P, P),
        answer="The attached spreadsheet lists the {n1} providers used in {fy} and the total paid "
        "to each ({money} in all). {n3} providers are on the council's framework contract; the "
        "others were spot-purchased.",
        exemptions=("s43",),
        flags=("dataset",),
        who=(JOURNALIST, CAMPAIGN, COMPANY, INDIVIDUAL),
        complex=True,
    ),
    Topic(
        FOI,
        "Empty residential properties in the district",
        "Please send me a list of all residential properties in the district that have been "
        "empty for more than six months, with the full address, the date it became empty and "
        "the owner's name where the owner is a company.",
        (REVENUES,),
        (P, R),
        answer="There were {n2} long-term empty homes on the council tax list on 1 {month}. A "
        "breakdown by ward and by length of time empty is attached.",
        exemptions=("s31", "s40(2)"),
        who=(COMPANY, INDIVIDUAL, JOURNALIST),
    ),
    Topic(
        FOI,
        "Business rates accounts with credit balances",
        "Please provide a list of all non-domestic rates accounts with a credit balance, showing "
        "the ratepayer name, property address, the amount of the credit and the period it "
        "relates to.",
        (REVENUES,),
        (R, P),
        answer="There are {n2} accounts with a credit balance, totalling {money}. The number of "
        "credits by value band is attached.",
        exemptions=("s31",),
        flags=("dataset",),
        who=(COMPANY,),
    ),
    Topic(
        FOI,
        "Public health funerals {year}",
        "For each public health funeral arranged by the council under s46 of the Public Health "
        "(Control of Disease) Act 1984 in {year}, please give the name of the deceased, date of "
        "death, last address, estimated value of the estate and whether the estate was referred "
        "to the Government Legal Department.",
        (ENV_HEALTH,),
        (G, P),
        answer="The council arranged {n1} public health funerals in {year}. The details are in "
        "the attached table; {n3} estates were referred to the Government Legal Department.",
        exemptions=("s31",),
        flags=("dataset",),
        who=(COMPANY, INDIVIDUAL),
    ),
    Topic(
        FOI,
        "Fly-tipping incidents and fixed penalty notices {year}",
        "How many fly-tipping incidents were reported to the council in {year}, how many fixed "
        "penalty notices were issued, how many were paid and how many prosecutions were brought?",
        (WASTE,),
        (G, A),
        answer="In {year} there were {n2} reported fly-tipping incidents. The council issued "
        "{n1} fixed penalty notices, of which {n3} were paid, and brought 2 prosecutions.",
        note="Fly-tipping incidents and enforcement actions are published every year in DEFRA's "
        "fly-tipping statistics for England, broken down by council.",
        flags=("dataset",),
        who=PRESS,
    ),
    Topic(
        FOI,
        "Missed bin collections by ward",
        "Please provide the number of reported missed bin collections for each ward in each "
        "month from April {prev} to date, split by refuse, recycling and garden waste.",
        (WASTE,),
        (G,),
        answer="The monthly figures for each ward are in the attached spreadsheet: {n2} missed "
        "collections were reported in total, {n1} of them garden waste.",
        flags=("dataset",),
        who=(INDIVIDUAL, CAMPAIGN, COUNCILLOR),
    ),
    Topic(
        FOI,
        "Houses in multiple occupation licences",
        "Please provide a list of all licensed houses in multiple occupation in the district, "
        "with the address, licence holder, number of occupants permitted and licence expiry "
        "date.",
        (HOUSING,),
        (A, G),
        answer="The list of the {n1} licensed HMOs is attached in CSV format.",
        note="The public register of licensed HMOs is published on the council's website "
        "(Housing > Private landlords > HMO register) and updated monthly.",
        exemptions=("s21",),
        flags=("dataset",),
        who=(COMPANY, INDIVIDUAL),
    ),
    Topic(
        FOI,
        "Disabled facilities grants waiting times",
        "Please give the number of disabled facilities grant applications received in {fy}, the "
        "average time from referral to approval and from approval to completion, and the number "
        "still waiting at the end of the year.",
        (HOUSING,),
        (G,),
        answer="{n2} applications were received in {fy}. The average time from referral to "
        "approval was {n1} days and from approval to completion {n3} days.",
        who=(INDIVIDUAL, CAMPAIGN, COUNCILLOR),
    ),
    Topic(
        FOI,
        "Homelessness applications and outcomes {year}",
        "How many homelessness applications did the council receive in {year}, how many "
        "households were owed the prevention or relief duty, and how many were placed in "
        "temporary accommodation outside the district?",
        (HOUSING,),
        (G, A),
        answer="In {year} the council received {n2} applications; {n1} households were owed the "
        "relief duty and {n3} were placed outside the district.",
        note="These figures are published quarterly by the Ministry of Housing, Communities and "
        "Local Government in the statutory homelessness (H-CLIC) live tables.",
        exemptions=("s21",),
        who=PRESS,
    ),
    Topic(
        FOI,
        "Councillors' allowances and expenses {fy}",
        "Please provide the basic and special responsibility allowances and all expenses claimed "
        "by each councillor in {fy}.",
        (LEGAL,),
        (A, G),
        answer="The allowances and expenses paid to each councillor in {fy} are attached.",
        note="The council publishes the allowances and expenses paid to each councillor every "
        "year on its website, as the Local Authorities (Members' Allowances) Regulations 2003 "
        "require.",
        exemptions=("s21",),
        flags=("media",),
        who=(JOURNALIST, INDIVIDUAL),
    ),
    Topic(
        FOI,
        "Cllr Derek Ashworth's declared interests and hospitality",
        "Please provide Cllr Derek Ashworth's register of interests since his election and any "
        "gifts or hospitality he has declared, with the dates of any changes.",
        (LEGAL,),
        (A, G),
        answer="Cllr Ashworth's register of interests and his declarations of gifts and "
        "hospitality are attached.",
        note="Councillors' registers of interests and declarations of gifts and hospitality "
        "are published on the council's website under each councillor's profile (Localism Act "
        "2011 s29).",
        exemptions=("s21",),
        flags=("about_councillor",),
        who=(INDIVIDUAL, JOURNALIST, CAMPAIGN),
    ),
    Topic(
        FOI,
        "Correspondence between Cllr Derek Ashworth and developers about {site}",
        "Please provide copies of all emails and letters between Cllr Derek Ashworth and any "
        "developer, agent or landowner about {site} since January {prev}, and any record of "
        "meetings between them.",
        (PLANNING, LEGAL),
        (P, R),
        answer="We hold {n3} emails within the scope of your request. They are attached with "
        "the names and contact details of private individuals removed.",
        exemptions=("s40(2)", "s36"),
        flags=("about_councillor", "sensitive"),
        who=(JOURNALIST, CAMPAIGN, INDIVIDUAL),
        complex=True,
    ),
    Topic(
        FOI,
        "Code of conduct complaints about councillors {year}",
        "How many code of conduct complaints about councillors were received in {year}? For each "
        "one please say which councillor it was about, the nature of the complaint and the "
        "outcome.",
        (LEGAL,),
        (P,),
        answer="{n1} complaints were received in {year}. The nature and outcome of each is in "
        "the attached table. Where a complaint was upheld the councillor is named, as the "
        "decision notice was published.",
        exemptions=("s40(2)",),
        flags=("about_councillor", "sensitive"),
        who=(JOURNALIST, INDIVIDUAL),
    ),
    Topic(
        FOI,
        "Legal advice on the regeneration scheme at {site}",
        "Please provide copies of any legal advice the council has received about the "
        "regeneration scheme at {site}, including advice on the compulsory purchase of land.",
        (LEGAL,),
        (R,),
        exemptions=("s42",),
        flags=("media",),
        who=(CAMPAIGN, JOURNALIST),
    ),
    Topic(
        FOI,
        "Contract for revenues and benefits software",
        "Please tell me which supplier provides the council's revenues and benefits software, "
        "the contract start and end dates, the annual cost, and whether the council intends to "
        "re-tender it.",
        (REVENUES,),
        (G, P),
        answer="The current contract runs from 1 April 2021 to 31 March 2027 with an option to "
        "extend by two years. The council expects to decide on re-procurement by December.",
        exemptions=("s43",),
        who=(COMPANY,),
    ),
    Topic(
        FOI,
        "Parking fines issued in council car parks {year}",
        "Please tell me how many penalty charge notices were issued in each council-run car park "
        "in {year}, how many were cancelled on appeal and the income received.",
        (WASTE,),
        (G,),
        answer="{n2} penalty charge notices were issued in {year}; {n1} were cancelled on "
        "appeal. The figures for each car park and the income ({money}) are attached.",
        flags=("dataset",),
        who=(JOURNALIST, INDIVIDUAL),
    ),
    Topic(
        FOI,
        "Pest control call-outs for rats {year}",
        "How many pest control call-outs for rats did the council attend in {year}, broken down "
        "by ward and by month?",
        (ENV_HEALTH,),
        (G,),
        answer="The council attended {n2} call-outs for rats in {year}. The monthly breakdown by "
        "ward is attached.",
        flags=("dataset",),
        who=(JOURNALIST, COMPANY),
    ),
    Topic(
        FOI,
        "Food hygiene inspections overdue",
        "How many food businesses in the district are overdue an inspection under the Food Law "
        "Code of Practice, and how long has the longest been waiting?",
        (ENV_HEALTH,),
        (G,),
        answer="On 1 {month} {n1} food businesses were overdue an inspection. The longest had "
        "been waiting {n3} months; it is a low-risk category E premises.",
        flags=("media",),
        who=(JOURNALIST,),
    ),
    Topic(
        FOI,
        "Food hygiene inspection report for {business}",
        "Please send me a copy of the most recent food hygiene inspection report and any "
        "letters sent after it for {business}.",
        (ENV_HEALTH,),
        (G, P),
        answer="The inspection report and the letter sent to the business afterwards are attached.",
        exemptions=("s40(2)",),
        who=(INDIVIDUAL, JOURNALIST),
    ),
    Topic(
        FOI,
        "Taxi and private hire driver licences and DBS checks",
        "How many hackney carriage and private hire driver licences does the council hold, how "
        "many were refused or revoked in the last two years, and on what grounds?",
        (LEGAL,),
        (G, P),
        answer="The council has {n2} licensed drivers. {n3} applications were refused and {n1} "
        "licences revoked in the last two years; the grounds are summarised in the attached "
        "table.",
        exemptions=("s40(2)",),
        who=(JOURNALIST, INDIVIDUAL, CAMPAIGN),
    ),
    Topic(
        FOI,
        "Children placed in accommodation outside the district",
        "How many looked-after children from the district are currently placed more than 20 "
        "miles from home, and how many are in unregulated accommodation?",
        (CHILDREN,),
        (G, P),
        answer="On 31 March {n1} children were placed more than 20 miles from home. Figures "
        "below five are shown as '<5' to avoid identifying individual children.",
        exemptions=("s40(2)",),
        flags=("sensitive",),
        who=(JOURNALIST, CAMPAIGN),
    ),
    Topic(
        FOI,
        "Waiting lists for adult social care assessments",
        "How many people are waiting for a Care Act assessment, and what is the longest wait?",
        (ADULTS,),
        (G,),
        answer="{n2} people were waiting for an assessment on 1 {month}; the longest wait was "
        "{n3} weeks.",
        who=(JOURNALIST, COUNCILLOR, CAMPAIGN),
    ),
    Topic(
        FOI,
        "Care home fees paid per resident per week",
        "What weekly fee does the council pay to each residential and nursing care home it "
        "commissions places from, and how much are third-party top-ups?",
        (ADULTS,),
        (G, P),
        answer="The council's standard weekly rates for {fy} are in the attached table.",
        exemptions=("s43",),
        who=(COMPANY, CAMPAIGN),
    ),
    Topic(
        FOI,
        "Damp and mould complaints in council homes {year}",
        "How many complaints about damp and mould in council homes did the council receive in "
        "{year}, how many homes were inspected within 14 days, and how many cases are still "
        "open?",
        (HOUSING,),
        (G,),
        answer="The council received {n2} damp and mould reports in {year}; {n1} homes were "
        "inspected within 14 days and {n3} cases are still open.",
        flags=("media",),
        who=(JOURNALIST, CAMPAIGN, COUNCILLOR),
    ),
    Topic(
        FOI,
        "Council housing repairs backlog",
        "How many responsive repairs to council homes were outstanding on the last day of each "
        "month this year, split by priority?",
        (HOUSING,),
        (G,),
        answer="The outstanding repairs at each month end, by priority, are attached.",
        flags=("dataset",),
        who=(CAMPAIGN, COUNCILLOR, JOURNALIST),
    ),
    Topic(
        FOI,
        "Right to Buy sales and receipts {fy}",
        "How many council homes were sold under Right to Buy in {fy}, the total receipts, and how "
        "many replacement homes were built or bought?",
        (HOUSING,),
        (A, G),
        answer="{n1} homes were sold under Right to Buy in {fy}, for {money} in receipts.",
        note="Right to Buy sales, receipts and replacements are published in the government's "
        "Right to Buy sales live tables, which list every council.",
        exemptions=("s21",),
        who=PRESS,
    ),
    Topic(
        FOI,
        "Housing benefit overpayments written off",
        "What was the total value of housing benefit overpayments written off in each of the "
        "last three financial years, and the largest single write-off?",
        (REVENUES,),
        (G,),
        answer="The write-offs were {money} in {fy} and smaller amounts in the two years before; "
        "the yearly totals are attached.",
        who=(JOURNALIST, INDIVIDUAL),
    ),
    Topic(
        FOI,
        "Council tax arrears and enforcement agent referrals {year}",
        "How many council tax accounts were referred to enforcement agents in {year}, how many "
        "of those were for people receiving council tax support, and how many committal "
        "hearings were held?",
        (REVENUES,),
        (G,),
        answer="{n2} accounts were referred to enforcement agents in {year}; {n1} of those "
        "households received council tax support. No committal hearings were held.",
        who=(CAMPAIGN, JOURNALIST),
    ),
    Topic(
        FOI,
        "Use of covert surveillance (RIPA) authorisations",
        "How many directed surveillance or covert human intelligence source authorisations "
        "under the Regulation of Investigatory Powers Act 2000 did the council grant in the "
        "last three years, and for what purposes?",
        (LEGAL,),
        (G, N),
        answer="The council granted {n3} directed surveillance authorisations in the last three "
        "years, all for benefit and council tax fraud investigations; none for covert human "
        "intelligence sources.",
        note="The council has not granted any RIPA authorisations in the last three years, so "
        "no information within the scope of the request is held.",
        who=(CAMPAIGN, JOURNALIST),
    ),
    Topic(
        FOI,
        "Settlement agreements with departing staff",
        "How many settlement agreements with confidentiality clauses has the council signed "
        "with departing staff in the last five years, and what was the total paid?",
        (LEGAL,),
        (P, G),
        answer="The council signed {n3} settlement agreements in the last five years, with "
        "payments totalling {money}.",
        exemptions=("s40(2)",),
        flags=("media",),
        who=(JOURNALIST,),
    ),
    Topic(
        FOI,
        "Spending on external barristers and law firms {fy}",
        "How much did the council spend on external barristers and law firms in {fy}, and on "
        "which matters?",
        (LEGAL,),
        (G, P),
        answer="The council spent {money} on external legal services in {fy}. The matters are "
        "listed by type in the attached table.",
        exemptions=("s42",),
        who=(JOURNALIST, INDIVIDUAL),
    ),
    Topic(
        FOI,
        "Waste collection contract performance deductions",
        "Please provide the key performance indicators in the waste collection contract and any "
        "deductions made for poor performance in the last two years.",
        (WASTE,),
        (G, P),
        answer="The KPI schedule and the deductions made in each quarter are attached.",
        exemptions=("s43",),
        who=(JOURNALIST, COMPANY, COUNCILLOR),
    ),
    Topic(
        FOI,
        "Planning applications decided against officer recommendation",
        "For the last three years, please list the planning applications where the planning "
        "committee's decision went against the officer's recommendation, with the appeal "
        "outcome where there was one.",
        (PLANNING,),
        (G, A),
        answer="{n3} applications were decided against the officer recommendation; the list "
        "with appeal outcomes is attached.",
        note="Every committee decision, with the officer's recommendation, is in the published "
        "committee minutes and on the planning register.",
        exemptions=("s21",),
        who=(CAMPAIGN, JOURNALIST),
    ),
    Topic(
        FOI,
        "Planning appeals and costs awarded against the council",
        "How many planning appeals were lodged against the council's decisions in the last "
        "three years, how many succeeded, and how much was paid in costs awards?",
        (PLANNING, LEGAL),
        (G,),
        answer="{n2} appeals were lodged and {n3} were allowed. Costs awards against the council "
        "totalled {money}.",
        who=(CAMPAIGN, JOURNALIST, COUNCILLOR),
    ),
    Topic(
        FOI,
        "Stray dogs collected {year}",
        "How many stray dogs did the council collect in {year}, how many were reunited with "
        "their owners, rehomed or put to sleep?",
        (ENV_HEALTH,),
        (G,),
        answer="In {year} the dog warden collected {n1} stray dogs: most were returned to their "
        "owners and {n3} were rehomed through local rescue charities. None was put to sleep.",
        who=(INDIVIDUAL, JOURNALIST),
    ),
    Topic(
        FOI,
        "Families with children in bed and breakfast accommodation",
        "How many families with children were placed in bed and breakfast accommodation in "
        "{year}, and how many stayed longer than the six-week legal limit?",
        (HOUSING,),
        (G, P),
        answer="{n1} families with children were placed in B&B in {year}; {n3} stayed longer than "
        "six weeks.",
        exemptions=("s40(2)",),
        flags=("sensitive", "media"),
        who=(JOURNALIST, CAMPAIGN),
    ),
    Topic(
        FOI,
        "Properties used to house asylum seekers",
        "Please list the addresses of all properties in the district used by the Home Office's "
        "contractor to house asylum seekers, and the number of people at each.",
        (HOUSING,),
        (P, R),
        answer="There are {n3} dispersal properties in the district, housing {n1} people. The "
        "number by ward is given below.",
        exemptions=("s38", "s40(2)"),
        flags=("sensitive",),
        who=(INDIVIDUAL, JOURNALIST),
        complex=True,
    ),
    Topic(
        FOI,
        "Evictions from council homes {year}",
        "How many council tenants were evicted in {year}, and for what reasons (rent arrears, "
        "anti-social behaviour, other)?",
        (HOUSING,),
        (G,),
        answer="{n1} tenants were evicted in {year}: most for rent arrears and {n3} for "
        "anti-social behaviour.",
        who=(CAMPAIGN, JOURNALIST),
    ),
    Topic(
        FOI,
        "Section 106 contributions received and spent",
        "Please list the section 106 contributions the council has received in the last five "
        "years, what each was for, how much has been spent and how much is unspent.",
        (PLANNING,),
        (A, G),
        answer="The schedule of contributions received and spent is attached; {money} is "
        "unspent and committed to named projects.",
        note="This information is in the council's annual Infrastructure Funding Statement, "
        "published on the planning policy pages of the website.",
        exemptions=("s21",),
        flags=("dataset",),
        who=(CAMPAIGN, COMPANY, COUNCILLOR),
    ),
    Topic(
        FOI,
        "Gifts and hospitality declared by senior officers",
        "Please provide the gifts and hospitality register for the chief executive and directors "
        "for the last two years.",
        (LEGAL,),
        (G, A),
        answer="The register entries for the last two years are attached.",
        note="The register is published quarterly on the council's transparency pages.",
        exemptions=("s21",),
        who=(JOURNALIST, INDIVIDUAL),
    ),
    Topic(
        FOI,
        "Staff disciplinary cases in the Housing service",
        "How many disciplinary investigations involving Housing staff were opened in the last "
        "three years, what were the allegations, and how many resulted in dismissal?",
        (HOUSING,),
        (P,),
        answer="{n3} investigations were opened. The allegations are summarised by category; "
        "outcomes of fewer than five are not given as they could identify the staff involved.",
        exemptions=("s40(2)",),
        flags=("sensitive",),
        who=(JOURNALIST, INDIVIDUAL),
    ),
    Topic(
        FOI,
        "All emails mentioning Mill Lane since 2019",
        "Please provide every email sent or received by any council officer since 1 January 2019 "
        "that mentions Mill Lane.",
        (PLANNING, WASTE),
        (C,),
        who=(INDIVIDUAL, CAMPAIGN),
    ),
    Topic(
        FOI,
        "Every invoice paid to consultants since 2015",
        "Please provide a copy of every invoice the council has paid to any consultant since "
        "2015, with the purchase order and the report produced.",
        (REVENUES, LEGAL),
        (C,),
        who=(COMPANY, INDIVIDUAL),
    ),
    Topic(
        FOI,
        "All complaints about noise from every licensed premises since 2016",
        "For every licensed premises in the district please send copies of all noise complaints "
        "received since 2016, the officers' notes and any action taken.",
        (ENV_HEALTH,),
        (C,),
        who=(INDIVIDUAL, COMPANY),
    ),
    Topic(
        FOI,
        "Closure of the Riverside car park: further questions",
        "Further to my previous requests, please provide all internal emails, notes of phone "
        "calls and meeting notes about the Riverside car park closure, including those about me "
        "and my earlier requests.",
        (WASTE,),
        (V,),
        who=(SERIAL,),
    ),
    Topic(
        FOI,
        "Riverside car park: officers' notes about my complaints",
        "This is a new request. Provide every note, text message and email in which any officer "
        "or councillor discussed me, my complaints or my requests about the Riverside car park, "
        "and the names of everyone who read them.",
        (WASTE, LEGAL),
        (V,),
        who=(SERIAL,),
    ),
    Topic(
        FOI,
        "Agency staff spending by service {fy}",
        "How much did the council spend on agency staff in {fy}, broken down by service and by "
        "agency?",
        (REVENUES,),
        (G, P),
        answer="The council spent {money} on agency staff in {fy}; the breakdown by service is "
        "attached.",
        exemptions=("s43",),
        who=(COMPANY, JOURNALIST),
    ),
    Topic(
        FOI,
        "Cyber attacks and ransomware payments",
        "How many cyber attacks did the council suffer in the last three years, did it pay any "
        "ransom, and which security products does it use?",
        (LEGAL,),
        (P, R),
        answer="The council has not paid any ransom. It does not give details of attacks or of "
        "its security arrangements.",
        exemptions=("s31",),
        who=(COMPANY, JOURNALIST),
    ),
    # --- EIR ---------------------------------------------------------------------------------
    Topic(
        EIR,
        "Air quality monitoring data for {street}",
        "Please provide the nitrogen dioxide diffusion tube results for every monitoring site on "
        "{street} for the last three years, and any continuous monitoring data for PM2.5.",
        (ENV_HEALTH,),
        (G, A),
        answer="The monthly diffusion tube results for the {n3} sites on {street} are attached as "
        "a CSV file. There is no continuous PM2.5 monitor on {street}.",
        note="The results are published in the council's Air Quality Annual Status Report on "
        "the website (EIR reg 6(1)(b)).",
        flags=("dataset",),
        who=(CAMPAIGN, INDIVIDUAL, JOURNALIST),
    ),
    Topic(
        EIR,
        "Contaminated land records for {site}",
        "Please provide any information the council holds about contamination at {site}, "
        "including site investigation reports and correspondence with the Environment Agency.",
        (ENV_HEALTH, PLANNING),
        (G, P),
        answer="The two site investigation reports and the council's letters to the Environment "
        "Agency are attached.",
        exemptions=("13",),
        who=(COMPANY, SOLICITOR, INDIVIDUAL),
    ),
    Topic(
        EIR,
        "Household waste and recycling tonnages {fy}",
        "Please give the tonnages of household waste collected in {fy} for residual waste, dry "
        "recycling, glass, food and garden waste, and where each was sent for treatment.",
        (WASTE,),
        (G, A),
        answer="The tonnages and destinations for {fy} are attached ({n2} tonnes of residual "
        "waste).",
        note="The tonnages are published quarterly on WasteDataFlow and in DEFRA's local "
        "authority waste statistics.",
        flags=("dataset",),
        who=(CAMPAIGN, COMPANY, INDIVIDUAL),
    ),
    Topic(
        EIR,
        "Viability assessment for the development at {site}",
        "Please provide the developer's viability assessment submitted with the planning "
        "application for {site}, and the council's independent review of it.",
        (PLANNING,),
        (P, R),
        answer="The council's independent review is attached with the build costs and land "
        "value redacted.",
        exemptions=("12(5)(e)",),
        flags=("media",),
        who=(CAMPAIGN, JOURNALIST, COUNCILLOR),
        complex=True,
    ),
    Topic(
        EIR,
        "Planning enforcement file for works at {address}",
        "Please send me the planning enforcement file for the building works at {address}, "
        "including the complaint, the site visit notes and any notices served.",
        (PLANNING,),
        (P,),
        answer="The site visit notes and the enforcement notice served are attached. The "
        "complainant's details have been removed.",
        exemptions=("13",),
        who=(INDIVIDUAL, SOLICITOR),
    ),
    Topic(
        EIR,
        "Noise complaints about {venue}",
        "How many noise complaints has the council received about {venue} in the last two "
        "years, and what action has been taken?",
        (ENV_HEALTH,),
        (G, P),
        answer="{n3} complaints were received. Officers visited twice and a noise abatement "
        "notice was served; it has been complied with since.",
        exemptions=("13",),
        who=(INDIVIDUAL, JOURNALIST),
    ),
    Topic(
        EIR,
        "Tree felling and tree preservation orders in {park}",
        "Please provide the reasons for the felling of trees in {park} this year, the tree "
        "survey, and whether any of the trees were protected.",
        (PLANNING, WASTE),
        (G,),
        answer="The tree survey and the work schedule are attached. {n3} trees were felled "
        "because of ash dieback; none was subject to a tree preservation order.",
        who=(CAMPAIGN, INDIVIDUAL),
    ),
    Topic(
        EIR,
        "Glyphosate and pesticide use in parks and streets",
        "What weedkillers does the council use on streets and in parks, in what quantities, "
        "and has it considered alternatives?",
        (WASTE,),
        (G,),
        answer="The contractor used {n3}00 litres of glyphosate-based herbicide last year. The "
        "report on the trial of foam treatment in {park} is attached.",
        who=(CAMPAIGN, INDIVIDUAL),
    ),
    Topic(
        EIR,
        "Flood risk assessment for {site}",
        "Please send me the flood risk assessment submitted for {site} and any comments from the "
        "lead local flood authority or the Environment Agency.",
        (PLANNING,),
        (G, A),
        answer="The flood risk assessment and the consultee responses are attached.",
        note="These documents are on the public planning register online under the "
        "application reference.",
        who=(INDIVIDUAL, CAMPAIGN),
    ),
    Topic(
        EIR,
        "Local plan site assessments and draft allocations",
        "Please provide all site assessment reports and internal emails about the draft housing "
        "allocations in the emerging local plan, including sites that were rejected.",
        (PLANNING,),
        (P, R),
        answer="The published site assessment methodology and the assessments of sites already "
        "consulted on are attached.",
        exemptions=("12(4)(d)", "12(4)(e)"),
        flags=("media",),
        who=(CAMPAIGN, COMPANY, JOURNALIST),
        complex=True,
    ),
    Topic(
        EIR,
        "Street lighting switch-off times in {town}",
        "Please tell me which street lights in {town} are switched off at night and the energy "
        "saving achieved.",
        (WASTE,),
        (N,),
        note="Street lighting on public highways is the County Council's responsibility, so the "
        "district council does not hold this information (EIR reg 12(4)(a)).",
        exemptions=("12(4)(a)",),
        who=(INDIVIDUAL,),
    ),
    Topic(
        EIR,
        "Japanese knotweed on council land next to {address}",
        "Is the council aware of Japanese knotweed on its land next to {address}, and what "
        "treatment has been carried out?",
        (WASTE,),
        (G,),
        answer="The knotweed was identified in {month} and is in the second year of a "
        "three-year herbicide treatment programme. The contractor's treatment record is "
        "attached.",
        who=(INDIVIDUAL, SOLICITOR),
    ),
    Topic(
        EIR,
        "Odour complaints about the anaerobic digestion plant at {works}",
        "Please provide the odour complaints received about the anaerobic digestion plant at "
        "{works}, the officers' assessments and any correspondence with the operator.",
        (ENV_HEALTH,),
        (P, G),
        answer="{n2} complaints were received. The officers' odour assessments and the letters "
        "to the operator are attached.",
        exemptions=("13", "12(5)(e)"),
        who=(CAMPAIGN, INDIVIDUAL),
    ),
    Topic(
        EIR,
        "Building control completion certificate for {address}",
        "Please send me a copy of the building control completion certificate and inspection "
        "records for the extension at {address}.",
        (PLANNING,),
        (G, N),
        answer="The completion certificate and inspection records are attached.",
        note="The works were inspected by an approved inspector, not the council's building "
        "control service, so the council holds only the initial notice.",
        exemptions=("12(4)(a)",),
        who=(SOLICITOR, INDIVIDUAL),
    ),
    # --- subject access and variants ---------------------------------------------------------
    Topic(
        SAR,
        "My housing file",
        "Please send me a copy of all the information the council holds about me in my housing "
        "file, including my housing register application, tenancy records and any notes about "
        "me.",
        (HOUSING,),
        (G, P),
        answer="Your housing file is enclosed: your housing register application, the tenancy "
        "agreement, repair requests and officers' notes.",
        exemptions=("Sch2 p16",),
    ),
    Topic(
        SAR,
        "My housing benefit and council tax support records",
        "Under the UK GDPR I would like a copy of all information about my housing benefit and "
        "council tax support claims, including any calls and decision letters.",
        (REVENUES,),
        (G,),
        answer="Copies of your claim forms, the decision letters and the notes of your calls are "
        "enclosed.",
    ),
    Topic(
        SAR,
        "My council tax account history",
        "Please provide a full history of my council tax account since 2019, including notes "
        "about the recovery action taken.",
        (REVENUES,),
        (G,),
        answer="The account history and the recovery notes are enclosed.",
    ),
    Topic(
        SAR,
        "CCTV footage of incident at the leisure centre car park on {date}",
        "My car was damaged in the leisure centre car park on {date} between about 2pm and 3pm. "
        "Please provide any CCTV footage showing me and my car.",
        (ENV_HEALTH,),
        (G, P, N),
        answer="The footage showing you and your vehicle is enclosed on an encrypted USB stick. "
        "Other people and vehicle registrations have been blurred.",
        note="CCTV footage is kept for 31 days and then overwritten. Your request arrived after "
        "the footage for {date} had been overwritten, so we no longer hold it.",
        exemptions=("Sch2 p16",),
        variant=SarVariant.CCTV,
        checks="Requester supplied a recent photograph, the time window and a description of "
        "the car so they can be identified. Other people in the footage to be blurred.",
    ),
    Topic(
        SAR,
        "CCTV footage from {street} on {date}",
        "I was assaulted on {street} near the taxi rank at about 11pm on {date}. Please provide "
        "the CCTV footage of me from the council's town-centre cameras.",
        (ENV_HEALTH,),
        (G, P),
        answer="The footage showing you is enclosed; the other people in it have been blurred. "
        "The police also have a copy as they are investigating.",
        exemptions=("Sch2 p2", "Sch2 p16"),
        variant=SarVariant.CCTV,
        checks="Identity confirmed from passport and a photograph. The police were consulted "
        "about whether disclosure would prejudice their investigation: they did not object.",
    ),
    Topic(
        SAR,
        "Records held about my son by Children's Services",
        "I am requesting, on behalf of my son who is 9, all the records Children's Services "
        "holds about him, including the early help assessment and referrals from his school.",
        (CHILDREN,),
        (P,),
        answer="The records about your son are enclosed. Some information has been withheld "
        "because it is about other people or because releasing it would be likely to cause "
        "serious harm.",
        exemptions=("Sch2 p16", "Sch3"),
        flags=("sensitive",),
        variant=SarVariant.CHILD,
        checks="Parental responsibility confirmed from the birth certificate. The child is 9 and "
        "not considered competent to make the request, so the parent acts for him. Children's "
        "Services consulted: no safeguarding concern about disclosure to the parent.",
        complex=True,
    ),
    Topic(
        SAR,
        "My daughter's early help records",
        "Please send me all the information you hold about my daughter, who is 4, from the "
        "early help team and the family support worker.",
        (CHILDREN,),
        (G, P),
        answer="Your daughter's early help records are enclosed.",
        exemptions=("Sch2 p16",),
        flags=("sensitive",),
        variant=SarVariant.CHILD,
        checks="Parental responsibility confirmed (mother named on birth certificate). No "
        "court order restricting contact. Early help team consulted: no harm concern.",
    ),
    Topic(
        SAR,
        "My adult social care records",
        "Please send me my social care records, including my needs assessments, care plans and "
        "the notes of the social workers who visited me.",
        (ADULTS,),
        (G, P),
        answer="Your social care records are enclosed: the assessments, care and support plans "
        "and the case notes.",
        exemptions=("Sch3", "Sch2 p16"),
        flags=("sensitive",),
        complex=True,
    ),
    Topic(
        SAR,
        "Health information in my care assessment",
        "Please provide my care assessment together with the health information the NHS shared "
        "with the council when I left hospital.",
        (ADULTS,),
        (G, P),
        answer="Your assessment and the hospital discharge information are enclosed.",
        exemptions=("Sch3",),
        flags=("sensitive",),
        variant=SarVariant.HEALTH,
        checks="The appropriate health professional (the hospital discharge team's consultant) "
        "was consulted on whether disclosure would cause serious harm: no objection.",
    ),
    Topic(
        SAR,
        "Subject access request for our client Mr A. Kowalski",
        "We act for Mr Kowalski and enclose his signed authority. Please provide all personal "
        "data the council holds about him, in particular about his homelessness application "
        "and the review of it.",
        (HOUSING,),
        (G, P),
        answer="The personal data of your client is enclosed, limited to the scope of his "
        "authority.",
        exemptions=("Sch2 p5", "Sch2 p16"),
        variant=SarVariant.THIRD_PARTY,
        checks="Signed form of authority from the data subject and the solicitor's client-care "
        "letter received; disclosure limited to the scope of the authority.",
        who=(SOLICITOR,),
    ),
    Topic(
        SAR,
        "Request on behalf of my client for her benefits records",
        "I am an adviser helping Mrs Patel with a benefits appeal. She has signed the enclosed "
        "authority. Please send her housing benefit records to me.",
        (REVENUES,),
        (G,),
        answer="Mrs Patel's housing benefit records are enclosed, as authorised by her.",
        variant=SarVariant.THIRD_PARTY,
        checks="Signed authority from Mrs Patel received and her identity confirmed by phone "
        "using her claim reference.",
        who=(THIRD_PARTY,),
    ),
    Topic(
        SAR,
        "Complaint file about my neighbour dispute",
        "Please send me all the information held about me in the noise complaint investigation "
        "involving my neighbour, including what my neighbour said about me.",
        (ENV_HEALTH,),
        (P,),
        answer="The information about you in the investigation file is enclosed. Information "
        "about your neighbour, and what they said that is not about you, has been withheld.",
        exemptions=("Sch2 p16",),
    ),
    Topic(
        SAR,
        "All information held about me by the council",
        "Please send me copies of all the personal data the council holds about me, from every "
        "department, including emails where I am mentioned.",
        (HOUSING, REVENUES),
        (G, P),
        answer="The personal data held about you by the Housing and Revenues services is "
        "enclosed, with a covering index.",
        exemptions=("Sch2 p16",),
        complex=True,
    ),
    Topic(
        SAR,
        "Police request: tenancy details of a named individual",
        "Request for disclosure under DPA 2018 Sch 2 para 2 (prevention and detection of crime): "
        "please confirm the tenancy start date and any forwarding address held for the named "
        "tenant of 4 Canal Walk.",
        (HOUSING,),
        (G, R),
        answer="The tenancy start date and the forwarding address held are provided in the "
        "enclosed disclosure form.",
        note="Disclosure refused: the form did not explain how the information is needed for "
        "a particular investigation. The officer was invited to send a fuller request.",
        exemptions=("Sch2 p2",),
        variant=SarVariant.CRIME,
        checks="Request on the police disclosure form, countersigned by an Inspector; the data "
        "is needed for the detection of crime and withholding it would be likely to prejudice "
        "that. Disclosure limited to the tenancy dates and address.",
        who=(POLICE,),
    ),
    Topic(
        SAR,
        "Disclosure for legal proceedings: inspection records for {street} footway",
        "We act for a claimant in a personal injury claim arising from a trip on the council's "
        "land at {street}. Under DPA 2018 Sch 2 para 5, please disclose the inspection and "
        "repair records and any complaints.",
        (WASTE, LEGAL),
        (G, P),
        answer="The inspection and repair records for the area are enclosed.",
        exemptions=("Sch2 p5",),
        variant=SarVariant.LEGAL,
        checks="Letter from the claimant's solicitors citing Sch 2 para 5: disclosure is "
        "necessary for legal proceedings. Only the relevant inspection records are disclosed.",
        who=(SOLICITOR,),
    ),
    Topic(
        SAR,
        "My son's education and SEN records",
        "Please send me all the information held about my son's special educational needs, "
        "including his EHC plan and reports from his school.",
        (CHILDREN,),
        (N, G),
        answer="The information held by the district council about your son is enclosed.",
        note="Education records and EHC plans are held by the school and by the County Council "
        "as the local education authority, not by the district council.",
        variant=SarVariant.EDUCATION,
        checks="Parental responsibility confirmed. Educational records are held by the school "
        "and the County Council: the district council checked its own records only.",
        flags=("sensitive",),
    ),
    Topic(
        SAR,
        "Recordings of my calls to the council",
        "Please provide recordings of my telephone calls to the council contact centre in "
        "{month} about my council tax.",
        (REVENUES,),
        (G, N),
        answer="Recordings of your three calls are enclosed as audio files.",
        note="Call recordings are kept for 90 days; the calls you asked about were before that "
        "and have been deleted.",
    ),
    Topic(
        SAR,
        "Emails about me in the planning department",
        "Please provide all emails between planning officers that mention me or my planning "
        "application for a rear extension.",
        (PLANNING,),
        (G, P),
        answer="The emails that mention you are enclosed.",
        exemptions=("Sch2 p16", "Sch2 p19"),
    ),
    # --- other data-protection rights --------------------------------------------------------
    Topic(
        Regime.ERASURE,
        "Delete my details from the planning consultation mailing list",
        "Please remove me from your planning policy consultation mailing list and delete my "
        "details.",
        (PLANNING,),
        (G,),
        answer="Your details have been removed from the consultation database and deleted.",
    ),
    Topic(
        Regime.ERASURE,
        "Erase my old housing register application",
        "I withdrew my housing register application in 2021. Please erase all the information "
        "from it, including my medical evidence.",
        (HOUSING,),
        (G, R),
        answer="Your application and the medical evidence have been deleted from the housing "
        "system.",
        note="Housing register records are kept for six years after an application closes, to "
        "deal with appeals and fraud checks. The right to erasure does not apply while the "
        "council needs them for that legal obligation (UK GDPR Art 17(3)(b)).",
        flags=("sensitive",),
    ),
    Topic(
        Regime.ERASURE,
        "Remove my photograph from the council's social media",
        "A photograph of me at the {park} fun day is on the council's social media pages. I did "
        "not agree to it. Please remove it.",
        (LEGAL,),
        (G,),
        answer="The photograph has been removed from all the council's social media accounts "
        "and its image library.",
    ),
    Topic(
        Regime.RECTIFICATION,
        "Correct my date of birth on my council tax account",
        "My date of birth is wrong on my council tax account and it has caused a problem with my "
        "single person discount. Please correct it.",
        (REVENUES,),
        (G,),
        answer="Your date of birth has been corrected on the council tax system.",
    ),
    Topic(
        Regime.RECTIFICATION,
        "Correct inaccurate statements in my housing file",
        "Notes in my housing file say I was abusive to an officer on the phone. That is not "
        "true and I want it corrected.",
        (HOUSING,),
        (R, G),
        answer="The note has been corrected.",
        note="The note is an accurate record of the officer's account of the call, which is an "
        "opinion rather than a fact. Your statement that you disagree with it has been added "
        "to the file (UK GDPR Art 16).",
    ),
    Topic(
        Regime.RECTIFICATION,
        "Wrong name on my benefits letters",
        "Every letter about my housing benefit spells my name wrongly. Please correct your "
        "records.",
        (REVENUES,),
        (G,),
        answer="Your name has been corrected on the benefits system and future letters will use "
        "it.",
    ),
    Topic(
        Regime.OBJECTION,
        "Object to my data being used for the single person discount review",
        "I object to the council sharing my data with a credit reference agency for the single "
        "person discount review.",
        (REVENUES,),
        (R,),
        note="The data is used to meet the council's legal duty to collect council tax and to "
        "grant discounts correctly; those grounds override the objection (UK GDPR Art 21(1)).",
    ),
    Topic(
        Regime.RESTRICTION,
        "Restrict use of my data while my rent arrears are disputed",
        "I dispute the rent arrears on my account. Please restrict the use of my data, "
        "including any referral to a debt collector, until the dispute is resolved.",
        (HOUSING,),
        (G,),
        answer="Processing of the disputed arrears has been restricted: no recovery action will "
        "be taken until the dispute is resolved.",
    ),
]

NOT_VALID = [
    (
        "Missed bin collection on {street}",
        "My bins have not been emptied for two weeks. When will you come?",
        "A service request, not a request for recorded information: passed to Waste and Street "
        "Scene as a missed collection report.",
    ),
    (
        "Request for information about the district",
        "Send me everything you have about the new houses. From a concerned resident.",
        "No real name was given (FOIA s8(1)(b)) and the request does not describe the "
        "information sought; the sender was told how to make a valid request.",
    ),
]

PLACES = {
    "street": ["High Street", "Station Road", "London Road", "Market Place", "Bridge Street"],
    "site": [
        "land north of Mill Lane",
        "the former bus depot, Station Road",
        "Kingsmere Quarry",
        "the Riverside car park",
        "Ashby Road allotments",
    ],
    "park": ["Victoria Park", "Riverside Gardens", "Kingsmere Common"],
    "works": ["Hollow Lane Farm", "Kingsmere Quarry", "Ashby Road industrial estate"],
    "venue": ["The Crown, Market Place", "Riverside Bar and Kitchen", "Kingsmere Social Club"],
    "business": ["Golden Wok, Bridge Street", "The Corner Café, High Street", "Kebab Xpress"],
    "address": ["12 Willow Way", "3 Chapel Row", "88 Queen's Road", "The Barn, Hollow Lane"],
    "town": ["Kingsmere", "Ashby Parva"],
}

WARDS = ["Kingsmere Central", "Kingsmere North", "Riverside", "Millfield", "Ashby Parva"]

# The public-interest test recorded for qualified exemptions, by code.
PUBLIC_INTEREST = {
    "s22": "Disclosure now would pre-empt publication planned within weeks; the public interest "
    "is met by publication, so it favours withholding until then.",
    "s31": "There is a public interest in openness about {subject}. Against it, releasing the "
    "detail would be likely to help fraudsters or criminals target the properties or accounts "
    "concerned (ICO decisions on empty property and credit balance lists agree). On balance "
    "the public interest favours withholding the detail; summary figures are released.",
    "s36": "The qualified person (the Monitoring Officer) gave the opinion that disclosure "
    "would inhibit the free and frank exchange of views. The public interest in transparency "
    "about {subject} is strong, but officers and members need a safe space while the matter "
    "is live. On balance it favours withholding the internal discussion; the final "
    "correspondence is released.",
    "s38": "Disclosing the exact addresses would be likely to endanger the safety of the "
    "people living there, who have been targeted before. The public interest in knowing how "
    "many people are housed in the district is met by the ward figures released. On balance "
    "the public interest favours withholding the addresses.",
    "s42": "There is a strong inbuilt public interest in the council being able to obtain "
    "frank legal advice in confidence. The advice is recent and the matter is live. The "
    "public interest in understanding {subject} does not outweigh it.",
    "s43": "There is a public interest in transparency about how public money is spent on "
    "{subject}. Against it, disclosing the unit prices while the contract is being retendered "
    "would weaken the council's negotiating position and prejudice the suppliers' commercial "
    "interests. On balance the public interest favours withholding the unit prices; totals "
    "are released.",
    "12(4)(a)": "No information is held, so there is nothing to weigh: the exception applies "
    "and the public interest cannot favour disclosure of information that does not exist.",
    "12(4)(d)": "The draft site assessments are unfinished and will be published with the "
    "Regulation 18 consultation. Releasing drafts now would mislead the public about sites "
    "still being assessed. The presumption in favour of disclosure is outweighed for now.",
    "12(4)(e)": "The internal emails record officers' candid views while the plan is being "
    "prepared. There is a public interest in participation, but it is met by the public "
    "consultation; the need for a private thinking space outweighs it at this stage.",
    "12(5)(e)": "The build costs and land values are commercially confidential and protect a "
    "legitimate economic interest. There is a strong public interest in understanding why "
    "less affordable housing was accepted; the council's review and the conclusions are "
    "released, which meets much of it. On balance the detailed figures are withheld.",
}

DECISION_REASONS = {
    "s21": "Reasonably accessible to the requester by other means (s21).",
    "s31": "Prejudice to the prevention of crime and fraud (s31(1)(a)).",
    "s36": "Prejudice to the effective conduct of public affairs: the qualified person's "
    "reasonable opinion (s36(2)(b)).",
    "s38": "Disclosure would be likely to endanger the safety of individuals (s38(1)(b)).",
    "s40(2)": "Personal data of third parties; disclosure would breach the data protection "
    "principles (s40(2)).",
    "s42": "Legal professional privilege (advice privilege) applies (s42).",
    "s43": "Prejudice to the commercial interests of the council and its suppliers (s43(2)).",
    "12(4)(a)": "Information not held (reg 12(4)(a)).",
    "12(4)(d)": "Material in the course of completion (reg 12(4)(d)).",
    "12(4)(e)": "Internal communications (reg 12(4)(e)).",
    "12(5)(e)": "Confidentiality of commercial information (reg 12(5)(e)).",
    "13": "Third-party personal data (reg 13).",
    "Sch2 p2": "Crime and taxation exemption (DPA 2018 Sch 2 para 2).",
    "Sch2 p5": "Disclosure required for legal proceedings (DPA 2018 Sch 2 para 5).",
    "Sch2 p16": "Information about other people who have not consented (DPA 2018 Sch 2 para 16).",
    "Sch2 p19": "Legal professional privilege (DPA 2018 Sch 2 para 19).",
    "Sch3": "Serious harm test for social work and health data (DPA 2018 Sch 3).",
}

SEARCHES = {
    PLANNING: "Searched the planning and enforcement back-office system, the planning shared "
    "mailbox and the committee papers",
    ENV_HEALTH: "Searched the environmental health case database and the complaints log",
    WASTE: "Searched the collections system, the street scene inspection log and contract files",
    ADULTS: "Searched the adult social care case record system and the archived paper files",
    CHILDREN: "Searched the children's case record system and the early help module",
    HOUSING: "Searched the housing management system, tenancy files and housing options notes",
    REVENUES: "Searched the council tax and business rates system and the benefits workflow",
    LEGAL: "Searched the legal case management system and members' and governance records",
}

CLARIFICATIONS = [
    "Please tell us which years you are interested in, and whether you want figures for the "
    "whole district or particular wards.",
    "Your request could cover several thousand documents. Could you tell us the period and "
    "the kind of records you need?",
    "Please confirm the address of the property and the approximate date of the works.",
    "Please tell us which services you have been in contact with, so we search the right records.",
]

WITHDRAWALS = [
    "The requester found the information on the council's website.",
    "The matter was resolved with the service and the requester no longer needs the information.",
    "The requester will send a narrower request after our advice.",
    "The requester has started legal proceedings and will seek disclosure there.",
]

REVIEW_GROUNDS = {
    Outcome.NOT_HELD: "I do not accept that the council holds no information. Officers must "
    "have discussed this by email.",
    Outcome.PART: "Too much has been redacted and I do not agree that the public interest "
    "favours withholding it.",
    Outcome.REFUSED: "The council has refused everything. The exemption does not apply to "
    "information this old and the public interest clearly favours disclosure.",
    Outcome.COST_LIMIT: "Your estimate of the time needed is exaggerated: the records are "
    "electronic and easy to search.",
    Outcome.GRANTED: "The spreadsheet you sent is incomplete: it leaves out the last quarter.",
}

REVIEW_RESPONSES = {
    ReviewOutcome.UPHELD: "I have reviewed the handling of your request and the searches made. "
    "I am satisfied that the original decision was correct and I uphold it.",
    ReviewOutcome.PARTLY: "I have reviewed the decision. Some of the information withheld can "
    "now be released and is enclosed; the rest remains exempt for the reasons given.",
    ReviewOutcome.OVERTURNED: "I have reviewed the decision and do not agree that the "
    "exemption applies. The information is enclosed in full.",
}

# --- what happens to each case --------------------------------------------------------------

# (stop at, how many, youngest, oldest): age in working days before today.
OPEN_SLOTS = [
    ("new", 3, 0, 1),
    ("classified", 2, 1, 2),
    ("acknowledged", 3, 2, 4),
    ("reclarified", 1, 8, 14),
    ("awaiting_clarification", 6, 3, 30),
    ("awaiting_id", 5, 2, 20),
    ("assigned", 8, 3, 12),
    ("assigned", 2, 21, 26),
    ("in_progress", 10, 6, 19),
    ("in_progress", 5, 21, 35),
    ("draft_ready", 6, 12, 19),
    ("draft_ready", 2, 21, 27),
    ("awaiting_authorisation", 6, 14, 19),
    ("awaiting_authorisation", 1, 21, 24),
    ("authorised", 4, 16, 19),
]
FINISHED_SLOTS = [
    ("responded", 22, 22, 80),
    ("closed", 92, 45, 245),  # 250 reached past twelve months in years with an extra holiday
    ("withdrawn", 8, 8, 240),
    ("lapsed", 6, 75, 245),
    ("not_valid", 2, 10, 200),
]
STAGES = [
    "new",
    "classified",
    "acknowledged",
    "assigned",
    "in_progress",
    "draft_ready",
    "awaiting_authorisation",
    "authorised",
    "responded",
    "closed",
]
# Internal reviews of closed cases: the review's end state, and whether the ICO is involved.
REVIEWS = [
    (ReviewOutcome.UPHELD, "closed", True),
    (ReviewOutcome.UPHELD, "closed", False),
    (ReviewOutcome.PARTLY, "closed", True),
    (ReviewOutcome.OVERTURNED, "responded", False),
    (None, "acknowledged", False),
    (None, "assigned", False),
]
REGIME_WEIGHTS = [(FOI, 60), (EIR, 16), (SAR, 19), ("rights", 5)]
# What the weights might miss, given to the first slots with that stop:
# (stop, regime, outcome, the topic's title starts with).
FORCED = [
    ("closed", FOI, V, ""),
    ("closed", FOI, V, ""),
    ("closed", FOI, C, ""),
    ("closed", FOI, C, ""),
    ("responded", FOI, C, ""),
    ("closed", EIR, R, ""),
    ("closed", SAR, N, "My son's education"),
    ("closed", Regime.OBJECTION, R, ""),
    ("closed", Regime.RESTRICTION, G, ""),
    ("responded", Regime.RECTIFICATION, G, ""),
    ("closed", Regime.ERASURE, R, ""),
    ("closed", FOI, P, "Correspondence between Cllr"),
    ("closed", FOI, P, "Code of conduct"),
    ("responded", FOI, A, "Cllr Derek Ashworth"),
    ("in_progress", FOI, P, "Correspondence between Cllr"),
    ("closed", SAR, P, "Records held about my son"),
    ("closed", SAR, G, "Subject access request for our client"),
    ("awaiting_authorisation", SAR, P, "Disclosure for legal"),
    ("in_progress", SAR, G, "CCTV footage of incident"),
]
# How often each kind of requester asks, among those a topic attracts.
REQUESTER_WEIGHTS = {
    INDIVIDUAL: 50,
    JOURNALIST: 12,
    COMPANY: 12,
    CAMPAIGN: 10,
    COUNCILLOR: 15,
    SOLICITOR: 8,
    THIRD_PARTY: 6,
    POLICE: 6,
    SERIAL: 1,
}
OUTCOME_WEIGHTS = {
    FOI: {G: 40, P: 18, N: 12, A: 8, R: 7, C: 4},
    EIR: {G: 50, P: 22, N: 10, A: 10, R: 8},
    SAR: {G: 55, P: 35, N: 8, R: 2},
    "rights": {G: 75, R: 25},
}
NEEDS_DIRECTOR_FROM = {"awaiting_authorisation", "authorised"}
NO_DIRECTOR = {N, A}


@dataclass
class Plan:
    stop: str
    age: int
    topic: Topic | None
    outcome: str
    title: str = ""
    text: str = ""
    values: dict = field(default_factory=dict)
    requester: dict = field(default_factory=dict)
    requester_kind: str = INDIVIDUAL
    channel: str = Channel.EMAIL
    received_at: dt.datetime | None = None
    flags: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    late: bool = False
    extend: bool = False
    clarify: bool = False
    ask_id: bool = False
    skip_areas: bool = False
    return_once: bool = False
    decide_early: bool = False
    reopen: bool = False
    wrong_area: str = ""  # an area added by mistake, which hands the case back
    withdraw_at: str = ""
    review: tuple | None = None
    not_valid: tuple | None = None

    @property
    def stops_in_progress(self) -> bool:
        return self.stop == "in_progress" or self.withdraw_at == "in_progress"


class _Seeder:
    def __init__(self):
        self.rng = random.Random(SEED)
        self.now = timezone.now()
        self.today = timezone.localdate(self.now)
        self.calendar = current_calendar()
        self.last_day = self.calendar.working_days_before(self.today, 1)
        self.areas = {a.name: a for a in ServiceArea.objects.select_related("directorate")}
        self.exemptions = {(e.law, e.code): e for e in Exemption.objects.all()}
        self.users = self._users()
        self.requester_cycle: dict[str, list[int]] = {}
        self.case_ids: list[int] = []

    # --- people ---------------------------------------------------------------------------

    def _users(self) -> dict[str, User]:
        missing = {"ig.officer", "ig.manager"} - set(
            User.objects.filter(username__in=["ig.officer", "ig.manager"]).values_list(
                "username", flat=True
            )
        )
        if missing:
            raise RuntimeError("Run organisation.demo.seed_structure() before seed_cases().")
        for username, first, last, role, title, directorate in EXTRA_USERS:
            self._user(username, first, last, role, title, directorate=directorate)
        for area, username in AREA_OFFICERS.items():
            if area in self.areas and not User.objects.filter(username=username).exists():
                self._user(
                    username, area, "link officer", Role.SERVICE_OFFICER, f"Link officer, {area}"
                )
            user = User.objects.filter(username=username).first()
            if user and area in self.areas and not user.service_areas.exists():
                user.service_areas.set([self.areas[area]])
        return {u.username: u for u in User.objects.all()}

    @staticmethod
    def _user(username, first, last, role, title, directorate=None) -> User:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "role": role,
                "job_title": title,
                "email": f"{username}@council.example",
                "directorate": Directorate.objects.filter(name=directorate).first(),
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        return user

    def _requester(self, kind: str) -> tuple[dict, str]:
        rows = REQUESTERS[kind]
        order = self.requester_cycle.get(kind)
        if not order:
            order = list(range(len(rows)))
            self.rng.shuffle(order)
            self.requester_cycle[kind] = order
        name, email, organisation, address = rows[order.pop()]
        return {
            "name": name,
            "email": email,
            "address": address,
            "organisation_name": organisation,
            "requester_type": REQUESTER_TYPE.get(kind, kind),
        }, kind

    # --- time -------------------------------------------------------------------------------

    def wd(self, day: dt.date, n: int) -> dt.date:
        return self.calendar.add_working_days(day, n)

    def at(self, after: dt.datetime, day: dt.date) -> dt.datetime:
        """A moment during office hours on `day` (or the next working day), after `after`, never
        later than the last working day before today."""
        after_day = after.astimezone(LONDON).date()
        day = max(day, after_day)
        if day == after_day and after.astimezone(LONDON).time() >= dt.time(17, 15):
            day = self.wd(day, 1)  # it arrived after hours: dealt with the next working day
        if not self.calendar.is_working_day(day):
            day = self.calendar.next_working_day(day)
        day = min(day, self.last_day)
        moment = dt.datetime.combine(day, dt.time(8, 50), LONDON) + dt.timedelta(
            minutes=self.rng.randint(0, 470)
        )
        if moment <= after:
            moment = after + dt.timedelta(minutes=self.rng.randint(3, 40))
        if moment >= self.now:  # only for a request that arrived today
            moment = after + (self.now - after) / 2
            if not after < moment < self.now:
                raise RuntimeError(f"Demo step planned in the future: {moment}")
        return moment

    def between(self, after: dt.datetime, end: dt.date, fraction: float) -> dt.datetime:
        """A moment `fraction` of the way (in working days) from `after` to `end`."""
        start = after.astimezone(LONDON).date()
        span = max(self.calendar.working_days_between(start, end), 0)
        return self.at(after, self.wd(start, round(span * fraction)))

    # --- planning ---------------------------------------------------------------------------

    def plans(self) -> list[Plan]:
        plans = []
        slots = [s for s in OPEN_SLOTS for _ in range(s[1])]
        slots += [s for s in FINISHED_SLOTS for _ in range(s[1])]
        reviews = list(REVIEWS)
        forced = list(FORCED)
        for stop, _, youngest, oldest in slots:
            age = self.rng.randint(youngest, oldest)
            if stop == "not_valid":
                plans.append(self._plan_not_valid(age))
                continue
            force = next((f for f in forced if f[0] == stop), None)
            if force:
                forced.remove(force)
            plan = self._plan(stop, age, *(force[1:] if force else ()))
            if force and force[3] and not plan.title.startswith(force[3]):
                raise RuntimeError(f"Forced topic not found: {force}")
            if stop == "closed" and reviews and plan.outcome in REVIEW_GROUNDS:
                review = reviews[0]
                # Finished reviews need a long history; open ones a recent review request.
                if (review[0] and age >= 120) or (review[0] is None and 60 <= age <= 110):
                    plan.review = reviews.pop(0)
                    plan.late = False
            plans.append(plan)
        if reviews:
            raise RuntimeError(f"Could not place every demo review: {reviews}")
        for plan in self.rng.sample([p for p in plans if p.stop == "closed"], 2):
            plan.reopen = not plan.review
        return plans

    def _pick_regime(self, stop: str) -> str:
        if stop == "awaiting_id":
            return SAR
        regimes, weights = zip(*REGIME_WEIGHTS, strict=True)
        return self.rng.choices(regimes, weights)[0]

    def _plan(
        self, stop: str, age: int, regime: str = "", outcome: str = "", title: str = ""
    ) -> Plan:
        regime = regime or self._pick_regime(stop)
        weights = {outcome: 1} if outcome else dict(OUTCOME_WEIGHTS[regime])
        if stop in NEEDS_DIRECTOR_FROM:
            for outcome in NO_DIRECTOR:
                weights.pop(outcome, None)
        candidates = [
            t
            for t in TOPICS
            if (t.regime == regime or (regime == "rights" and t.regime not in (FOI, EIR, SAR)))
        ]
        while True:
            outcome = self.rng.choices(list(weights), list(weights.values()))[0]
            fitting = [t for t in candidates if outcome in t.outcomes and t.title.startswith(title)]
            if fitting:
                break
            if len(weights) == 1:
                raise RuntimeError(f"No demo topic for {regime} {outcome} {title!r}")
        topic = self.rng.choice(fitting)
        values = self._values(age)
        kind = self.rng.choices(topic.who, [REQUESTER_WEIGHTS[k] for k in topic.who])[0]
        requester, kind = self._requester(kind)
        plan = Plan(stop=stop, age=age, topic=topic, outcome=outcome, values=values)
        plan.title = topic.title.format(**values)
        plan.text = topic.text.format(**values)
        plan.requester, plan.requester_kind = requester, kind
        plan.channel = self._channel(topic.regime, kind, requester)
        plan.received_at = self._received_at(age, plan.channel)
        flags = set(topic.flags)
        if kind == JOURNALIST:
            flags.add("media")
        if self.rng.random() < 0.06:
            flags.add("sensitive")
        plan.flags = tuple(sorted(flags))
        areas = list(topic.areas)
        if len(areas) == 1 and self.rng.random() < 0.1:
            areas.append(self.rng.choice(sorted(a for a in self.areas if a not in areas)))
            plan.wrong_area = areas[-1]
        plan.areas = tuple(a for a in areas if a in self.areas)
        data_protection = topic.regime in Regime.data_protection()
        plan.ask_id = stop == "awaiting_id" or (data_protection and self.rng.random() < 0.35)
        if stop == "lapsed":
            plan.ask_id = data_protection and self.rng.random() < 0.5
        plan.clarify = stop in ("awaiting_clarification", "reclarified") or (
            stop == "lapsed" and not plan.ask_id
        )
        if not plan.clarify and stop not in ("new", "classified", "awaiting_id"):
            plan.clarify = self.rng.random() < 0.08 and not plan.ask_id
        plan.late = stop in ("responded", "closed") and self.rng.random() < 0.1
        plan.extend = self._extend(plan)
        plan.skip_areas = (
            outcome in NO_DIRECTOR
            and stop in ("draft_ready", "responded", "closed")
            and self.rng.random() < 0.5
        )
        plan.return_once = self.rng.random() < 0.1
        plan.decide_early = stop == "draft_ready" and self.rng.random() < 0.5
        if stop == "withdrawn":
            plan.withdraw_at = self.rng.choice(["acknowledged", "assigned", "in_progress"])
        return plan

    def _extend(self, plan: Plan) -> bool:
        topic = plan.topic
        if plan.stop in ("new", "classified", "acknowledged", "reclarified", "assigned"):
            return False
        if topic.regime == FOI:
            qualified = any(self._exemption(FOI, c).qualified for c in topic.exemptions)
            return qualified and plan.outcome in (P, R) and self.rng.random() < 0.35
        chance = 0.5 if topic.complex else 0.05
        return topic.regime in (EIR, SAR) and self.rng.random() < chance

    def _plan_not_valid(self, age: int) -> Plan:
        title, text, reason = self.rng.choice(NOT_VALID)
        values = self._values(age)
        requester, kind = self._requester(INDIVIDUAL)
        plan = Plan(stop="not_valid", age=age, topic=None, outcome="", values=values)
        plan.title, plan.text = title.format(**values), text
        plan.requester, plan.requester_kind = requester, kind
        plan.channel = Channel.EMAIL if requester["email"] else Channel.LETTER
        plan.received_at = self._received_at(age, plan.channel)
        plan.not_valid = (title, text, reason)
        return plan

    def _values(self, age: int) -> dict:
        received = self.calendar.working_days_before(self.today, age)
        year = received.year - 1
        start = received.year if received.month >= 4 else received.year - 1
        fy = f"{start - 1}/{str(start)[2:]}"
        incident = received - dt.timedelta(days=self.rng.randint(3, 20))
        values = {name: self.rng.choice(options) for name, options in PLACES.items()}
        values.update(
            year=year,
            prev=year - 1,
            fy=fy,
            month=f"{received - dt.timedelta(days=40):%B}",
            date=f"{incident.day} {incident:%B}",
            n1=self.rng.randint(12, 95),
            n2=self.rng.randint(120, 2400),
            n3=self.rng.randint(2, 11),
            money=f"£{self.rng.randint(18, 960) * 1000 + self.rng.randint(0, 999):,}",
        )
        return values

    def _channel(self, regime: str, kind: str, requester: dict) -> str:
        if not requester["email"]:
            return Channel.LETTER
        if kind == INDIVIDUAL:
            options = [(Channel.WEB, 50), (Channel.EMAIL, 35), (Channel.LETTER, 8)]
            if regime not in (FOI,):  # FOI requests must be in writing (s8)
                options += [(Channel.PHONE, 5), (Channel.IN_PERSON, 4)]
        elif kind in (SOLICITOR, POLICE):
            options = [(Channel.EMAIL, 85), (Channel.LETTER, 15)]
        else:
            options = [(Channel.EMAIL, 90), (Channel.WEB, 10)]
        channels, weights = zip(*options, strict=True)
        channel = self.rng.choices(channels, weights)[0]
        if channel == Channel.WEB and kind != INDIVIDUAL:
            channel = Channel.EMAIL  # the web form records every sender as a member of the public
        return channel

    def _received_at(self, age: int, channel: str) -> dt.datetime:
        day = self.calendar.working_days_before(self.today, age)
        if age == 0:
            moment = self.now - dt.timedelta(minutes=self.rng.randint(20, 200))
            moment = moment.replace(second=0, microsecond=0)
            if timezone.localdate(moment) == self.today:
                return moment.astimezone(LONDON)
            day = self.last_day
        hours = {
            Channel.WEB: (6 * 60, 23 * 60),
            Channel.EMAIL: (7 * 60, 21 * 60),
            Channel.LETTER: (9 * 60, 11 * 60),
        }.get(channel, (9 * 60 + 15, 16 * 60 + 30))
        if channel == Channel.WEB and age > 3 and self.rng.random() < 0.15:
            day -= dt.timedelta(days=self.rng.choice([1, 2]))  # sent at a weekend
        minutes = self.rng.randint(*hours)
        moment = dt.datetime.combine(day, dt.time(0, 0), LONDON) + dt.timedelta(minutes=minutes)
        return min(moment, self.now - dt.timedelta(minutes=30))

    def _exemption(self, regime: str, code: str) -> Exemption:
        law = {FOI: "foi", EIR: "eir"}.get(regime, "dpa")
        return self.exemptions[(law, code)]

    # --- running ----------------------------------------------------------------------------

    def run(self) -> int:
        try:
            import time_machine
        except ImportError as error:  # pragma: no cover - installed with the test extras
            raise RuntimeError(
                "The demo cases need the time-machine package to play each step at its moment "
                "in the past: pip install time-machine"
            ) from error

        queue = []
        for number, plan in enumerate(self.plans()):
            script = self.script(plan)
            heapq.heappush(queue, (next(script), number, script))
        while queue:
            moment, number, script = heapq.heappop(queue)
            with time_machine.travel(moment, tick=False):
                following = next(script, None)
            if following is not None:
                heapq.heappush(queue, (following, number, script))
        return len(self.case_ids)

    def officer(self, area: str) -> User:
        return self.users[AREA_OFFICERS[area]]

    def directors(self, case: Case) -> list[User]:
        names = {
            a.service_area.directorate.name
            for a in case.assignments.active().select_related("service_area__directorate")
        }
        return [self.users[DIRECTORS[name]] for name in sorted(names)]

    def director(self, case: Case) -> User:
        assignment = case.assignments.active().select_related("service_area__directorate").first()
        return self.users[DIRECTORS[assignment.service_area.directorate.name]]

    def script(self, plan: Plan) -> Iterator[dt.datetime]:
        """The case's life, one service call per step: yields when the next step happens, and
        is resumed with the clock at that moment."""
        ig, manager = self.users["ig.officer"], self.users["ig.manager"]
        rng = self.rng
        topic = plan.topic
        t = plan.received_at
        # --- arrival
        if plan.channel == Channel.WEB:
            yield t
            case = services.case_submit_public(
                name=plan.requester["name"],
                email=plan.requester["email"],
                address=plan.requester["address"],
                regime=topic.regime if topic.regime in (FOI, EIR) else SAR,
                title=plan.title,
                request_text=plan.text,
            )
        else:
            received = t.astimezone(LONDON)
            log_day = _day(t) if received.hour < 16 else self.wd(_day(t), 1)
            t = self.at(t, log_day)
            yield t
            case = services.case_log(
                user=ig if rng.random() < 0.85 else manager,
                requester=plan.requester,
                channel=plan.channel,
                received_at=plan.received_at,
                title=plan.title,
                request_text=plan.text,
                flags=plan.flags,
            )
        self.case_ids.append(case.pk)
        if plan.stop == "new":
            return
        if plan.not_valid:
            t = self.at(t, self.wd(_day(t), 1))
            yield t
            services.case_mark_not_valid(case_id=case.pk, user=ig, reason=plan.not_valid[2])
            return
        # --- triage
        t = self.at(t, self.wd(_day(t), rng.choice([0, 0, 1])))
        yield t
        variant = topic.variant
        checks = topic.checks
        if topic.regime in Regime.data_protection() and not checks:
            checks = (
                "Proof of identity asked for."
                if plan.ask_id
                else "Identity confirmed against the council's existing records for the requester."
            )
        sar_checks = checks if topic.regime in Regime.data_protection() else ""
        flags_now = {
            f for f in ("sensitive", "about_councillor", "media", "dataset") if getattr(case, f)
        }
        if (case.regime, case.sar_variant, case.sar_checks, flags_now) != (
            topic.regime,
            variant,
            sar_checks,
            set(plan.flags),
        ):  # a request logged already classified exactly so needs no triage step
            case = services.case_classify(
                case_id=case.pk,
                user=ig,
                regime=topic.regime,
                sar_variant=variant,
                sar_checks=sar_checks,
                flags=plan.flags,
            )
        if plan.stop == "classified":
            return
        if plan.ask_id:
            t = self.at(t, self.wd(_day(t), rng.choice([0, 1])))
            yield t
            case = services.case_ask_id(case_id=case.pk, user=ig, asked_on=_day(t))
            if plan.stop == "awaiting_id":
                return
            if plan.stop == "lapsed":
                t = self.at(t, _day(t) + dt.timedelta(days=rng.randint(92, 100)))
                yield t
                services.case_lapse(
                    case_id=case.pk,
                    user=ig,
                    reason="No proof of identity or authority received within three months of "
                    "our letter.",
                )
                return
            t = self.at(t, self.wd(_day(t), rng.randint(2, 9)))
            yield t
            case = services.case_record_id(case_id=case.pk, user=ig, received_on=_day(t))
        t = self.at(t, self.wd(_day(t), rng.choice([0, 1, 1, 2, 3])))
        yield t
        case = services.case_acknowledge(case_id=case.pk, user=ig)
        if case.about_councillor and plan.stop != "acknowledged":
            t = self.at(t, self.wd(_day(t), rng.choice([0, 1, 2])))
            yield t
            case = services.case_record_councillor_told(case_id=case.pk, user=ig, told_on=_day(t))
        if plan.stop == "acknowledged" or plan.withdraw_at == "acknowledged":
            yield from self._maybe_withdraw(plan, case, t)
            return
        if plan.clarify:
            t = self.at(t, self.wd(_day(t), rng.choice([0, 1, 2])))
            yield t
            case = services.case_ask_clarification(
                case_id=case.pk,
                user=ig,
                question=rng.choice(CLARIFICATIONS),
                asked_on=_day(t),
                # Needed (and only read) for a data-protection request: the DUAA clock stop.
                concerns="information",
                concerns_reason="The request does not say which records or period it means.",
            )
            if plan.stop == "awaiting_clarification":
                return
            if plan.stop == "lapsed":
                t = self.at(t, _day(t) + dt.timedelta(days=rng.randint(92, 100)))
                yield t
                services.case_lapse(
                    case_id=case.pk,
                    user=ig,
                    reason=f"No clarification received within three months of our letter of "
                    f"{case.clarification_asked_on:%d %B %Y}.",
                )
                return
            t = self.at(t, self.wd(_day(t), rng.randint(1, 6)))
            yield t
            case = services.case_record_clarification(
                case_id=case.pk,
                user=ig,
                received_on=_day(t),
                summary="The requester narrowed the request as suggested.",
            )
            if plan.stop == "reclarified":
                return
        # --- when the response will go: before the due date, or after it for the late ones
        due = case.statutory_due
        if plan.extend:
            due = self._extended_due(case)
        if plan.late:
            respond_day = self.wd(due, rng.randint(1, 12))
        else:
            respond_day = self.wd(due, -rng.choice([0, 1, 2, 2, 3, 4, 5, 7]))
        respond_day = max(respond_day, self.wd(_day(t), 3))
        # --- service areas
        decided = False
        if plan.skip_areas:
            case, t = yield from self._decide(plan, case, t, respond_day, 0.4)
            decided = True
        else:
            t = self.between(t, respond_day, 0.05)
            yield t
            area_ids = [self.areas[a].pk for a in plan.areas]
            case = services.case_assign(case_id=case.pk, user=ig, service_area_ids=area_ids)
            if plan.stop == "assigned" or plan.withdraw_at == "assigned":
                yield from self._maybe_withdraw(plan, case, t)
                return
            case, t = yield from self._areas_work(plan, case, t, respond_day)
            if plan.stops_in_progress:
                yield from self._maybe_withdraw(plan, case, t)
                return
        if plan.stop == "draft_ready" and not plan.decide_early:
            return
        if not decided:
            case, t = yield from self._decide(plan, case, t, respond_day, 0.8)
        if plan.stop == "draft_ready":
            return
        # --- authorisation and response
        if case.regime == SAR and not case.is_review:
            # The reasonable and proportionate search, recorded before any SAR is released.
            case = sar.case_search_record(case_id=case.pk, user=ig, rows=SAR_SEARCH_LINES)
        if plan.outcome in NO_DIRECTOR:
            t = self.at(t, respond_day)
            yield t
            case = services.case_release_without_director(case_id=case.pk, user=manager)
        else:
            t = self.between(t, respond_day, 0.3)
            yield t
            case = services.case_send_for_authorisation(case_id=case.pk, user=ig)
            director = self.director(case)
            if plan.return_once:
                t = self.between(t, respond_day, 0.3)
                yield t
                case = services.case_return_to_ig(
                    case_id=case.pk,
                    user=director,
                    comments="Please check that no junior officers' names are left in the "
                    "attachments and explain the figures in the covering letter.",
                )
                t = self.between(t, respond_day, 0.3)
                yield t
                services.case_decide(
                    case_id=case.pk,
                    user=self.users[_decider(case)],
                    outcome=case.outcome,
                    reasons=case.decision_reasons,
                    response_text=case.response_text + "\n\nThe figures are explained in the "
                    "notes on the first sheet of the attachment.",
                    monitoring_officer_consulted=case.monitoring_officer_consulted,
                )
                t = self.at(t, _day(t))
                yield t
                case = services.case_send_for_authorisation(case_id=case.pk, user=ig)
            if plan.stop == "awaiting_authorisation":
                return
            t = self.between(t, respond_day, 0.6)
            yield t
            # Every directorate whose area worked on the case approves the release.
            for approver in self.directors(case):
                case = services.case_authorise(
                    case_id=case.pk,
                    user=approver,
                    comments=rng.choice(["", "", "Fine to release."]),
                )
            if plan.stop == "authorised":
                return
            t = self.at(t, respond_day)
            yield t
            case = services.case_send_response(case_id=case.pk, user=ig)
        if plan.stop == "responded":
            return
        t = self.at(t, self.wd(_day(t), rng.randint(1, 12)))
        yield t
        case = services.case_close(case_id=case.pk, user=ig)
        if plan.reopen:
            t = self.at(t, self.wd(_day(t), rng.randint(1, 4)))
            yield t
            services.case_reopen(
                case_id=case.pk,
                user=manager,
                reason="The requester could not open the spreadsheet; it was sent again as CSV.",
            )
            t = self.at(t, _day(t))
            yield t
            services.case_close(case_id=case.pk, user=ig)
        if plan.review:
            yield from self._review(plan, case, t)

    def _maybe_withdraw(self, plan: Plan, case: Case, t: dt.datetime):
        if plan.stop != "withdrawn":
            return
        t = self.at(t, self.wd(_day(t), self.rng.randint(1, 8)))
        yield t
        services.case_withdraw(
            case_id=case.pk, user=self.users["ig.officer"], reason=self.rng.choice(WITHDRAWALS)
        )

    def _extended_due(self, case: Case) -> dt.date:
        if case.regime in Regime.data_protection():
            return case.statutory_due + dt.timedelta(days=61)
        return self.wd(case.statutory_due, 20)

    def _areas_work(self, plan: Plan, case: Case, t: dt.datetime, respond_day: dt.date):
        rng = self.rng
        topic = plan.topic
        areas = list(plan.areas)
        activities = ["determining", "locating", "retrieving", "extracting"]
        for area in areas:
            for _ in range(rng.choice([1, 1, 2])):
                t = self.between(t, respond_day, 0.2)
                yield t
                cost = plan.outcome == C
                case = services.case_record_time(
                    case_id=case.pk,
                    user=self.officer(area),
                    service_area_id=self.areas[area].pk,
                    activity=rng.choice(activities),
                    minutes=rng.randint(240, 600) if cost else rng.choice([15, 20, 30, 45, 60, 90]),
                    searches=SEARCHES[area]
                    + (
                        ". Sampled one month: the full request would take well over 18 hours."
                        if cost
                        else "."
                    ),
                )
        # exemptions: some proposed by the service area, the rest by IG at the decision
        codes = list(topic.exemptions) if plan.outcome in (P, R, N, A) else []
        if plan.outcome in (N, A):
            codes = [c for c in codes if c in ("s21", "12(4)(a)")]
        if plan.outcome in (P, R) or codes:
            for code in codes:
                exemption = self._exemption(topic.regime, code)
                by_area = rng.random() < 0.6
                t = self.between(t, respond_day, 0.2)
                yield t
                test = ""
                if exemption.qualified and (not by_area or rng.random() < 0.5):
                    test = self._pit(code, plan)
                case = services.case_propose_exemption(
                    case_id=case.pk,
                    user=self.officer(areas[0]) if by_area else self.users["ig.manager"],
                    exemption_id=exemption.pk,
                    public_interest_test=test,
                )
        if plan.extend:
            t = self.at(t, max(self.wd(case.statutory_due, -2), _day(t)))
            if _day(t) <= case.statutory_due:
                yield t
                reason = {
                    FOI: "We need more time to consider the public interest in the qualified "
                    "exemption that applies to part of the information (FOIA s10(3)).",
                    EIR: "The information is complex and voluminous (EIR reg 7(1)).",
                }.get(
                    case.regime,
                    "The request is complex: records are held in several systems and include "
                    "third-party information to be assessed (UK GDPR Art 12(3)).",
                )
                case = services.case_extend(
                    case_id=case.pk,
                    user=self.users["ig.manager"],
                    reason=reason,
                    notified_on=_day(t),
                )
        for number, area in enumerate(areas):
            if plan.stops_in_progress and number == len(areas) - 1:
                break  # the last area is still working on it
            t = self.between(t, respond_day, 0.45)
            yield t
            if area == plan.wrong_area:
                case = services.case_hand_back(
                    case_id=case.pk,
                    user=self.officer(area),
                    service_area_id=self.areas[area].pk,
                    reason="Not ours: this service holds nothing within the scope of the request.",
                )
                continue
            case = services.case_submit_draft(
                case_id=case.pk,
                user=self.officer(area),
                service_area_id=self.areas[area].pk,
                draft=self._response(plan)
                if number == 0
                else f"{area}: nothing further to add "
                "beyond the records attached to our search note.",
            )
        return case, t

    def _decide(self, plan: Plan, case: Case, t: dt.datetime, respond_day: dt.date, f: float):
        topic = plan.topic
        refusal = plan.outcome in (P, R, C, V)
        user = (
            self.users["ig.manager"]
            if refusal or self.rng.random() < 0.3
            else self.users["ig.officer"]
        )
        if "dataset" in plan.flags and plan.outcome in (G, P) and topic.regime in (FOI, EIR):
            t = self.between(t, respond_day, f * 0.9)
            yield t
            area = plan.areas[0] if plan.areas and not plan.skip_areas else ""
            case = documents.case_document_add(
                case_id=case.pk,
                user=self.officer(area) if area else self.users["ig.officer"],
                kind=Document.Kind.RELEASED,
                upload=self._dataset(plan),
                publish=True,
            )
        if (
            delivery.mentions_enclosures(self._response(plan)) or plan.return_once
        ) and not case.documents.filter(kind=Document.Kind.RELEASED).exists():
            case = _demo_files.add_released(self, plan, case)  # what the letter says is attached
        t = self.between(t, respond_day, f)
        yield t
        tests = {}
        for applied in case.exemptions.select_related("exemption"):
            if applied.exemption.qualified and not applied.public_interest_test:
                tests[applied.pk] = self._pit(applied.exemption.code, plan)
        codes = [a.exemption.code for a in case.exemptions.select_related("exemption")]
        reasons = " ".join(DECISION_REASONS.get(c, c) for c in codes)
        if plan.outcome == C:
            reasons = (
                "The estimate of the time needed to determine, locate, retrieve and extract the "
                "information exceeds the appropriate limit of 18 hours (£450), FOIA s12(1)."
            )
        elif plan.outcome == V:
            reasons = (
                "Fourteenth request on the same subject in six months, after the matter was "
                "answered and reviewed; the burden is disproportionate to any remaining value "
                "(FOIA s14(1), Dransfield)."
            )
        elif refusal and not reasons:
            reasons = topic.note or "The information is withheld for the reasons in the letter."
        case = services.case_decide(
            case_id=case.pk,
            user=user,
            outcome=plan.outcome,
            reasons=reasons if refusal or codes else "",
            response_text=self._response(plan),
            monitoring_officer_consulted=(
                "Consulted the Monitoring Officer by email; she agreed the request is vexatious."
                if plan.outcome == V
                else ""
            ),
            public_interest_tests=tests,
        )
        return case, t

    def _response(self, plan: Plan) -> str:
        topic, values = plan.topic, plan.values
        text = {
            G: topic.answer,
            P: topic.answer + " Some information is withheld; the exemptions and our reasons are "
            "set out below.",
            R: topic.note
            if topic.regime not in (FOI, EIR) and topic.note
            else "We hold the "
            "information you asked for but it is withheld. The exemptions that apply and our "
            "reasons are set out below.",
            N: topic.note
            or "We have searched the records where this information would be held and the "
            "council does not hold information within the scope of your request.",
            A: topic.note
            or "This information is already published on the council's website, so it is "
            "reasonably accessible to you by other means.",
            C: "We estimate that answering your request would take more than 18 hours, the "
            "appropriate limit of £450 at £25 an hour (FOIA s12). If you narrow it, for example "
            "to one year or one team, we will look at it again.",
            V: "We consider this request vexatious under FOIA s14(1) and will not answer it or "
            "further requests on the same subject. The reasons are set out below.",
        }[plan.outcome]
        return (text or "The information you asked for is enclosed.").format(**values)

    def _dataset(self, plan: Plan) -> ContentFile:
        """The released spreadsheet: open format, Open Government Licence."""
        rows = [f"Ward,{plan.title}"]
        rows += [f"{ward},{self.rng.randint(0, 90)}" for ward in WARDS]
        rows.append(f"Source: {settings.COUNCIL_NAME}. Open Government Licence v3.0.")
        upload = ContentFile("\n".join(rows).encode(), name=f"{slugify(plan.title)}.csv")
        upload.checked_content_type = "text/csv"
        return upload

    def _pit(self, code: str, plan: Plan) -> str:
        text = PUBLIC_INTEREST.get(
            code,
            "The public interest in disclosure was weighed against the harm disclosure would "
            "cause; on balance it favours withholding the information.",
        )
        return text.format(subject=plan.title[0].lower() + plan.title[1:])

    def _review(self, plan: Plan, original: Case, t: dt.datetime):
        rng = self.rng
        outcome, end, ico = plan.review
        ig = self.users["ig.officer"]
        if outcome is None:
            day = self.calendar.working_days_before(self.today, rng.randint(3, 8))
        else:
            day = self.wd(_day(t), rng.randint(5, 20))
        t = self.at(t, day)
        yield t
        review = services.case_open_review(
            case_id=original.pk,
            user=ig,
            received_at=t - dt.timedelta(hours=rng.randint(1, 40)),
            grounds=REVIEW_GROUNDS[original.outcome],
        )
        self.case_ids.append(review.pk)
        t = self.at(t, self.wd(_day(t), 1))
        yield t
        review = services.case_acknowledge(case_id=review.pk, user=ig)
        if end == "acknowledged":
            return
        area = original.assignments.active().first()
        if area is not None:
            t = self.at(t, self.wd(_day(t), 1))
            yield t
            review = services.case_assign(
                case_id=review.pk, user=ig, service_area_ids=[area.service_area_id]
            )
            if end == "assigned":
                return
            t = self.at(t, self.wd(_day(t), rng.randint(3, 8)))
            yield t
            services.case_submit_draft(
                case_id=review.pk,
                user=self.officer(area.service_area.name),
                service_area_id=area.service_area_id,
                draft="Searches repeated with the reviewer's search terms; nothing further found.",
            )
        decision_makers = {original.decided_by_id, original.authorised_by_id}
        reviewer = self.users["ig.manager"]
        if reviewer.pk in decision_makers:
            reviewer = self.users["ig.reviewer"]
        t = self.at(t, self.wd(_day(t), rng.randint(3, 8)))
        yield t
        if delivery.mentions_enclosures(REVIEW_RESPONSES[outcome]):
            review = _demo_files.add_released(self, plan, review)
        review = services.review_record_outcome(
            case_id=review.pk,
            user=reviewer,
            outcome=outcome,
            response_text=REVIEW_RESPONSES[outcome],
        )
        if end == "closed":
            t = self.at(t, self.wd(_day(t), rng.randint(1, 5)))
            yield t
            services.case_close(case_id=review.pk, user=ig)
        if ico:
            received = self.wd(_day(t), rng.randint(20, 35))
            t = self.at(t, received)
            yield t
            reference = f"IC-{rng.randint(300000, 399999)}-{rng.choice('BCDFGHJKLMNPQRSTVWXZ')}"
            reference += (
                f"{rng.randint(1, 9)}{rng.choice('BCDFGHJKLMNPQRSTVWXZ')}{rng.randint(1, 9)}"
            )
            services.ico_complaint_record(
                case_id=original.pk,
                user=self.users["ig.manager"],
                ico_reference=reference,
                received_on=_day(t),
                notes="The requester complained to the ICO after the internal review. The ICO "
                "asked for the withheld information and our submissions.",
            )
            received_on = _day(t)
            decision_day = self.wd(received_on, rng.randint(45, 70))
            if decision_day < self.last_day:
                t = self.at(t, decision_day)
                yield t
                services.ico_complaint_record(
                    case_id=original.pk,
                    user=self.users["ig.manager"],
                    ico_reference=reference,
                    received_on=received_on,
                    decision_notice=reference,
                    decision_on=_day(t),
                    compliance_due=_day(t) + dt.timedelta(days=35),
                    notes="Decision notice: the ICO found the exemption engaged but the public "
                    "interest favoured disclosing part of the information within 35 days.",
                )


def _day(moment: dt.datetime) -> dt.date:
    return moment.astimezone(LONDON).date()


def _decider(case: Case) -> str:
    return "ig.manager" if case.decided_by.role == Role.IG_MANAGER else "ig.officer"


def already_seeded() -> bool:
    return Case.objects.filter(requester__email__in=DEMO_EMAILS).exists()


def seed_cases() -> int:
    """Create the demo cases and return how many; 0 if they are already there.

    Needs `time_machine` (a test dependency) to play each step at its moment in the past."""
    if already_seeded():
        return 0
    weasyprint = logging.getLogger("weasyprint")
    level = weasyprint.level
    weasyprint.setLevel(max(level, logging.WARNING))  # ~800 progress lines in DEBUG otherwise
    try:
        return _seed()
    finally:
        weasyprint.setLevel(level)


def _seed() -> int:
    with transaction.atomic():
        seeder = _Seeder()
        created = seeder.run()
        letters = Correspondence.objects.filter(case_id__in=seeder.case_ids)
        # The demo's letters went out long ago: record their emails as sent so that the worker
        # does not send them (their PDFs are rendered below instead of by the outbox).
        OutgoingEmail.objects.filter(
            about_type=ContentType.objects.get_for_model(Correspondence),
            about_id__in=letters.values("pk"),
        ).update(state=OutgoingEmail.State.SENT, sent_at=F("created_at"), preparer="")
    with_pdf = [Correspondence.Kind.RESPONSE, Correspondence.Kind.REVIEW_RESPONSE]
    for letter_id in letters.filter(pdf="", kind__in=with_pdf).values_list("pk", flat=True):
        correspondence.pdf_ensure(letter_id=letter_id)
    return created
