"""Benchmarks: scripts that time the heavy parts at national scale in a throwaway database.

They are not collected by pytest (no test_ names); run them by hand or in a release check, e.g.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/finsam .venv/bin/python -m tests.benchmarks.participants_report
"""
