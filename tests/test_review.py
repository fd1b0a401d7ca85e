"""Reviewing a working copy: the live value beside the proposed one, field by field and in each
language; the publisher publishes, schedules or sends it back from the review."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cooperation.models import EditorialEvent, PendingChange, Status
from cooperation.roles import EDITORS, PUBLISHERS

from .admin_forms import as_post, form_fields
from .factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def url(view, org):
    return reverse(f"admin:cooperation_organization_{view}", args=[org.pk])


def propose(client, org, **changes):
    fields = form_fields(client.get(url("change", org)).text, "organization_form")
    return client.post(url("change", org), as_post(fields, _submit="1", **changes))


@pytest.fixture
def proposed(staff):
    """A published organization with an editor's working copy in review, and a publisher."""
    org = OrganizationFactory(
        name="Review Org", body="<p>The organization works in Minsk.</p>", summary="Live."
    )
    editor = staff(EDITORS)
    propose(
        editor,
        org,
        body="<p>The organization works <strong>in Brest</strong>.</p>",
        summary_ru="Новое.",
    )
    return org, staff(PUBLISHERS), editor


def test_the_review_shows_rich_text_as_a_word_diff(proposed):
    org, publisher, _editor = proposed
    html = publisher.get(url("review", org)).text
    assert "<del>Minsk</del><ins>Brest</ins>" in html
    assert "<strong>" not in html.split("word-diff", 1)[1]  # markup is not text to review


def test_the_review_names_the_language_of_each_change(proposed):
    org, publisher, _editor = proposed
    html = publisher.get(url("review", org)).text
    row = html[html.index("Новое") - 400 : html.index("Новое")]
    assert "Russian" in row


def test_the_review_leaves_out_unchanged_fields(proposed):
    org, publisher, _editor = proposed
    assert "Review Org</div>" not in publisher.get(url("review", org)).text


def test_a_publisher_publishes_from_the_review_and_is_told_so(proposed):
    org, publisher, _editor = proposed
    response = publisher.post(url("review", org), {"_publish": "1"}, follow=True)
    org.refresh_from_db()
    assert "Brest" in org.body and not PendingChange.objects.exists()
    assert "is published: the public site shows it now" in response.text
    assert "was changed successfully" not in response.text


def test_publishing_names_the_editor_and_the_publisher(proposed):
    org, publisher, _editor = proposed
    publisher.post(url("review", org), {"_publish": "1"})
    event = EditorialEvent.objects.get(kind=EditorialEvent.Kind.PUBLISHED)
    assert (event.actor.username, event.editor.username) == ("publishers", "editors")


def test_scheduling_needs_a_time_in_the_future(staff):
    org = OrganizationFactory(status=Status.IN_REVIEW)
    publisher = staff(PUBLISHERS)
    past = (timezone.localtime() - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    response = publisher.post(url("review", org), {"_schedule": "1", "schedule_at": past})
    assert response.status_code == 200 and "a time in the future" in response.text
    org.refresh_from_db()
    assert org.status == Status.IN_REVIEW


def test_an_editor_may_read_the_review_but_not_publish_from_it(proposed):
    org, _publisher, editor = proposed
    assert editor.get(url("review", org)).status_code == 200
    assert editor.post(url("review", org), {"_publish": "1"}).status_code == 403
    assert PendingChange.objects.exists()


def test_sending_back_a_working_copy_keeps_it_and_takes_it_out_of_review(proposed):
    org, publisher, _editor = proposed
    publisher.post(url("send_back", org), {"comment": "Check the city."})
    copy = PendingChange.objects.get()
    assert not copy.in_review
    org.refresh_from_db()
    assert org.status == Status.PUBLISHED


def test_sending_back_needs_a_comment(proposed):
    org, publisher, _editor = proposed
    response = publisher.post(url("send_back", org), {"comment": ""})
    assert response.status_code == 200
    assert PendingChange.objects.get().in_review


def test_the_change_page_offers_the_publisher_the_review_actions(proposed):
    org, publisher, _editor = proposed
    html = publisher.get(url("change", org)).text
    top = html[: html.index('id="organization_form"') + 4000]
    assert 'name="_publish"' in top
    assert url("send_back", org) in top and url("discard_working_copy", org) in top
    assert "Working copy in review" in html and "submitted for review on" in html


def test_the_list_says_a_working_copy_is_in_review(proposed):
    _org, publisher, _editor = proposed
    html = publisher.get(reverse("admin:cooperation_organization_changelist")).text
    assert "working copy in review" in html


def test_a_changed_link_address_is_shown_in_the_review(staff):
    org = OrganizationFactory(body='<p>See <a href="https://www.un.org/">the UN</a>.</p>')
    propose(staff(EDITORS), org, body='<p>See <a href="https://evil.example/">the UN</a>.</p>')
    html = staff(PUBLISHERS).get(url("review", org)).text
    assert "link addresses" in html
    assert "https://<del>www</del><ins>evil</ins>.<del>un.org</del><ins>example</ins>/" in html


def tomorrow():
    return (timezone.localtime() + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")


def test_a_live_item_is_never_scheduled_off_the_site_from_the_review(proposed):
    org, publisher, _editor = proposed
    response = publisher.post(url("review", org), {"_schedule": "1", "schedule_at": tomorrow()})
    assert response.status_code == 200 and "This item is live" in response.text
    org.refresh_from_db()
    assert org.is_published and PendingChange.objects.get().in_review


def test_a_live_item_is_never_scheduled_off_the_site_from_its_form(proposed):
    org, publisher, _editor = proposed
    fields = form_fields(publisher.get(url("change", org)).text, "organization_form")
    response = publisher.post(
        url("change", org), as_post(fields, _schedule="1", schedule_at=tomorrow())
    )
    assert response.status_code == 200 and "This item is live" in response.text
    org.refresh_from_db()
    assert org.is_published


def test_unpublishing_keeps_the_editors_working_copy_out_of_the_item(proposed):
    org, publisher, _editor = proposed
    fields = form_fields(publisher.get(url("change", org)).text, "organization_form")
    publisher.post(url("change", org), as_post(fields, _unpublish="1"))
    org.refresh_from_db()
    assert org.status == Status.UNPUBLISHED
    assert "Minsk" in org.body  # the live text, not the copy's "Brest"
    assert "Brest" in PendingChange.objects.get().data["body_en"]
