"""Letters composed from the council's templates (LetterTemplate, edited in the admin).

A letter is: one greeting, the body (from the template, or as the officer edited it in the
preview), one sign-off, and the council's address block. Only the body and the subject come
from a template; the greeting, sign-off and address block are added here, so a letter can never
carry two of them (the officer's edited body is refused if it starts its own greeting or adds a
sign-off).

Templates are written in the Django template language but rendered by a sandboxed engine:
- The context holds only the plain values listed in PLACEHOLDERS (strings, dates, booleans,
  small lists of plain records), never a model instance, so a template cannot walk from the
  case to other cases, users or settings.
- The engine has no template loaders and only the tags and filters of
  requests_app.letter_syntax: no `{% load %}` (any installed tag library), no `{% include %}` /
  `{% extends %}` (other template files, which could expose internal pages), no `{% debug %}`.
- Every variable a template names must be a placeholder (or a name its own `for`/`with`
  binds): a misspelt placeholder is refused when the template is saved rather than silently
  printing nothing in a letter to a member of the public.
"""

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template import Context, Engine
from django.template.base import FilterExpression, Node, Variable
from django.template.defaulttags import ForNode, WithNode
from django.urls import reverse
from django.utils import timezone, translation

from requests_app import letter_terms_cy as cy
from requests_app.letter_defaults import DEFAULTS
from requests_app.letter_defaults_cy import DEFAULTS as DEFAULTS_CY
from requests_app.letter_models import LetterKind, LetterLanguage, LetterRegime, LetterTemplate
from requests_app.publication import GREETING, SIGN_OFF, answer_without_letter_wrapping

# The bundled defaults by language (a template's language is "en" or "cy").
BUNDLED = {LetterLanguage.ENGLISH: DEFAULTS, LetterLanguage.WELSH: DEFAULTS_CY}
# The locale each part is rendered in: the `date` filter writes its month names ("Rhagfyr").
LOCALES = {"en": "en-gb", "cy": "cy"}
WELSH_GREETING = re.compile(r"^\s*(annwyl|helo|shwmae|s'mae)\b.*$", re.IGNORECASE)
WELSH_SIGN_OFF = re.compile(
    r"^\s*(yn (gywir|ddiffuant|gywir iawn)|cofion( gorau| cynnes)?|gyda diolch)\b",
    re.IGNORECASE,
)


class LetterEngine(Engine):
    # Without Django's default built-ins (every standard tag and filter, with load, include
    # and extends): the engine knows only letter_syntax.
    default_builtins = ["requests_app.letter_syntax"]


ENGINE = LetterEngine(loaders=[], autoescape=False)  # plain text: "&" must stay "&"

# The fixed set of placeholders: name -> what it holds. Shown in the admin and the README.
PLACEHOLDERS = {
    "council_name": "The council's name (setting COUNCIL_NAME).",
    "council_address": "The council's postal address (setting COUNCIL_ADDRESS).",
    "ig_email": "The information governance email address replies go to.",
    "complaint_url": "The public page for complaining about how we handled personal data.",
    "today": 'Today\'s date (format with |date:"j F Y").',
    "reference": "The case reference, e.g. IG-2026-00042.",
    "title": "The request's short title.",
    "regime": "The regime in words, e.g. Freedom of Information.",
    "regime_code": "The regime's code: foi, eir, sar, rectification, erasure, restriction, "
    "objection, portability (or unclassified).",
    "requester_name": "The requester's name.",
    "received_on": "The date the request was received.",
    "due_on": "The date we must respond by (empty before the clock starts).",
    "extended": "True when the time limit has been extended.",
    "details": "What the officer wrote for this letter: the clarification question or the "
    "reason for an extension.",
    "outcome": "The decision in words, e.g. Granted in part.",
    "outcome_code": "The decision's code: granted, part, refused, not_held, accessible, "
    "cost_limit, vexatious.",
    "answer": "The response text recorded with the decision (without any greeting or "
    "sign-off typed into it).",
    "reasons": "The reasons recorded for withholding information.",
    "exemptions": "The exemptions, exceptions or regulations applied: a list; each has "
    ".citation (e.g. FOIA s40(2)), .title, .qualified (true/false) and .public_interest "
    "(the public-interest test recorded for it).",
    "dataset": "True when the request is for a dataset (released under the Open Government "
    "Licence).",
    "review_of": "For an internal review: the reference of the original request.",
    "review_outcome": "For an internal review: the outcome in words.",
    "delivery": "How released documents reach the requester (for responses): .attached "
    "(names of the documents attached, or printed with a posted letter), .linked (names of "
    "those behind the download link), .link_expires (the date the link stops working), "
    ".separately (names enclosed separately with a posted letter) and .by_post (true for "
    "post). The list of documents and the link itself are added below the body for you.",
}


