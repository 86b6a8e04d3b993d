"""Routes: filled in by the capability that owns them."""

urlpatterns: list = []
