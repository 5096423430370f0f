# ruff: noqa: E501 - a paragraph of a letter is one line: a line break would show in the letter.
"""The Welsh letter templates the council starts with: one for every (kind, regime) of
requests_app.letter_defaults, loaded into LetterTemplate with language "cy" by a migration and
used as they are when no Welsh row matches.

They say what the English ones say, in the terms of requests_app.letter_terms_cy (listed for the
translator in locale/cy/LETTER-TERMS.md). Welsh nouns stay singular after a number ("3 dogfen"),
so these templates need no `pluralize`. The placeholders are the same; in a Welsh letter
`regime`, `outcome`, `review_outcome` and the exemptions' citations are in Welsh and dates
are written with Welsh month names."""

HEAD = """Cyfeirnod: {{ reference }}
Eich cais: {{ title }}"""

ICO = (
    "Swyddfa'r Comisiynydd Gwybodaeth (ICO), Wycliffe House, Water Lane, Wilmslow, "
    "Cheshire SK9 5AF, rhif ffôn 0303 123 1113, https://ico.org.uk/make-a-complaint/"
)

FOI_RIGHTS = f"""Eich hawl i gael adolygiad ac i gwyno
Os ydych yn anfodlon â'r ffordd yr ydym wedi ymdrin â'ch cais, gallwch ofyn i ni gynnal adolygiad mewnol o fewn 40 diwrnod gwaith i ddyddiad y llythyr hwn, drwy ateb yr e-bost hwn neu ysgrifennu atom gan ddyfynnu {{{{ reference }}}}. Os ydych yn dal yn anfodlon ar ôl yr adolygiad, gallwch gwyno i {ICO} (adran 50 o Ddeddf Rhyddid Gwybodaeth 2000)."""

EIR_RIGHTS = f"""Eich hawl i ofyn i ni ailystyried ac i gwyno
Os ydych o'r farn nad ydym wedi cydymffurfio â Rheoliadau Gwybodaeth Amgylcheddol 2004, gallwch ofyn i ni ailystyried (rheoliad 11) o fewn 40 diwrnod gwaith i ddyddiad y llythyr hwn, drwy ateb yr e-bost hwn neu ysgrifennu atom gan ddyfynnu {{{{ reference }}}}. Os ydych yn dal yn anfodlon ar ôl hynny, gallwch gwyno i {ICO} (rheoliad 18)."""

DP_RIGHTS = f"""Os ydych yn anfodlon
Gallwch gwyno i ni am y ffordd yr ydym wedi ymdrin â'ch cais neu â'ch data personol: atebwch yr e-bost hwn, ysgrifennwch atom gan ddyfynnu {{{{ reference }}}}, neu defnyddiwch {{{{ complaint_url }}}}. Byddwn yn cydnabod eich cwyn o fewn 30 diwrnod ac yn rhoi gwybod i chi beth yw'r canlyniad (Deddf Diogelu Data 2018, adran 164A). Mae gennych hefyd hawl i gwyno i {ICO}, a hawl i wneud cais i lys (Deddf Diogelu Data 2018, adrannau 167 a 168)."""

GENERIC_RIGHTS = f"""Os ydych yn anfodlon â'r ffordd yr ydym wedi ymdrin â'ch cais, atebwch yr e-bost hwn gan ddyfynnu {{{{ reference }}}}. Gallwch hefyd gwyno i {ICO}."""

DELIVERY = """{% if delivery.attached %}Mae'r dogfennau yr ydym yn eu rhyddhau ynghlwm ({{ delivery.attached|length }} dogfen).{% endif %}
{% if delivery.linked %}Mae {{ delivery.linked|length }} dogfen yn rhy fawr i'w hatodi: gallwch eu llwytho i lawr drwy'r ddolen yn yr e-bost hwn{% if delivery.link_expires %}, a fydd yn gweithio tan {{ delivery.link_expires|date:"j F Y" }}{% endif %}.{% endif %}
{% if delivery.by_post %}Mae'r dogfennau yr ydym yn eu rhyddhau wedi'u hamgáu gyda'r llythyr hwn.{% endif %}"""

