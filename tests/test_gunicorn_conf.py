"""gunicorn's settings: what the master does before it forks a worker."""

import gc
from types import SimpleNamespace

import pytest

from iomsite import gunicorn_conf


def test_the_master_freezes_the_preloaded_objects_before_forking():
    gc.unfreeze()
    try:
        gunicorn_conf.pre_fork(server=None, worker=None)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


class Arbiter:
    """What pre_fork reads of gunicorn's arbiter: its configuration and its application."""

    def __init__(self, application, preload_app=True):
        self.cfg = SimpleNamespace(preload_app=preload_app)
        self.app = SimpleNamespace(wsgi=lambda: application)


def counting_application():
    calls = []

    def application(environ, start_response):
        calls.append(environ["PATH_INFO"])
        start_response("200 OK", [])
        return [b""]

    return application, calls


@pytest.mark.django_db(transaction=True)
def test_the_master_warms_a_preloaded_application_up_once(site_content):
    application, calls = counting_application()
    try:
        gunicorn_conf.pre_fork(Arbiter(application), worker=None)
        rendered = len(calls)
        gunicorn_conf.pre_fork(Arbiter(application), worker=None)  # the next worker's fork
    finally:
        gc.unfreeze()

    assert rendered > 0 and "/en/" in calls
    assert len(calls) == rendered


def test_without_preloading_the_master_loads_no_application():
    application, calls = counting_application()
    try:
        gunicorn_conf.pre_fork(Arbiter(application, preload_app=False), worker=None)
    finally:
        gc.unfreeze()

    assert calls == []
