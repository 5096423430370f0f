# Placeholder until the public pages land: an empty route list keeps the project loading.
urlpatterns: list = []
