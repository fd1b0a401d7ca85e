"""Telling people of the editorial events that concern them: the publishers of an item's kind
when it is submitted for review, its editor when it is sent back, published or scheduled.

Each person is told once per event (a :class:`~cooperation.models.Notification`, shown on
their admin dashboard) and, where ``settings.EDITORIAL_EMAILS`` is on, by e-mail through
Django's e-mail backend — sent once the step's transaction has committed, so nobody is told
of a step that was rolled back, and only to people with an e-mail address.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from .models import EditorialEvent, Notification

logger = logging.getLogger("cooperation.notifications")
Kind = EditorialEvent.Kind


def publishers_of(model):
    """Active staff who may publish ``model``: holders of its ``publish_<model>`` permission,
    through a group or their own, and superusers."""
    permission = Permission.objects.filter(
        content_type__app_label=model._meta.app_label,
        codename=f"publish_{model._meta.model_name}",
    ).first()
    holds = Q(is_superuser=True)
    if permission is not None:
        holds |= Q(groups__permissions=permission) | Q(user_permissions=permission)
    return get_user_model().objects.filter(holds, is_active=True, is_staff=True).distinct()


def tell_publishers(event: EditorialEvent, model):
    """A submission: every publisher of the item's kind but the submitter is told."""
    recipients = [user for user in publishers_of(model) if user.pk != event.actor_id]
    return _tell(event, recipients)


def tell_editor(event: EditorialEvent):
    """A send-back, a publication: the editor whose work it was is told (unless they did it)."""
    editor = event.editor
    if editor is None or editor.pk == event.actor_id or not editor.is_active:
        return []
    return _tell(event, [editor])


def _tell(event, recipients):
    notes = Notification.objects.bulk_create(
        [Notification(recipient=user, event=event) for user in recipients],
        ignore_conflicts=True,  # once per person and event, however often a step is retried
    )
    if getattr(settings, "EDITORIAL_EMAILS", False):
        addressed = [user for user in recipients if user.email]
        if addressed:
            transaction.on_commit(lambda: _send_emails(event, addressed))
    return notes


def unread_for(user):
    """``user``'s notifications not yet read, newest first, with what their pages show."""
    return (
        Notification.objects.filter(recipient=user, read_at__isnull=True)
        .select_related("event__actor", "event__editor", "event__content_type")
        .order_by("-created_at", "-pk")
    )


def mark_read(user, obj):
    """``user`` has opened ``obj``: their notifications about it are read."""
    return Notification.objects.filter(
        recipient=user,
        read_at__isnull=True,
        event__content_type=ContentType.objects.get_for_model(obj),
        event__object_id=obj.pk,
    ).update(read_at=timezone.now())


def item_admin_url(event) -> str:
    """The address of the event's item in the admin: its review page while in review."""
    model = event.content_type.model_class()
    view = "review" if event.kind == Kind.SUBMITTED else "change"
    try:
        return reverse(
            f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}",
            args=[event.object_id],
        )
    except NoReverseMatch:
        return ""


def message(event) -> str:
    """What the notification says, in a sentence."""
    item, who = event.content_object, event.actor or _("someone")
    if event.kind == Kind.SUBMITTED:
        return _("%(who)s submitted “%(item)s” for review.") % {"who": who, "item": item}
    if event.kind == Kind.SENT_BACK:
        return _("%(who)s sent “%(item)s” back: %(comment)s") % {
            "who": who,
            "item": item,
            "comment": event.comment,
        }
    if event.kind == Kind.SCHEDULED:
        return _("%(who)s scheduled “%(item)s”.") % {"who": who, "item": item}
    if event.kind == Kind.PUBLISHED:
        return _("%(who)s published “%(item)s”.") % {"who": who, "item": item}
    return f"{event.get_kind_display()}: {item}"


def _send_emails(event, recipients):
    # In the site's source language: a recipient's chosen admin language is not stored.
    with override(settings.LANGUAGE_CODE):
        subject = message(event).splitlines()[0][:150]
        url = item_admin_url(event)
        base = getattr(settings, "EDITORIAL_SITE_URL", "").rstrip("/")
        body = message(event) + (f"\n\n{base}{url}\n" if url else "\n")
    for user in recipients:
        try:
            send_mail(subject, body, None, [user.email])
        except OSError:
            # A mail server being down never undoes the step: the dashboard still tells them.
            logger.exception("Could not e-mail %s about event %s", user.pk, event.pk)
