"""Locust user for ``bench/bench_api.py``: one GET, over and over, with an access code.

The path and the code come from the environment (``LOA_BENCH_PATH``, ``LOA_BENCH_TOKEN``) so the same
file measures the activity list and the trivial endpoint.
"""

from __future__ import annotations

import os

from locust import HttpUser, constant, task


class ApiClient(HttpUser):
    wait_time = constant(0)  # each of the 20 clients sends its next request as soon as it has an answer

    @task
    def call(self) -> None:
        self.client.get(
            os.environ["LOA_BENCH_PATH"],
            headers={"Authorization": f"Bearer {os.environ['LOA_BENCH_TOKEN']}"},
            name=os.environ["LOA_BENCH_PATH"],
        )
