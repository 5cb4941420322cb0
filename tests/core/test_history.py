"""The history panel's wording of recorded values."""


def test_moments_in_a_change_are_shown_in_vietnam_time_like_every_screen():
    """A snapshot keeps moments in UTC; the history panel shows them as a reader in Vietnam reads a
    clock (UTC+7), as every other screen does."""
    from loa.core.history import _shown

    assert _shown("2026-11-30T01:45:00+00:00") == "30/11/2026 08:45"
    assert _shown("2026-11-30T20:10:00+00:00") == "01/12/2026 03:10"
