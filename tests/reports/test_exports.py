import pytest

from organisation.csv_export import safe_cell, safe_row


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        ("+44 116 454 1300", "'+44 116 454 1300"),
        ("-2+3", "'-2+3"),
        ("@cmd", "'@cmd"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Planning", "Planning"),
        ("a=b", "a=b"),
        ("", ""),
        (None, ""),
        (12, 12),
        (-3, -3),
        (83.3, 83.3),
        (True, "Yes"),
    ],
)
def test_cells_that_could_run_as_formulas_are_quoted(value, written):
    assert safe_cell(value) == written


def test_rows_are_made_safe_cell_by_cell():
    assert safe_row(["=1", 2, "x"]) == ["'=1", 2, "x"]
