"""Settings for the load benchmark's server: the test settings (production settings with a
throwaway key, DEBUG off) with the benchmark's URLconf, which adds the bare baseline view."""

from finsam.settings_test import *  # noqa: F403

ROOT_URLCONF = "tests.benchmarks.serving"
