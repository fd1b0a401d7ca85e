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


class Server:
    """What when_ready() reads of gunicorn's arbiter."""

    def __init__(self, preload_app):
        self.cfg = type("Config", (), {"preload_app": preload_app})()


def test_workers_start_with_every_public_template_compiled(
    client, site_content, monkeypatch, settings
):
    from django.template import engines

    settings.TEMPLATES = [dict(engine) for engine in settings.TEMPLATES]  # new, empty engines
    environment = engines["jinja2"].env
    gunicorn_conf.when_ready(Server(preload_app=True))
    compiled = []
    monkeypatch.setattr(environment, "compile", lambda *a, **k: compiled.append(a))
    for page in ("/en/", "/en/organizations/iom/", "/en/projects/", "/ru/missions/", "/be/x/"):
        client.get(page)
    assert compiled == []