ARTICLE_15 = """Ynghylch y data personol sydd gennym (Erthygl 15 GDPR y DU)
- Pam yr ydym yn ei ddefnyddio (dibenion): i ddarparu'r gwasanaethau cyngor yr ydych wedi'u defnyddio ac i gyflawni ein dyletswyddau cyfreithiol, fel y disgrifir yn ein hysbysiadau preifatrwydd.
- Pa fathau o ddata personol (categorïau): y categorïau a ddangosir yn y copi, megis manylion cyswllt, cofnodion o'ch ymwneud â'r cyngor a nodiadau am wasanaethau a ddarparwyd.
- Gyda phwy yr ydym yn ei rannu (derbynwyr): dim ond y sefydliadau a enwir yn y copi, ac eraill lle mae'r gyfraith yn gofyn hynny. Nid ydym yn ei anfon y tu allan i'r DU.
- Am ba hyd yr ydym yn ei gadw (cyfnod cadw): am y cyfnodau yn ein hamserlen cadw, sy'n dibynnu ar y gwasanaeth.
- O ble y daeth (ffynhonnell): gennych chi, ac fel arall gan y sefydliadau neu'r bobl a enwir yn y copi.
- Penderfyniadau awtomataidd: nid ydym yn gwneud penderfyniadau amdanoch drwy ddulliau awtomataidd yn unig, gan gynnwys proffilio.
- Eich hawliau eraill: gallwch ofyn i ni gywiro eich data personol (cywiro), ei ddileu (dileu) a chyfyngu ar y ffordd yr ydym yn ei ddefnyddio, a gallwch wrthwynebu ein defnydd ohono."""

EXEMPTION_LIST = """{% for applied in exemptions %}
- {{ applied.citation }}: {{ applied.title }}{% if applied.qualified %}
  Budd y cyhoedd: {{ applied.public_interest|default:"rydym wedi ystyried budd y cyhoedd o ran datgelu'r wybodaeth ac o ran ei chadw'n ôl, ac wedi canfod bod budd y cyhoedd o ran ei chadw'n ôl yn drech." }}{% endif %}{% endfor %}"""

OGL = """{% if dataset %}
Mae'r set ddata yn cael ei rhyddhau mewn fformat agored o dan y Drwydded Llywodraeth Agored v3.0: gallwch ei hailddefnyddio'n rhydd, gan gydnabod y ffynhonnell.{% endif %}"""


def _subject(label: str) -> str:
    return "{{ reference }}: " + label + " – {{ title }}"


