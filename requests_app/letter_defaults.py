# ruff: noqa: E501 - a paragraph of a letter is one line: a line break would show in the letter.
"""The letter templates the council starts with: loaded into LetterTemplate by a migration (the
council then edits them in the admin), and used as they are when no row matches.

Keys are (kind, regime) with regime "" for every regime and "dp" for every data-protection
right. Bodies hold only what goes between the greeting and the sign-off (added by
requests_app.letter_templates) and use only its PLACEHOLDERS."""

HEAD = """Reference: {{ reference }}
Your request: {{ title }}"""

ICO = (
    "the Information Commissioner's Office (ICO), Wycliffe House, Water Lane, Wilmslow, "
    "Cheshire SK9 5AF, telephone 0303 123 1113, https://ico.org.uk/make-a-complaint/"
)

FOI_RIGHTS = f"""Your right to a review and to complain
If you are unhappy with how we have dealt with your request, you may ask us for an internal review within 40 working days of the date of this letter, by replying to this email or writing to us quoting {{{{ reference }}}}. If you are still unhappy after the review, you may complain to {ICO} (section 50 of the Freedom of Information Act 2000)."""

EIR_RIGHTS = f"""Your right to ask us to reconsider and to complain
If you think we have not complied with the Environmental Information Regulations 2004, you may ask us to reconsider (regulation 11) within 40 working days of the date of this letter, by replying to this email or writing to us quoting {{{{ reference }}}}. If you are still unhappy after that, you may complain to {ICO} (regulation 18)."""

DP_RIGHTS = f"""If you are unhappy
You may complain to us about how we have handled your request or your personal data: reply to this email, write to us quoting {{{{ reference }}}}, or use {{{{ complaint_url }}}}. We will acknowledge your complaint within 30 days and tell you the outcome (Data Protection Act 2018, section 164A). You also have the right to complain to {ICO}, and the right to apply to a court (Data Protection Act 2018, sections 167 and 168)."""

GENERIC_RIGHTS = f"""If you are unhappy with how we have dealt with your request, please reply to this email quoting {{{{ reference }}}}. You may also complain to {ICO}."""

DELIVERY = """{% if delivery.attached %}The documents we are releasing are attached ({{ delivery.attached|length }} document{{ delivery.attached|length|pluralize }}).{% endif %}
{% if delivery.linked %}{{ delivery.linked|length }} document{{ delivery.linked|length|pluralize }} {{ delivery.linked|length|pluralize:"is,are" }} too large to attach: download {{ delivery.linked|length|pluralize:"it,them" }} through the link in this email{% if delivery.link_expires %}, which works until {{ delivery.link_expires|date:"j F Y" }}{% endif %}.{% endif %}
{% if delivery.by_post %}The documents we are releasing are enclosed with this letter.{% endif %}"""

ARTICLE_15 = """About the personal data we hold (Article 15 UK GDPR)
- Why we use it (purposes): to provide the council services you have used and to carry out our legal duties, as described in our privacy notices.
- What kinds of personal data (categories): the categories are those shown in the copy, such as contact details, records of your dealings with the council and notes of services provided.
- Who we share it with (recipients): only the organisations named in the copy, and others where the law requires it. We do not send it outside the UK.
- How long we keep it (retention): for the periods in our retention schedule, which depend on the service.
- Where it came from (source): from you, and otherwise from the organisations or people named in the copy.
- Automated decisions: we do not make decisions about you by automated means alone, including profiling.
- Your other rights: you may ask us to correct your personal data (rectification), to delete it (erasure), to restrict how we use it, and you may object to our use of it."""

EXEMPTION_LIST = """{% for applied in exemptions %}
- {{ applied.citation }}: {{ applied.title }}{% if applied.qualified %}
  Public interest: {{ applied.public_interest|default:"we considered the public interest in disclosure and in withholding, and found that the public interest in withholding the information outweighs it." }}{% endif %}{% endfor %}"""

OGL = """{% if dataset %}
The dataset is released in an open format under the Open Government Licence v3.0: you may re-use it freely, acknowledging the source.{% endif %}"""


def _subject(label: str) -> str:
    return "{{ reference }}: " + label + " – {{ title }}"


