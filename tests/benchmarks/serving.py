"""The URLconf the load benchmark serves: the project's, plus an authenticated view that returns
a fixed string, the baseline every page is measured against (tests/benchmarks/load.py).

Settings: tests.benchmarks.serving_settings (the test settings with this URLconf). Never
deployed: the baseline exists only in the benchmark's server.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import path

from finsam.urls import urlpatterns as project_urlpatterns


@login_required
def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("_benchmark/bare/", bare, name="benchmark_bare"), *project_urlpatterns]
