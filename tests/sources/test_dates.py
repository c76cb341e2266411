import datetime

import pytest

from sources.dates import Precision, format_date, parse_edtf, to_edtf


@pytest.mark.parametrize(
    "text, date, precision, approximate",
    [
        ("1999-06-10", datetime.date(1999, 6, 10), Precision.DAY, False),
        ("2004-03", datetime.date(2004, 3, 1), Precision.MONTH, False),
        ("2012", datetime.date(2012, 1, 1), Precision.YEAR, False),
        ("2021-10~", datetime.date(2021, 10, 1), Precision.MONTH, True),
    ],
)
def test_parse_edtf_reads_each_precision(text, date, precision, approximate):
    parsed = parse_edtf(text)
    assert (parsed.date, parsed.precision, parsed.approximate) == (date, precision, approximate)
    assert parsed.edtf() == text


@pytest.mark.parametrize(
    "text, reason",
    [
        ("2021-13", "not a real date"),
        ("2021-02-30", "not a real date"),
        ("10 June 1999", "not an EDTF date"),
        ("99-06", "not an EDTF date"),
        ("2021-10?", "uncertain dates"),
        ("0000", "year 0000"),
    ],
)
def test_parse_edtf_explains_bad_dates(text, reason):
    with pytest.raises(ValueError, match=reason):
        parse_edtf(text)


def test_parse_edtf_can_refuse_approximate_dates():
    with pytest.raises(ValueError, match="not allowed here"):
        parse_edtf("2021~", allow_approximate=False)


def test_to_edtf_and_format_date_follow_precision():
    day = datetime.date(2004, 3, 1)
    assert to_edtf(day, Precision.YEAR) == "2004"
    assert to_edtf(day, Precision.MONTH, approximate=True) == "2004-03~"
    assert format_date(datetime.date(1999, 6, 10), Precision.DAY) == "10 June 1999"
    assert format_date(day, Precision.MONTH) == "March 2004"
    assert format_date(datetime.date(2012, 1, 1), Precision.YEAR) == "2012"