DEFAULTS: dict[tuple[str, str], tuple[str, str]] = {
    # --- receipt (sent at once, never previewed: no officer has seen the request yet) --------
    ("receipt", ""): (
        _subject("we have received your request"),
        """Thank you for your request "{{ title }}", which we received on {{ received_on|date:"j F Y" }}.

Your reference is {{ reference }}. Please quote it whenever you contact us about this request.

We will acknowledge your request formally and tell you the date by which we will respond.""",
    ),
    # --- acknowledgement ----------------------------------------------------------------------
    ("acknowledgement", ""): (
        _subject("acknowledgement"),
        HEAD
        + """

We received your request on {{ received_on|date:"j F Y" }} and are handling it as a {{ regime }} request.{% if due_on %} We will respond by {{ due_on|date:"j F Y" }}.{% endif %}

If we need to clarify anything, or to confirm your identity, we will contact you.""",
    ),
    ("acknowledgement", "foi"): (
        _subject("acknowledgement"),
        HEAD
        + """

We received your request on {{ received_on|date:"j F Y" }} and are handling it under the Freedom of Information Act 2000.{% if due_on %} The Act gives us 20 working days to respond (section 10): we will respond by {{ due_on|date:"j F Y" }}.{% endif %}

If we need you to clarify your request we will contact you; we do not have to answer until we receive your clarification, and the 20 working days start again then (section 1(3)).""",
    ),
    ("acknowledgement", "eir"): (
        _subject("acknowledgement"),
        HEAD
        + """

We received your request on {{ received_on|date:"j F Y" }} and are handling it under the Environmental Information Regulations 2004.{% if due_on %} We must respond within 20 working days (regulation 5(2)): we will respond by {{ due_on|date:"j F Y" }}.{% endif %}

If the request is complex and voluminous we may extend this to 40 working days (regulation 7); we would tell you within the first 20. If we need more detail to find the information, we will ask you (regulation 9).""",
    ),
    ("acknowledgement", "dp"): (
        _subject("acknowledgement"),
        HEAD
        + """

We received your request on {{ received_on|date:"j F Y" }} and are handling it as a {{ regime|lower }} request under the UK GDPR and the Data Protection Act 2018.{% if due_on %} We must respond within one month (Article 12(3) UK GDPR): we will respond by {{ due_on|date:"j F Y" }}.{% endif %}

If the request is complex, or you have made several, we may extend this by up to two further months; if so we will tell you why within the first month. If we need to confirm your identity, or to ask you to clarify the information or processing your request concerns, the time limit waits until we hear from you.""",
    ),
    # --- clarification ------------------------------------------------------------------------
    ("clarification", ""): (
        _subject("we need you to clarify your request"),
        HEAD
        + """

To answer your request we need you to clarify the following:

{{ details }}

We will not be able to progress your request until we hear from you. If we do not hear from you within three months we will treat the request as closed.""",
    ),
    ("clarification", "foi"): (
        _subject("we need you to clarify your request"),
        HEAD
        + """

To identify and find the information you want, we need you to clarify the following:

{{ details }}

Under section 1(3) of the Freedom of Information Act 2000 we do not have to answer until we receive your clarification; the 20 working days start again when we do. We are happy to help you word it (section 16). If we do not hear from you within three months we will treat the request as closed.""",
    ),
    ("clarification", "eir"): (
        _subject("we need more detail about your request"),
        HEAD
        + """

Your request is too general for us to identify the information you want, so we are asking you for more detail (regulation 9(2) of the Environmental Information Regulations 2004):

{{ details }}

The 20 working days start again when we receive your reply (regulation 9(4)). We are happy to help you word it. If we do not hear from you within three months we will treat the request as closed.""",
    ),
    ("clarification", "dp"): (
        _subject("we need you to clarify your request"),
        HEAD
        + """

To find the personal data you asked for, we need you to clarify the information or processing your request concerns:

{{ details }}

The one-month time limit is paused until we receive your reply (UK GDPR, as amended by the Data (Use and Access) Act 2025). If we do not hear from you within three months we will treat the request as closed.""",
    ),
    # --- proof of identity (data-protection requests) ------------------------------------------
    ("id_request", ""): (
        _subject("we need to confirm your identity"),
        HEAD
        + """

To protect the personal information we hold, we need to confirm your identity (and, if you are acting for someone else, your authority to act for them) before we can answer your request (Article 12(6) UK GDPR). Please send us a copy of one document showing your name and one showing your current address.

The one-month time limit starts on the day we receive these.""",
    ),
    # --- extension ------------------------------------------------------------------------------
    ("extension", ""): (
        _subject("we need more time"),
        HEAD
        + """

We need more time to answer your request. The reason is:

{{ details }}

We will now respond by {{ due_on|date:"j F Y" }}.""",
    ),
    ("extension", "foi"): (
        _subject("we need more time to consider the public interest"),
        HEAD
        + """

We need more time to consider the public interest in disclosing the information you asked for (section 10(3) of the Freedom of Information Act 2000).{% if exemptions %} The exemptions we are considering are (section 17(2)):
{% for applied in exemptions %}- {{ applied.citation }}: {{ applied.title }}
{% endfor %}{% endif %}

{{ details }}

We expect to respond by {{ due_on|date:"j F Y" }}.""",
    ),
    ("extension", "eir"): (
        _subject("we need more time"),
        HEAD
        + """

Because your request is complex and voluminous, we are extending the time for our response from 20 to 40 working days (regulation 7(1) of the Environmental Information Regulations 2004). The reason is:

{{ details }}

We will respond by {{ due_on|date:"j F Y" }}.""",
    ),
    ("extension", "dp"): (
        _subject("we need more time"),
        HEAD
        + """

We are extending the time to respond to your request by up to two further months, as Article 12(3) UK GDPR allows for requests that are complex or numerous. The reason is:

{{ details }}

We will respond by {{ due_on|date:"j F Y" }}.

"""
        + DP_RIGHTS,
    ),
    # --- response: information given -----------------------------------------------------------
    ("response", ""): (
        _subject("our response"),
        HEAD
        + """
Outcome: {{ outcome }}

{{ answer }}

"""
        + DELIVERY
        + OGL
        + "\n\n"
        + GENERIC_RIGHTS,
    ),
    ("response", "foi"): (
        _subject("our response"),
        HEAD
        + """
Outcome: {{ outcome }}
{% if outcome_code == "accessible" %}
The information you asked for is already reasonably accessible to you, so we are not providing it again (section 21 of the Freedom of Information Act 2000). This is where to find it:{% endif %}

{{ answer }}

"""
        + DELIVERY
        + OGL
        + "\n\n"
        + FOI_RIGHTS,
    ),
    ("response", "eir"): (
        _subject("our response"),
        HEAD
        + """
Outcome: {{ outcome }}
{% if outcome_code == "accessible" %}
The information you asked for is already publicly available and easily accessible to you (regulation 6(1)(b) of the Environmental Information Regulations 2004). This is where to find it:{% endif %}

{{ answer }}

"""
        + DELIVERY
        + OGL
        + "\n\n"
        + EIR_RIGHTS,
    ),
    ("response", "sar"): (
        _subject("your personal data"),
        HEAD
        + """

You asked for a copy of the personal data we hold about you (the right of access, Article 15 UK GDPR). We confirm that we process personal data about you.

{{ answer }}

"""
        + DELIVERY
        + "\n\n"
        + ARTICLE_15
        + "\n\n"
        + DP_RIGHTS,
    ),
    ("response", "dp"): (
        _subject("our response"),
        HEAD
        + """
Outcome: {{ outcome }}

We have dealt with your {{ regime|lower }} request under the UK GDPR and the Data Protection Act 2018.

{{ answer }}

"""
        + DP_RIGHTS,
    ),
    # --- response: refusal notice --------------------------------------------------------------
    ("refusal", ""): (
        _subject("our response"),
        HEAD
        + """
Outcome: {{ outcome }}

{{ answer }}
{% if exemptions %}
We have withheld information under:"""
        + EXEMPTION_LIST
        + """{% endif %}
{% if reasons %}
Reasons: {{ reasons }}{% endif %}

"""
        + DELIVERY
        + "\n\n"
        + GENERIC_RIGHTS,
    ),
    ("refusal", "foi"): (
        _subject("refusal notice"),
        HEAD
        + """
Outcome: {{ outcome }}

{{ answer }}

{% if outcome_code == "cost_limit" %}This letter is a refusal notice under section 17(5) of the Freedom of Information Act 2000. We estimate that the cost of complying with your request would exceed the appropriate limit, so we are not obliged to comply with it (section 12).{% elif outcome_code == "vexatious" %}This letter is a refusal notice under section 17(5) of the Freedom of Information Act 2000. We have found your request to be vexatious, so we are not obliged to comply with it (section 14(1)).{% else %}This letter is a refusal notice under section 17 of the Freedom of Information Act 2000. We have withheld {% if outcome_code == "part" %}some of {% endif %}the information you asked for under the following exemptions:"""
        + EXEMPTION_LIST
        + """
{% if exemptions %}
For each qualified exemption we have weighed the public interest in maintaining it against the public interest in disclosure (section 2(2)(b)), with the outcome shown above.{% endif %}{% endif %}
{% if reasons %}
Why: {{ reasons }}{% endif %}

"""
        + DELIVERY
        + "\n\n"
        + FOI_RIGHTS,
    ),
    ("refusal", "eir"): (
        _subject("refusal notice"),
        HEAD
        + """
Outcome: {{ outcome }}

{{ answer }}

This letter is a refusal notice under regulation 14 of the Environmental Information Regulations 2004. {% if outcome_code == "cost_limit" or outcome_code == "vexatious" %}We consider your request manifestly unreasonable (regulation 12(4)(b)).{% else %}We have withheld {% if outcome_code == "part" %}some of {% endif %}the information you asked for under the following exceptions:{% endif %}"""
        + EXEMPTION_LIST
        + """

We applied a presumption in favour of disclosure (regulation 12(2)) and, for each exception, weighed the public interest in maintaining it against the public interest in disclosure (regulation 12(1)(b)), with the outcome shown above.
{% if reasons %}
Why: {{ reasons }}{% endif %}

"""
        + DELIVERY
        + "\n\n"
        + EIR_RIGHTS,
    ),
    ("refusal", "sar"): (
        _subject("your personal data"),
        HEAD
        + """
Outcome: {{ outcome }}

{{ answer }}

{% if outcome_code == "part" %}We have withheld some of your personal data{% else %}We are not providing the personal data you asked for{% endif %}{% if exemptions %}, under the following exemptions:"""
        + EXEMPTION_LIST
        + """{% else %}.{% endif %}
{% if reasons %}
Why: {{ reasons }}{% endif %}

"""
        + DELIVERY
        + """
{% if outcome_code == "part" %}
"""
        + ARTICLE_15
        + """{% endif %}

"""
        + DP_RIGHTS,
    ),
    ("refusal", "dp"): (
        _subject("our response"),
        HEAD
        + """
Outcome: {{ outcome }}

{{ answer }}

We are not able to do all you asked{% if exemptions %}, because of the following exemptions:"""
        + EXEMPTION_LIST
        + """{% else %}.{% endif %}
{% if reasons %}
Why: {{ reasons }}{% endif %}

"""
        + DP_RIGHTS,
    ),
    # --- response: information not held --------------------------------------------------------
    ("not_held", ""): (
        _subject("our response"),
        HEAD
        + """
Outcome: {{ outcome }}

We do not hold the information you asked for.

{{ answer }}

"""
        + GENERIC_RIGHTS,
    ),
    ("not_held", "foi"): (
        _subject("our response"),
        HEAD
        + """
Outcome: {{ outcome }}

We have searched for the information you asked for and do not hold it (section 1(1)(a) of the Freedom of Information Act 2000).

{{ answer }}

"""
        + FOI_RIGHTS,
    ),
    ("not_held", "eir"): (
        _subject("refusal notice: information not held"),
        HEAD
        + """
Outcome: {{ outcome }}

We have searched for the information you asked for and did not hold it when we received your request. This letter is a refusal notice under regulation 14 of the Environmental Information Regulations 2004, applying the exception in regulation 12(4)(a) (information not held).

{{ answer }}

"""
        + EIR_RIGHTS,
    ),
    ("not_held", "dp"): (
        _subject("our response"),
        HEAD
        + """
Outcome: {{ outcome }}

We have searched our records and hold no personal data about you of the kind your {{ regime|lower }} request concerns.

{{ answer }}

"""
        + DP_RIGHTS,
    ),
    # --- internal review ------------------------------------------------------------------------
    ("review_response", ""): (
        _subject("internal review"),
        """Reference: {{ reference }} (internal review of {{ review_of }})
Outcome of the review: {{ review_outcome }}

{{ answer }}

If you remain unhappy, you may complain to """
        + ICO
        + ".",
    ),
    ("review_response", "foi"): (
        _subject("internal review"),
        """Reference: {{ reference }} (internal review of {{ review_of }})
Outcome of the review: {{ review_outcome }}

We have reviewed how we dealt with your request under the Freedom of Information Act 2000.

{{ answer }}

"""
        + DELIVERY
        + """

If you remain unhappy, you may complain to """
        + ICO
        + " (section 50 of the Freedom of Information Act 2000).",
    ),
    ("review_response", "eir"): (
        _subject("reconsideration"),
        """Reference: {{ reference }} (reconsideration of {{ review_of }})
Outcome of the reconsideration: {{ review_outcome }}

We have reconsidered how we dealt with your request under regulation 11 of the Environmental Information Regulations 2004.

{{ answer }}

"""
        + DELIVERY
        + """

If you remain unhappy, you may complain to """
        + ICO
        + " (regulation 18 of the Environmental Information Regulations 2004).",
    ),
    ("review_response", "dp"): (
        _subject("your complaint about our response"),
        """Reference: {{ reference }} (about {{ review_of }})
Outcome: {{ review_outcome }}

We have looked again at how we handled your {{ regime|lower }} request, as a complaint about how we handled your personal data.

{{ answer }}

"""
        + DP_RIGHTS,
    ),
}
