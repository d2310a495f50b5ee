import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_wsgi_application()

# Django and its apps leave some 150,000 objects that live as long as the worker. Left in the
# collector's oldest generation, every full collection walks them all (90 ms on the benchmark machine),
# and the request that triggers it waits. Frozen, a full collection walks only what requests created.
gc.freeze()
