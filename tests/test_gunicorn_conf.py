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


def test_two_servers_on_one_machine_share_no_control_socket_or_pid_file(monkeypatch):
    """gunicorn's control socket defaults to one path per user; the project asks for none
    unless told where, so two servers on one machine (the tests start several) never meet."""
    import importlib

    for name in ("GUNICORN_CONTROL_SOCKET", "GUNICORN_PIDFILE"):
        monkeypatch.delenv(name, raising=False)
    default = importlib.reload(gunicorn_conf)
    assert default.control_socket_disable and default.pidfile is None
    monkeypatch.setenv("GUNICORN_CONTROL_SOCKET", "/run/iomsite/a.ctl")
    monkeypatch.setenv("GUNICORN_PIDFILE", "/run/iomsite/a.pid")
    chosen = importlib.reload(gunicorn_conf)
    assert not chosen.control_socket_disable
    assert (chosen.control_socket, chosen.pidfile) == ("/run/iomsite/a.ctl", "/run/iomsite/a.pid")
    monkeypatch.undo()
    importlib.reload(gunicorn_conf)


def test_forwarding_headers_are_believed_from_no_address_by_default(monkeypatch):
    import importlib

    monkeypatch.delenv("FORWARDED_ALLOW_IPS", raising=False)
    assert importlib.reload(gunicorn_conf).forwarded_allow_ips == ""
    monkeypatch.undo()
    importlib.reload(gunicorn_conf)
