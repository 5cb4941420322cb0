"""Settings for the test-suite: production settings with fast hashing and throwaway folders."""

import os
import tempfile

os.environ.setdefault("LOA_SECRET_KEY", "loa-test-secret-key-not-used-anywhere-else-0123456789")

from loa.config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="loa-test-media-")
STATIC_ROOT = tempfile.mkdtemp(prefix="loa-test-static-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tasks run in the test's own thread as soon as they are enqueued (after commit): a test checks what
# the task did. Tests of ``loa worker`` switch to the database backend (``tests/cli/test_worker.py``).
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
LOA_API_RATE = "100000/min"  # tests of the limit lower it
