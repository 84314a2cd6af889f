from django.utils.functional import SimpleLazyObject


def _unread_count(request) -> int:
    from ecte.notifications.selectors import unread_count

    return unread_count(user=request.user)


def notifications(request) -> dict:
    """The unread count for the header, counted only when a page shows it."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {"unread_notifications": 0}
    return {"unread_notifications": SimpleLazyObject(lambda: _unread_count(request))}
