"""Links printed on every page, remembered per process: still right when settings change."""

from cooperation.links import static_link


def test_a_static_link_follows_the_static_url_setting(settings):
    settings.STATIC_URL = "/assets/"
    assert static_link("css/site.css") == "/assets/css/site.css"
    settings.STATIC_URL = "/elsewhere/"
    assert static_link("css/site.css") == "/elsewhere/css/site.css"
