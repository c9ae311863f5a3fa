"""Signal handlers of the films app, named for what they keep true."""

from django.db.models.signals import pre_save
from django.dispatch import receiver

from films.models import Film, FormerSlug


@receiver(pre_save, sender=Film, dispatch_uid="films.remember_former_slug")
def remember_former_slug(sender, instance, raw=False, **kwargs):
    """When a film's slug changes, keep the old one so its links redirect (301) to the new one."""
    if raw:
        return
    # A slug in use by a film is never a redirect, whoever used it before.
    FormerSlug.objects.filter(slug=instance.slug).delete()
    if instance.pk is None:
        return
    previous = Film.objects.filter(pk=instance.pk).values_list("slug", flat=True).first()
    if previous and previous != instance.slug:
        FormerSlug.objects.update_or_create(slug=previous, defaults={"film": instance})
