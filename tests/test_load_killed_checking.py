"""SIGKILL of a load while the checks run, or while the reports are written.

An orphaned dbt or a stale ``warehouse`` pool slot may be left behind: the next load ends the
one, frees the other and builds the same marts as a clean load. The stages are split over two
modules so that both cores run them.
"""

from __future__ import annotations

import pytest
from loadkit import killed_outright_then_finished


@pytest.mark.slow
@pytest.mark.parametrize("stage", ["checks", "reports"])
def test_a_load_killed_outright_is_finished_by_the_next(tmp_path, clean_marts, stage):
    killed_outright_then_finished(tmp_path, clean_marts, stage)
