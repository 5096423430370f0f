"""The suite runs in two processes (pytest-xdist, `-n 2` in the Makefile): each gets its own
test database (pytest-django names it per process), and here, before Django reads its
settings, its own Redis databases and its own files folder, so one process's cache, Celery
queue or stored files never meet the other's. The Celery workers the tests start inherit the
environment, so they use their process's Redis too. Loaded as a plugin (`-p tests.parallel`
in pyproject.toml) because plugins are imported before pytest-django sets Django up."""

import os
import re

_worker = os.environ.get("PYTEST_XDIST_WORKER", "")  # "gw0", "gw1", ...; unset when serial

if _worker.startswith("gw"):
    _number = int(_worker[2:])
    # Redis has 16 numbered databases: the serial run uses 0 (broker) and 1 (cache); each
    # process takes the next pair after them.
    for _name, _offset in (("REDIS_URL", 0), ("CACHE_URL", 1)):
        if os.environ.get(_name):
            _database = 2 + 2 * _number + _offset
            os.environ[_name] = re.sub(r"(/\d+)?/?$", f"/{_database}", os.environ[_name], count=1)
    if os.environ.get("VAR_DIR"):
        os.environ["VAR_DIR"] = os.path.join(os.environ["VAR_DIR"], _worker)
