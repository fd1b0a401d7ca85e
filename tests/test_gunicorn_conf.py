"""gunicorn's settings: what the master does before it forks a worker."""

import gc

from iomsite import gunicorn_conf


def test_the_master_freezes_the_preloaded_objects_before_forking():
    gc.unfreeze()
    try:
        gunicorn_conf.pre_fork(server=None, worker=None)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
