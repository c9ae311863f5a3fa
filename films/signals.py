"""Signal handlers of the films app, named for what they keep true."""

from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils import timezone

from films.models import Film, FormerSlug


@receiver(pre_save, sender=Film, dispatch_uid="films.remember_former_slug")
def remember_former_slug(sender, instance, raw=False, **kwargs):
    """When a film's slug changes, keep the old one so its links redirect (301) to the new one.

    Raw saves count too: restoring an older version from history saves raw, and
    the slug it replaces must keep working.
    """
    # A slug in use by a film is never a redirect, whoever used it before.
    FormerSlug.objects.filter(slug=instance.slug).delete()
    if instance.pk is None:
        return
    previous = Film.objects.filter(pk=instance.pk).values_list("slug", flat=True).first()
    if previous and previous != instance.slug:
        FormerSlug.objects.update_or_create(slug=previous, defaults={"film": instance})


@receiver(pre_save, sender=Film, dispatch_uid="films.stamp_publication_time")
def stamp_publication_time(sender, instance, raw=False, **kwargs):
    """A live film carries the moment it became public: its go-live time, or now.

    Feeds, the home page and "newest" sorting read it. It is set when the film
    goes live and follows the go-live time while the film is scheduled.
    """
    if raw or instance.status != Film.Status.LIVE:
        return
    if instance.published_at is None or instance.published_at > timezone.now():
        instance.published_at = instance.go_live_at or timezone.now()