@dataclass(frozen=True)
class ExemptionApplied:
    citation: str
    title: str
    qualified: bool
    public_interest: str


@dataclass(frozen=True)
class SampleDelivery:
    """Stands in for the delivery placeholder when a template is checked."""

    attached: list = field(default_factory=lambda: ["report.pdf"])
    linked: list = field(default_factory=lambda: ["survey.xlsx"])
    link_expires: dt.date | None = dt.date(2026, 3, 2)
    separately: list = field(default_factory=list)
    by_post: bool = False


def citation(law: str, code: str) -> str:
    if law == "eir":
        return f"EIR regulation {code}"
    if law == "dpa":
        return f"DPA 2018 {code.replace('Sch', 'Schedule ').replace(' p', ', paragraph ')}"
    return f"FOIA {code}"


def exemptions_of(case) -> list[ExemptionApplied]:
    if not case.pk:
        return []
    return [
        ExemptionApplied(
            citation=citation(a.exemption.law, a.exemption.code),
            title=a.exemption.title,
            qualified=a.exemption.qualified,
            public_interest=a.public_interest_test,
        )
        for a in case.exemptions.select_related("exemption").order_by("id")
    ]


def _complaint_url() -> str:
    return settings.SITE_URL + reverse("public:complaint")


def _council() -> dict:
    return {
        "council_name": settings.COUNCIL_NAME,
        "council_address": settings.COUNCIL_ADDRESS,
        "ig_email": settings.IG_MAILBOX_ADDRESS or settings.DEFAULT_FROM_EMAIL,
        "complaint_url": _complaint_url(),
        "today": timezone.localdate(),
    }


def case_placeholders(case) -> dict:
    """Every placeholder but `details` and `delivery`, from the case as it stands (or as it
    will stand: the preview passes an unsaved copy with the form's values applied)."""
    original = case.review_of if case.review_of_id else None
    return {
        **_council(),
        "reference": case.reference,
        "title": case.title,
        "regime": case.get_regime_display(),
        "regime_code": case.regime,
        "requester_name": case.requester.name,
        "received_on": timezone.localdate(case.received_at),
        "due_on": case.statutory_due,
        "extended": case.extended,
        "outcome": case.get_outcome_display() if case.outcome else "",
        "outcome_code": case.outcome,
        "answer": answer_without_letter_wrapping(case.response_text),
        "reasons": case.decision_reasons,
        "exemptions": exemptions_of(case),
        "dataset": case.dataset,
        "review_of": original.reference if original else "",
        "review_outcome": case.get_review_outcome_display() if case.review_outcome else "",
    }


def welsh_placeholders(case) -> dict:
    """The placeholders whose words differ in a Welsh letter (requests_app.letter_terms_cy);
    names, references, the officer's text and the council's own values stay as they are."""
    exemptions = []
    if case.pk:
        exemptions = [
            ExemptionApplied(
                citation=cy.citation(a.exemption.law, a.exemption.code),
                title=a.exemption.title,
                qualified=a.exemption.qualified,
                public_interest=a.public_interest_test,
            )
            for a in case.exemptions.select_related("exemption").order_by("id")
        ]
    return {
        "regime": cy.REGIMES.get(case.regime, case.get_regime_display()),
        "outcome": cy.OUTCOMES.get(case.outcome, case.get_outcome_display()),
        "review_outcome": cy.REVIEW_OUTCOMES.get(case.review_outcome, ""),
        "exemptions": exemptions,
    }


