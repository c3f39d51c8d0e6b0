from datetime import date

import pytest

from newsevents.when import find_calendar_date, resolve_expression

WED = date(2011, 7, 6)  # a Wednesday


@pytest.mark.parametrize(
    "expr,tense,expected",
    [
        ("Monday", "past", (date(2011, 7, 4), "day")),
        ("Monday", "future", (date(2011, 7, 11), "day")),
        ("next Monday", None, (date(2011, 7, 11), "day")),
        ("yesterday", None, (date(2011, 7, 5), "day")),
        ("today", None, (WED, "day")),
        ("tomorrow", None, (date(2011, 7, 7), "day")),
        ("next week", None, (date(2011, 7, 11), "week")),
        ("this week", None, (date(2011, 7, 4), "week")),
        ("last week", None, (date(2011, 6, 27), "week")),
        ("two days ago", None, (date(2011, 7, 4), "day")),
        ("earlier this month", None, (date(2011, 7, 1), "month")),
        ("last month", None, (date(2011, 6, 1), "month")),
        ("July 13", None, (date(2011, 7, 13), "day")),
        ("13 July 2011", None, (date(2011, 7, 13), "day")),
        ("in 2009", None, (date(2009, 1, 1), "year")),
    ],
)
def test_relative_expressions_resolve_against_the_report_date(expr, tense, expected):
    assert resolve_expression(expr, WED, tense) == expected


def test_a_date_without_year_takes_the_nearest_year():
    found = find_calendar_date("on December 30", ref=date(2012, 1, 2))
    assert found[0] == date(2011, 12, 30)


def test_slash_dates_take_the_reading_nearest_the_report():
    assert find_calendar_date("on 4/7", ref=WED)[0] == date(2011, 7, 4)


def test_nothing_to_resolve_without_a_report_date():
    assert resolve_expression("Monday", None, "past") is None
    assert resolve_expression("no time here", WED) is None
