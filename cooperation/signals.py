"""``content_changed``: sent when public content changes, and again once that is committed.

Sent for saves, deletions and many-to-many changes of every content model (not for raw
saves, which only ``loaddata`` makes) and once after an import. Whatever caches pages
listens to it.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import Signal

content_changed = Signal()


def _on_commit(sender, **kwargs):
    if kwargs.get("raw"):
        return
    # Now, so that this very transaction's later reads miss the cache, and again after the
    # commit, so that no request caching the old content in between outlives it.
    content_changed.send(sender=sender)
    transaction.on_commit(lambda: content_changed.send(sender=sender))


def connect_content_models(models):
    for model in models:
        uid = f"content_changed:{model._meta.label_lower}"
        post_save.connect(_on_commit, sender=model, dispatch_uid=f"{uid}:save")
        post_delete.connect(_on_commit, sender=model, dispatch_uid=f"{uid}:delete")
        for field in model._meta.many_to_many:
            m2m_changed.connect(
                _on_commit, sender=field.remote_field.through, dispatch_uid=f"{uid}:{field.name}"
            )
