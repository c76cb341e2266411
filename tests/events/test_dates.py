import datetime

import pytest

from sources.dates import date_range_label
from events.models import Event

D = datetime.date


@pytest.mark.parametrize(
    "start, sp, end, ep, label",
    [
        (D(1999, 6, 10), "day", None, "", "10 June 1999"),
        (D(2004, 3, 1), "month", None, "", "March 2004"),
        (D(2012, 1, 1), "year", None, "", "2012"),
        (D(2008, 12, 2), "day", D(2008, 12, 3), "day", "2–3 December 2008"),
        (D(1999, 3, 24), "day", D(1999, 6, 10), "day", "24 March – 10 June 1999"),
        (D(2021, 9, 1), "month", D(2021, 10, 1), "month", "September – October 2021"),
        (D(2007, 8, 1), "month", D(2007, 12, 10), "day", "August 2007 – 10 December 2007"),
        (D(1999, 12, 30), "day", D(2000, 1, 2), "day", "30 December 1999 – 2 January 2000"),
    ],
)
def test_date_range_label(start, sp, end, ep, label):
    assert date_range_label(start, sp, end, ep) == label


def test_approximate_dates_read_circa_and_display_date_wins():
    event = Event(start=D(2021, 10, 1), start_precision="month", approximate=True)
    assert event.date_label == "c. October 2021"
    event.display_date = "by 20 June 1999"
    assert event.date_label == "by 20 June 1999"
