"""A case's regime as words (Case.get_regime_display, on every row of every list): the label
of its own choice, in the language of the request, or the stored value when it is not one."""

from django.utils import translation

from requests_app.models import Case, Regime


def test_every_regime_reads_as_its_choice_label():
    labels = {value: str(label) for value, label in Case._meta.get_field("regime").flatchoices}
    assert len(labels) == len(Regime.values) == 10
    for value in Regime.values:
        assert Case(regime=value).get_regime_display() == labels[value]
    assert Case(regime="sar").get_regime_display() == "Subject access"


def test_the_label_is_in_the_language_of_the_request():
    with translation.override("cy"):
        assert Case(regime="foi").get_regime_display() == "Rhyddid Gwybodaeth"
    with translation.override("en"):
        assert Case(regime="foi").get_regime_display() == "Freedom of Information"


def test_a_value_that_is_not_a_choice_is_shown_as_stored():
    assert Case(regime="retired_kind").get_regime_display() == "retired_kind"
