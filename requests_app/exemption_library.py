"""The exemptions library loaded by migration: (law, code, title, qualified).

Qualified exemptions and every EIR exception need a recorded public-interest test before they
can be relied on; absolute ones do not. DPA exemptions have no public-interest test but their
use is still recorded with reasons on the case."""

LIBRARY = [
    ("foi", "s21", "Information accessible by other means", False),
    ("foi", "s22", "Information intended for future publication", True),
    ("foi", "s22A", "Research information", True),
    ("foi", "s23", "Information supplied by or relating to security bodies", False),
    ("foi", "s24", "National security", True),
    ("foi", "s26", "Defence", True),
    ("foi", "s27", "International relations", True),
    ("foi", "s28", "Relations within the United Kingdom", True),
    ("foi", "s29", "The economy", True),
    ("foi", "s30", "Investigations and proceedings", True),
    ("foi", "s31", "Law enforcement", True),
    ("foi", "s32", "Court records", False),
    ("foi", "s33", "Audit functions", True),
    ("foi", "s35", "Formulation of government policy", True),
    ("foi", "s36", "Prejudice to effective conduct of public affairs", True),
    ("foi", "s37", "Communications with His Majesty and honours", True),
    ("foi", "s38", "Health and safety", True),
    ("foi", "s39", "Environmental information (handled under the EIR)", True),
    ("foi", "s40(1)", "Personal information of the requester", False),
    ("foi", "s40(2)", "Personal information of third parties", False),
    ("foi", "s41", "Information provided in confidence", False),
    ("foi", "s42", "Legal professional privilege", True),
    ("foi", "s43", "Commercial interests", True),
    ("foi", "s44", "Prohibitions on disclosure", False),
    ("eir", "12(4)(a)", "Information not held", True),
    ("eir", "12(4)(b)", "Manifestly unreasonable request", True),
    ("eir", "12(4)(c)", "Request formulated in too general a manner", True),
    ("eir", "12(4)(d)", "Material in the course of completion / unfinished documents", True),
    ("eir", "12(4)(e)", "Internal communications", True),
    ("eir", "12(5)(a)", "International relations, defence, national security, public safety", True),
    ("eir", "12(5)(b)", "Course of justice and inquiries", True),
    ("eir", "12(5)(c)", "Intellectual property rights", True),
    ("eir", "12(5)(d)", "Confidentiality of proceedings", True),
    ("eir", "12(5)(e)", "Confidentiality of commercial or industrial information", True),
    ("eir", "12(5)(f)", "Interests of the person who provided the information", True),
    ("eir", "12(5)(g)", "Protection of the environment", True),
    ("eir", "13", "Personal data of third parties", False),
    ("dpa", "Sch2 p2", "Crime and taxation", False),
    ("dpa", "Sch2 p5", "Legal proceedings and legal advice", False),
    ("dpa", "Sch2 p16", "Protection of the rights of others (third-party data)", False),
    ("dpa", "Sch2 p19", "Legal professional privilege", False),
    ("dpa", "Sch3", "Health, social work and education data (serious harm test)", False),
]


def load(exemption_model) -> None:
    """Create or update the library rows (used by the migration and after a test flush)."""
    for law, code, title, qualified in LIBRARY:
        exemption_model.objects.update_or_create(
            law=law, code=code, defaults={"title": title, "qualified": qualified}
        )