def sample_placeholders(regime_code: str = "foi", outcome_code: str = "part") -> dict:
    """Made-up values for checking a template renders."""
    return {
        **_council(),
        "reference": "IG-2026-00001",
        "title": "Sample request",
        "regime": regime_code.upper(),
        "regime_code": regime_code,
        "requester_name": "Sam Sample",
        "received_on": dt.date(2026, 1, 5),
        "due_on": dt.date(2026, 2, 2),
        "extended": True,
        "details": "Which years do you mean?",
        "outcome": outcome_code,
        "outcome_code": outcome_code,
        "answer": "The information is below.",
        "reasons": "Disclosure would prejudice the council's commercial interests.",
        "exemptions": [
            ExemptionApplied("FOIA s43", "Commercial interests", True, "Balance favours it."),
            ExemptionApplied("FOIA s40(2)", "Third-party personal data", False, ""),
        ],
        "dataset": True,
        "review_of": "IG-2025-00999",
        "review_outcome": "Original decision upheld",
        "delivery": SampleDelivery(),
    }


# --- checking a template ----------------------------------------------------------------------


def _expressions(value) -> Iterable[FilterExpression]:
    """Every FilterExpression a node holds, wherever the tag keeps it (an `if` keeps them in a
    tree of operators, a `with` in a dict, a `for` in .sequence)."""
    if isinstance(value, FilterExpression):
        yield value
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _expressions(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _expressions(item)
    elif isinstance(value, Node):
        return
    elif isinstance(getattr(value, "value", None), FilterExpression):  # an `if` operand
        yield value.value
    elif hasattr(value, "first") and hasattr(value, "second"):  # an `if` operator
        yield from _expressions(value.first)
        yield from _expressions(value.second)


def _nodes(nodelist) -> Iterable[Node]:
    for node in nodelist:
        yield node
        for name in node.child_nodelists:
            yield from _nodes(getattr(node, name, None) or [])
        for _condition, branch in getattr(node, "conditions_nodelists", []):
            yield from _nodes(branch)


def _names_used(template) -> tuple[set[str], set[str]]:
    """(root names the template reads, names its own for/with bind)."""
    used, bound = set(), {"forloop"}
    for node in _nodes(template.nodelist):
        if isinstance(node, ForNode):
            bound.update(node.loopvars)
        if isinstance(node, WithNode):
            bound.update(node.extra_context)
        for value in vars(node).values():
            for expression in _expressions(value):
                variables = [expression.var] + [
                    arg for _filter, args in expression.filters for lookup, arg in args if lookup
                ]
                for variable in variables:
                    if isinstance(variable, Variable) and variable.lookups:
                        used.add(variable.lookups[0])
    return used, bound


def check(text: str, what: str = "body") -> None:
    """Raise ValidationError saying what is wrong, or return when the template compiles, names
    only placeholders and renders for every regime and outcome."""
    try:
        template = ENGINE.from_string(text)
    except Exception as error:  # TemplateSyntaxError and the errors a tag's parser raises
        raise ValidationError(f"The {what} cannot be read: {error}") from error
    used, bound = _names_used(template)
    unknown = sorted(used - bound - set(PLACEHOLDERS))
    if unknown:
        raise ValidationError(
            f"The {what} uses {', '.join(unknown)}, which "
            f"{'is not a placeholder' if len(unknown) == 1 else 'are not placeholders'}. "
            f"The placeholders are: {', '.join(PLACEHOLDERS)}."
        )
    for regime in ("foi", "eir", "sar"):
        for outcome in ("granted", "part", "not_held"):
            try:
                template.render(Context(sample_placeholders(regime, outcome), autoescape=False))
            except Exception as error:
                raise ValidationError(f"The {what} fails when it is used: {error}") from error


# --- composing a letter -----------------------------------------------------------------------

RESPONSE_KINDS = {
    "not_held": LetterKind.NOT_HELD,
    "part": LetterKind.REFUSAL,
    "refused": LetterKind.REFUSAL,
    "cost_limit": LetterKind.REFUSAL,
    "vexatious": LetterKind.REFUSAL,
}


def template_kind(correspondence_kind: str, case) -> str:
    """The template for a letter: a response is the response, refusal or not-held letter."""
    if correspondence_kind == "response":
        return RESPONSE_KINDS.get(case.outcome, LetterKind.RESPONSE)
    return correspondence_kind


def _regimes_to_try(regime: str) -> list[str]:
    data_protection = {"sar", "rectification", "erasure", "restriction", "objection"}
    data_protection.add("portability")
    if regime == "sar":
        return ["sar", "dp", ""]
    if regime in data_protection:
        return ["dp", ""]
    if regime in (LetterRegime.FOI, LetterRegime.EIR):
        return [regime, ""]
    return [""]


def find(kind: str, regime: str, language: str = "en") -> tuple[str, str]:
    """(subject, body) of the most specific template for the kind, regime and language. The
    bundled default stands in when the council has deleted every row that would match."""
    order = _regimes_to_try(regime)
    rows = {
        row.regime: (row.subject, row.body)
        for row in LetterTemplate.objects.filter(kind=kind, regime__in=order, language=language)
    }
    for candidate in order:
        if candidate in rows:
            return rows[candidate]
    bundled = BUNDLED[language]
    for candidate in order:
        if (kind, candidate) in bundled:
            return bundled[(kind, candidate)]
    raise LookupError(f"No letter template for {kind}")


def render(text: str, context: dict) -> str:
    return ENGINE.from_string(text).render(Context(context, autoescape=False))


def tidy(text: str) -> str:
    """Template tags leave blank runs behind: at most one empty line between paragraphs."""
    lines, blank = [], 0
    for line in text.replace("\r\n", "\n").splitlines():
        line = line.rstrip()
        blank = blank + 1 if not line else 0
        if blank <= 1:
            lines.append(line)
    return "\n".join(lines).strip()


def compose(kind: str, case, context: dict, language: str = "en") -> tuple[str, str]:
    """(subject, body) for the letter of `kind` (a Correspondence kind) about `case`, in
    `language` ("en", "cy", or "both": the Welsh, the DIVIDER line, then the English)."""
    subjects, bodies = [], []
    for part in parts(language):
        values = context if part == "en" else {**context, **welsh_placeholders(case)}
        subject, body = find(template_kind(kind, case), case.regime, part)
        # Rendered in the part's own locale, whatever language the page that caused the
        # letter was shown in: an English letter keeps English dates under the Welsh interface.
        with translation.override(LOCALES[part]):
            subjects.append(" ".join(render(subject, values).split()))
            bodies.append(tidy(render(body, values)))
    return " / ".join(subjects), f"\n\n{cy.DIVIDER}\n\n".join(bodies)


# --- the language of a letter ---------------------------------------------------------------


def language_of(case) -> str:
    """The language the case's letters are written in: the requester's choice, while the
    council works under the Welsh Language Standards; English otherwise."""
    if not settings.WELSH_LANGUAGE_STANDARDS:
        return "en"
    return case.requester.language or "en"


def parts(language: str) -> list[str]:
    """The languages of a letter's parts, in order: a bilingual letter puts the Welsh first."""
    return ["cy", "en"] if language == "both" else [language if language == "cy" else "en"]


def split(body: str, language: str) -> dict[str, str]:
    """A body (or a letter) cut into its parts: {"cy": ..., "en": ...} for a bilingual one.
    Raises ValueError when a bilingual body has not exactly one DIVIDER line."""
    if language != "both":
        return {parts(language)[0]: body}
    lines = body.replace("\r\n", "\n").split("\n")
    at = [i for i, line in enumerate(lines) if line.strip() == cy.DIVIDER]
    if len(at) != 1:
        raise ValueError("divider")
    return {"cy": "\n".join(lines[: at[0]]).strip(), "en": "\n".join(lines[at[0] + 1 :]).strip()}


# --- the frame: one greeting, one sign-off, one address block ------------------------------------


def greeting(name: str, language: str = "en") -> str:
    if language == "cy":
        return cy.GREETING.format(name=name.strip()) if name.strip() else cy.GREETING_NO_NAME
    return f"Dear {name.strip()}," if name and name.strip() else "Dear Sir or Madam,"


def sign_off(language: str = "en") -> str:
    if language == "cy":
        return f"{cy.SIGN_OFF}\n\n{cy.TEAM}\n{settings.COUNCIL_NAME}"
    return f"Yours sincerely,\n\nInformation Governance\n{settings.COUNCIL_NAME}"


def welcome(part: str, language: str) -> str:
    """That correspondence in Welsh is welcome: in every letter while the council works under
    the Welsh Language Standards, in the letter's language (an English letter says it in
    Welsh and in English)."""
    if not settings.WELSH_LANGUAGE_STANDARDS:
        return ""
    if part == "cy":
        return cy.WELCOME
    return cy.WELCOME_EN if language == "both" else f"{cy.WELCOME}\n{cy.WELCOME_EN}"


def address_block() -> list[str]:
    """The council's address as lines (the setting separates them with commas)."""
    lines = [part.strip() for part in settings.COUNCIL_ADDRESS.split(",") if part.strip()]
    return [*lines, settings.IG_MAILBOX_ADDRESS or settings.DEFAULT_FROM_EMAIL]


def letter_text(name: str, body: str, *, enclosures: str | dict = "", language: str = "en") -> str:
    """The letter as stored and printed: greeting, body, what is enclosed, that Welsh is
    welcome, sign-off; a bilingual letter has them twice, the Welsh part first. (The PDF's
    letterhead carries the address block; the email adds it under the sign-off.)
    `enclosures`: the block by language ({"en": ..., "cy": ...}), or one text for every part."""
    try:
        bodies = split(body, language)
    except ValueError:  # refused before it is stored (wrapping_problem); shown as written
        bodies = {"cy": body, "en": ""}
    texts = []
    for part in parts(language):
        enclosed = enclosures.get(part, "") if isinstance(enclosures, dict) else enclosures
        pieces = [
            greeting(name, part),
            bodies.get(part, "").strip(),
            enclosed.strip(),
            welcome(part, language),
            sign_off(part),
        ]
        texts.append("\n\n".join(piece for piece in pieces if piece))
    return f"\n\n{cy.DIVIDER}\n\n".join(texts)


def email_text(letter_body: str) -> str:
    return letter_body.rstrip() + "\n" + "\n".join(address_block())


def wrapping_problem(body: str, language: str = "en") -> str | None:
    """Why an edited body cannot be sent, or None: the frame adds the greeting and sign-off
    (in English and in Welsh), and a bilingual body keeps the line between its two parts."""
    if not body.strip():
        return None
    try:
        bodies = split(body, language)
    except ValueError:
        return (
            f"Keep the line “{cy.DIVIDER}” once, between the Welsh letter (above it) and the "
            "English letter (below it)."
        )
    for part, text in bodies.items():
        if not text.strip():
            which = "Welsh" if part == "cy" else "English"
            return f"Write the {which} part of the letter: it is empty."
        lines = [line for line in text.splitlines() if line.strip()]
        if lines and (GREETING.match(lines[0]) or WELSH_GREETING.match(lines[0])):
            return "Remove the greeting: “Dear …” / “Annwyl …” is added above the letter for you."
        if any(SIGN_OFF.match(line) or WELSH_SIGN_OFF.match(line) for line in lines):
            return (
                "Remove the sign-off: “Yours sincerely” / “Yn gywir” and the council's details "
                "are added below."
            )
    return None
