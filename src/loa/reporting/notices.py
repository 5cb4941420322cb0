"""Notices of the reporting cycle (the ``remind`` work fills this module).

:func:`on_submission_event` is the one seam the cycle's services call, after commit, when a step is
taken on a submission (submit, resubmit, return, accept). Until the reminders land it does nothing.
"""

from __future__ import annotations

from typing import Any

from loa.core.actors import SYSTEM_WORKER
from loa.reporting.models import Submission
from loa.reporting.transitions import Step


def on_submission_event(submission: Submission, step: Step | str, *, actor: Any = SYSTEM_WORKER) -> int:
    """Tell the people concerned that ``step`` was taken on ``submission``; returns how many notices
    were made. A no-op seam here: the reminders work implements it."""
    return 0
