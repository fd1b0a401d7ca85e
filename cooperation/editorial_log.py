"""Writing and reading the editorial log (:class:`~cooperation.models.EditorialEvent`).

Every step of the workflow records one event here, in the transaction of the step itself, so
the log never says something happened that was rolled back.
"""

from django.contrib.contenttypes.models import ContentType

from .models import EditorialEvent

Kind = EditorialEvent.Kind


def latest_history_id(obj) -> int | None:
    """The django-simple-history record ``obj``'s last save wrote, if it has history."""
    history = getattr(obj, "history", None)
    if history is None or obj.pk is None:
        return None
    return history.values_list("history_id", flat=True).order_by("-history_id").first()


def record(obj, kind, actor=None, *, editor=None, comment="", source="", history=True):
    """Log ``kind`` for ``obj``, done by ``actor`` on ``editor``'s work (default: the actor's).

    ``history``: pair the event with the history record the step just wrote (false for steps
    that write none, such as saving a working copy).
    """
    return EditorialEvent.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        kind=kind,
        actor=actor if getattr(actor, "pk", None) else None,
        editor=editor if editor is not None else (actor if getattr(actor, "pk", None) else None),
        comment=comment,
        source=source,
        history_id=latest_history_id(obj) if history else None,
    )


def events_for(obj):
    """``obj``'s events, newest first."""
    return EditorialEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    ).select_related("actor", "editor")


def last_event(obj, *kinds):
    return events_for(obj).filter(kind__in=kinds).first()