DEFAULTS: dict[tuple[str, str], tuple[str, str]] = {
    # --- derbynneb (receipt) -------------------------------------------------------------------
    ("receipt", ""): (
        _subject("rydym wedi cael eich cais"),
        """Diolch am eich cais "{{ title }}", a ddaeth i law ar {{ received_on|date:"j F Y" }}.

Eich cyfeirnod yw {{ reference }}. Dyfynnwch y cyfeirnod hwn bob tro y byddwch yn cysylltu â ni am y cais hwn.

Byddwn yn cydnabod eich cais yn ffurfiol ac yn rhoi gwybod i chi erbyn pa ddyddiad y byddwn yn ymateb.""",
    ),
    # --- cydnabyddiaeth (acknowledgement) -----------------------------------------------------
    ("acknowledgement", ""): (
        _subject("cydnabod eich cais"),
        HEAD
        + """

Daeth eich cais i law ar {{ received_on|date:"j F Y" }} ac rydym yn ymdrin ag ef o dan y drefn hon: {{ regime }}.{% if due_on %} Byddwn yn ymateb erbyn {{ due_on|date:"j F Y" }}.{% endif %}

Os bydd angen i ni egluro unrhyw beth, neu gadarnhau pwy ydych chi, byddwn yn cysylltu â chi.""",
    ),
    ("acknowledgement", "foi"): (
        _subject("cydnabod eich cais"),
        HEAD
        + """

Daeth eich cais i law ar {{ received_on|date:"j F Y" }} ac rydym yn ymdrin ag ef o dan Ddeddf Rhyddid Gwybodaeth 2000.{% if due_on %} Mae'r Ddeddf yn rhoi 20 diwrnod gwaith i ni ymateb (adran 10): byddwn yn ymateb erbyn {{ due_on|date:"j F Y" }}.{% endif %}

Os bydd angen i chi egluro eich cais, byddwn yn cysylltu â chi; nid oes rhaid i ni ateb nes i ni gael eich eglurhad, ac mae'r 20 diwrnod gwaith yn dechrau eto bryd hynny (adran 1(3)).""",
    ),
    ("acknowledgement", "eir"): (
        _subject("cydnabod eich cais"),
        HEAD
        + """

Daeth eich cais i law ar {{ received_on|date:"j F Y" }} ac rydym yn ymdrin ag ef o dan Reoliadau Gwybodaeth Amgylcheddol 2004.{% if due_on %} Rhaid i ni ymateb o fewn 20 diwrnod gwaith (rheoliad 5(2)): byddwn yn ymateb erbyn {{ due_on|date:"j F Y" }}.{% endif %}

Os yw'r cais yn gymhleth ac yn swmpus, gallwn ymestyn y cyfnod hwn i 40 diwrnod gwaith (rheoliad 7); byddem yn rhoi gwybod i chi o fewn yr 20 diwrnod cyntaf. Os bydd angen rhagor o fanylion arnom i ddod o hyd i'r wybodaeth, byddwn yn gofyn i chi (rheoliad 9).""",
    ),
    ("acknowledgement", "dp"): (
        _subject("cydnabod eich cais"),
        HEAD
        + """

Daeth eich cais i law ar {{ received_on|date:"j F Y" }} ac rydym yn ymdrin ag ef ({{ regime }}) o dan GDPR y DU a Deddf Diogelu Data 2018.{% if due_on %} Rhaid i ni ymateb o fewn mis (Erthygl 12(3) GDPR y DU): byddwn yn ymateb erbyn {{ due_on|date:"j F Y" }}.{% endif %}

Os yw'r cais yn gymhleth, neu os ydych wedi gwneud sawl cais, gallwn ymestyn y cyfnod hwn hyd at ddau fis arall; os felly, byddwn yn rhoi gwybod i chi pam o fewn y mis cyntaf. Os bydd angen i ni gadarnhau pwy ydych chi, neu ofyn i chi egluro'r wybodaeth neu'r prosesu y mae eich cais yn ymwneud ag ef, bydd y terfyn amser yn aros nes i ni glywed gennych.""",
    ),
    # --- cais am eglurhad (clarification) -----------------------------------------------------
    ("clarification", ""): (
        _subject("mae angen i chi egluro eich cais"),
        HEAD
        + """

Er mwyn ateb eich cais, mae angen i chi egluro'r canlynol:

{{ details }}

Ni fyddwn yn gallu bwrw ymlaen â'ch cais nes i ni glywed gennych. Os na fyddwn yn clywed gennych o fewn tri mis, byddwn yn ystyried bod y cais wedi'i gau.""",
    ),
    ("clarification", "foi"): (
        _subject("mae angen i chi egluro eich cais"),
        HEAD
        + """

Er mwyn nodi a dod o hyd i'r wybodaeth yr ydych ei heisiau, mae angen i chi egluro'r canlynol:

{{ details }}

O dan adran 1(3) o Ddeddf Rhyddid Gwybodaeth 2000, nid oes rhaid i ni ateb nes i ni gael eich eglurhad; mae'r 20 diwrnod gwaith yn dechrau eto pan fyddwn yn ei gael. Rydym yn hapus i'ch helpu i'w eirio (adran 16). Os na fyddwn yn clywed gennych o fewn tri mis, byddwn yn ystyried bod y cais wedi'i gau.""",
    ),
    ("clarification", "eir"): (
        _subject("mae angen rhagor o fanylion arnom am eich cais"),
        HEAD
        + """

Mae eich cais yn rhy gyffredinol i ni allu nodi'r wybodaeth yr ydych ei heisiau, felly rydym yn gofyn i chi am ragor o fanylion (rheoliad 9(2) o Reoliadau Gwybodaeth Amgylcheddol 2004):

{{ details }}

Mae'r 20 diwrnod gwaith yn dechrau eto pan fyddwn yn cael eich ateb (rheoliad 9(4)). Rydym yn hapus i'ch helpu i'w eirio. Os na fyddwn yn clywed gennych o fewn tri mis, byddwn yn ystyried bod y cais wedi'i gau.""",
    ),
    ("clarification", "dp"): (
        _subject("mae angen i chi egluro eich cais"),
        HEAD
        + """

Er mwyn dod o hyd i'r data personol y gofynnoch amdanynt, mae angen i chi egluro'r wybodaeth neu'r prosesu y mae eich cais yn ymwneud ag ef:

{{ details }}

Mae'r terfyn amser o fis wedi'i atal nes i ni gael eich ateb (GDPR y DU, fel y'i diwygiwyd gan Ddeddf Data (Defnydd a Mynediad) 2025). Os na fyddwn yn clywed gennych o fewn tri mis, byddwn yn ystyried bod y cais wedi'i gau.""",
    ),
    # --- prawf adnabod (proof of identity) ----------------------------------------------------
    ("id_request", ""): (
        _subject("mae angen i ni gadarnhau pwy ydych chi"),
        HEAD
        + """

Er mwyn diogelu'r wybodaeth bersonol sydd gennym, mae angen i ni gadarnhau pwy ydych chi (ac, os ydych yn gweithredu ar ran rhywun arall, eich awdurdod i weithredu ar ei ran) cyn y gallwn ateb eich cais (Erthygl 12(6) GDPR y DU). Anfonwch atom gopi o un ddogfen sy'n dangos eich enw ac un sy'n dangos eich cyfeiriad presennol.

Mae'r terfyn amser o fis yn dechrau ar y diwrnod y byddwn yn cael y rhain.""",
    ),
    # --- estyniad (extension) -----------------------------------------------------------------
    ("extension", ""): (
        _subject("mae angen rhagor o amser arnom"),
        HEAD
        + """

Mae angen rhagor o amser arnom i ateb eich cais. Y rheswm yw:

{{ details }}

Byddwn bellach yn ymateb erbyn {{ due_on|date:"j F Y" }}.""",
    ),
    ("extension", "foi"): (
        _subject("mae angen rhagor o amser arnom i ystyried budd y cyhoedd"),
        HEAD
        + """

Mae angen rhagor o amser arnom i ystyried budd y cyhoedd o ran datgelu'r wybodaeth y gofynnoch amdani (adran 10(3) o Ddeddf Rhyddid Gwybodaeth 2000).{% if exemptions %} Dyma'r eithriadau yr ydym yn eu hystyried (adran 17(2)):
{% for applied in exemptions %}- {{ applied.citation }}: {{ applied.title }}
{% endfor %}{% endif %}

{{ details }}

Rydym yn disgwyl ymateb erbyn {{ due_on|date:"j F Y" }}.""",
    ),
    ("extension", "eir"): (
        _subject("mae angen rhagor o amser arnom"),
        HEAD
        + """

Gan fod eich cais yn gymhleth ac yn swmpus, rydym yn ymestyn yr amser ar gyfer ein hymateb o 20 i 40 diwrnod gwaith (rheoliad 7(1) o Reoliadau Gwybodaeth Amgylcheddol 2004). Y rheswm yw:

{{ details }}

Byddwn yn ymateb erbyn {{ due_on|date:"j F Y" }}.""",
    ),
    ("extension", "dp"): (
        _subject("mae angen rhagor o amser arnom"),
        HEAD
        + """

Rydym yn ymestyn yr amser i ymateb i'ch cais hyd at ddau fis arall, fel y mae Erthygl 12(3) GDPR y DU yn ei ganiatáu ar gyfer ceisiadau cymhleth neu niferus. Y rheswm yw:

{{ details }}

Byddwn yn ymateb erbyn {{ due_on|date:"j F Y" }}.

"""
        + DP_RIGHTS,
    ),
    # --- ymateb: rhoi'r wybodaeth (response) --------------------------------------------------
    ("response", ""): (
        _subject("ein hymateb"),
        HEAD
        + """
Canlyniad: {{ outcome }}

{{ answer }}

"""
        + DELIVERY
        + OGL
        + "\n\n"
        + GENERIC_RIGHTS,
    ),
    ("response", "foi"): (
        _subject("ein hymateb"),
        HEAD
        + """
Canlyniad: {{ outcome }}
{% if outcome_code == "accessible" %}
Mae'r wybodaeth y gofynnoch amdani eisoes ar gael yn rhesymol i chi, felly nid ydym yn ei darparu eto (adran 21 o Ddeddf Rhyddid Gwybodaeth 2000). Dyma ble mae dod o hyd iddi:{% endif %}

{{ answer }}

"""
        + DELIVERY
        + OGL
        + "\n\n"
        + FOI_RIGHTS,
    ),
    ("response", "eir"): (
        _subject("ein hymateb"),
        HEAD
        + """
Canlyniad: {{ outcome }}
{% if outcome_code == "accessible" %}
Mae'r wybodaeth y gofynnoch amdani eisoes ar gael i'r cyhoedd ac yn hawdd i chi gael gafael arni (rheoliad 6(1)(b) o Reoliadau Gwybodaeth Amgylcheddol 2004). Dyma ble mae dod o hyd iddi:{% endif %}

{{ answer }}

"""
        + DELIVERY
        + OGL
        + "\n\n"
        + EIR_RIGHTS,
    ),
    ("response", "sar"): (
        _subject("eich data personol"),
        HEAD
        + """

Gofynnoch am gopi o'r data personol sydd gennym amdanoch (yr hawl mynediad, Erthygl 15 GDPR y DU). Rydym yn cadarnhau ein bod yn prosesu data personol amdanoch.

{{ answer }}

"""
        + DELIVERY
        + "\n\n"
        + ARTICLE_15
        + "\n\n"
        + DP_RIGHTS,
    ),
    ("response", "dp"): (
        _subject("ein hymateb"),
        HEAD
        + """
Canlyniad: {{ outcome }}

Rydym wedi ymdrin â'ch cais ({{ regime }}) o dan GDPR y DU a Deddf Diogelu Data 2018.

{{ answer }}

"""
        + DP_RIGHTS,
    ),
    # --- ymateb: hysbysiad gwrthod (refusal notice) -------------------------------------------
    ("refusal", ""): (
        _subject("ein hymateb"),
        HEAD
        + """
Canlyniad: {{ outcome }}

{{ answer }}
{% if exemptions %}
Rydym wedi cadw gwybodaeth yn ôl o dan:"""
        + EXEMPTION_LIST
        + """{% endif %}
{% if reasons %}
Rhesymau: {{ reasons }}{% endif %}

"""
        + DELIVERY
        + "\n\n"
        + GENERIC_RIGHTS,
    ),
    ("refusal", "foi"): (
        _subject("hysbysiad gwrthod"),
        HEAD
        + """
Canlyniad: {{ outcome }}

{{ answer }}

{% if outcome_code == "cost_limit" %}Mae'r llythyr hwn yn hysbysiad gwrthod o dan adran 17(5) o Ddeddf Rhyddid Gwybodaeth 2000. Rydym yn amcangyfrif y byddai cost cydymffurfio â'ch cais yn uwch na'r terfyn priodol, felly nid oes rhaid i ni gydymffurfio ag ef (adran 12).{% elif outcome_code == "vexatious" %}Mae'r llythyr hwn yn hysbysiad gwrthod o dan adran 17(5) o Ddeddf Rhyddid Gwybodaeth 2000. Rydym wedi penderfynu bod eich cais yn flinderus, felly nid oes rhaid i ni gydymffurfio ag ef (adran 14(1)).{% else %}Mae'r llythyr hwn yn hysbysiad gwrthod o dan adran 17 o Ddeddf Rhyddid Gwybodaeth 2000. Rydym wedi cadw {% if outcome_code == "part" %}rhywfaint o'r wybodaeth{% else %}y wybodaeth{% endif %} y gofynnoch amdani yn ôl o dan yr eithriadau canlynol:"""
        + EXEMPTION_LIST
        + """
{% if exemptions %}
Ar gyfer pob eithriad amodol, rydym wedi pwyso a mesur budd y cyhoedd o ran cynnal yr eithriad yn erbyn budd y cyhoedd o ran datgelu (adran 2(2)(b)), gyda'r canlyniad a ddangosir uchod.{% endif %}{% endif %}
{% if reasons %}
Pam: {{ reasons }}{% endif %}

"""
        + DELIVERY
        + "\n\n"
        + FOI_RIGHTS,
    ),
    ("refusal", "eir"): (
        _subject("hysbysiad gwrthod"),
        HEAD
        + """
Canlyniad: {{ outcome }}

{{ answer }}

Mae'r llythyr hwn yn hysbysiad gwrthod o dan reoliad 14 o Reoliadau Gwybodaeth Amgylcheddol 2004. {% if outcome_code == "cost_limit" or outcome_code == "vexatious" %}Rydym o'r farn bod eich cais yn amlwg yn afresymol (rheoliad 12(4)(b)).{% else %}Rydym wedi cadw {% if outcome_code == "part" %}rhywfaint o'r wybodaeth{% else %}y wybodaeth{% endif %} y gofynnoch amdani yn ôl o dan yr eithriadau canlynol:{% endif %}"""
        + EXEMPTION_LIST
        + """

Rydym wedi rhagdybio o blaid datgelu (rheoliad 12(2)) ac, ar gyfer pob eithriad, wedi pwyso a mesur budd y cyhoedd o ran cynnal yr eithriad yn erbyn budd y cyhoedd o ran datgelu (rheoliad 12(1)(b)), gyda'r canlyniad a ddangosir uchod.
{% if reasons %}
Pam: {{ reasons }}{% endif %}

"""
        + DELIVERY
        + "\n\n"
        + EIR_RIGHTS,
    ),
    ("refusal", "sar"): (
        _subject("eich data personol"),
        HEAD
        + """
Canlyniad: {{ outcome }}

{{ answer }}

{% if outcome_code == "part" %}Rydym wedi cadw rhywfaint o'ch data personol yn ôl{% else %}Nid ydym yn darparu'r data personol y gofynnoch amdanynt{% endif %}{% if exemptions %}, o dan yr eithriadau canlynol:"""
        + EXEMPTION_LIST
        + """{% else %}.{% endif %}
{% if reasons %}
Pam: {{ reasons }}{% endif %}

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
        _subject("ein hymateb"),
        HEAD
        + """
Canlyniad: {{ outcome }}

{{ answer }}

Nid ydym yn gallu gwneud popeth y gofynnoch amdano{% if exemptions %}, oherwydd yr eithriadau canlynol:"""
        + EXEMPTION_LIST
        + """{% else %}.{% endif %}
{% if reasons %}
Pam: {{ reasons }}{% endif %}

"""
        + DP_RIGHTS,
    ),
    # --- ymateb: nid yw'r wybodaeth gennym (not held) -----------------------------------------
    ("not_held", ""): (
        _subject("ein hymateb"),
        HEAD
        + """
Canlyniad: {{ outcome }}

Nid yw'r wybodaeth y gofynnoch amdani gennym.

{{ answer }}

"""
        + GENERIC_RIGHTS,
    ),
    ("not_held", "foi"): (
        _subject("ein hymateb"),
        HEAD
        + """
Canlyniad: {{ outcome }}

Rydym wedi chwilio am y wybodaeth y gofynnoch amdani ac nid yw gennym (adran 1(1)(a) o Ddeddf Rhyddid Gwybodaeth 2000).

{{ answer }}

"""
        + FOI_RIGHTS,
    ),
    ("not_held", "eir"): (
        _subject("hysbysiad gwrthod: nid yw'r wybodaeth gennym"),
        HEAD
        + """
Canlyniad: {{ outcome }}

Rydym wedi chwilio am y wybodaeth y gofynnoch amdani ac nid oedd gennym pan ddaeth eich cais i law. Mae'r llythyr hwn yn hysbysiad gwrthod o dan reoliad 14 o Reoliadau Gwybodaeth Amgylcheddol 2004, gan gymhwyso'r eithriad yn rheoliad 12(4)(a) (nid yw'r wybodaeth gennym).

{{ answer }}

"""
        + EIR_RIGHTS,
    ),
    ("not_held", "dp"): (
        _subject("ein hymateb"),
        HEAD
        + """
Canlyniad: {{ outcome }}

Rydym wedi chwilio ein cofnodion ac nid oes gennym ddata personol amdanoch o'r math y mae eich cais ({{ regime }}) yn ymwneud ag ef.

{{ answer }}

"""
        + DP_RIGHTS,
    ),
    # --- adolygiad mewnol (internal review) ---------------------------------------------------
    ("review_response", ""): (
        _subject("adolygiad mewnol"),
        """Cyfeirnod: {{ reference }} (adolygiad mewnol o {{ review_of }})
Canlyniad yr adolygiad: {{ review_outcome }}

{{ answer }}

Os ydych yn dal yn anfodlon, gallwch gwyno i """
        + ICO
        + ".",
    ),
    ("review_response", "foi"): (
        _subject("adolygiad mewnol"),
        """Cyfeirnod: {{ reference }} (adolygiad mewnol o {{ review_of }})
Canlyniad yr adolygiad: {{ review_outcome }}

Rydym wedi adolygu'r ffordd yr ymdriniwyd â'ch cais o dan Ddeddf Rhyddid Gwybodaeth 2000.

{{ answer }}

"""
        + DELIVERY
        + """

Os ydych yn dal yn anfodlon, gallwch gwyno i """
        + ICO
        + " (adran 50 o Ddeddf Rhyddid Gwybodaeth 2000).",
    ),
    ("review_response", "eir"): (
        _subject("ailystyriaeth"),
        """Cyfeirnod: {{ reference }} (ailystyriaeth o {{ review_of }})
Canlyniad yr ailystyriaeth: {{ review_outcome }}

Rydym wedi ailystyried y ffordd yr ymdriniwyd â'ch cais o dan reoliad 11 o Reoliadau Gwybodaeth Amgylcheddol 2004.

{{ answer }}

"""
        + DELIVERY
        + """

Os ydych yn dal yn anfodlon, gallwch gwyno i """
        + ICO
        + " (rheoliad 18 o Reoliadau Gwybodaeth Amgylcheddol 2004).",
    ),
    ("review_response", "dp"): (
        _subject("eich cwyn am ein hymateb"),
        """Cyfeirnod: {{ reference }} (ynghylch {{ review_of }})
Canlyniad: {{ review_outcome }}

Rydym wedi edrych eto ar y ffordd yr ymdriniwyd â'ch cais ({{ regime }}), fel cwyn am y ffordd yr ymdriniwyd â'ch data personol.

{{ answer }}

"""
        + DP_RIGHTS,
    ),
}
