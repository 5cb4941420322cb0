"""The demo world: its facts (:mod:`loa.demo.data`) and the loader that writes them (:mod:`loa.demo.loader`)."""

from loa.demo.loader import DEMO_PASSWORD, USERS, demo_load, demo_reset, is_loaded

__all__ = ["DEMO_PASSWORD", "USERS", "demo_load", "demo_reset", "is_loaded"]
