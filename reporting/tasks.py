"""Tasks for the worker (django-tasks): `manage.py db_worker` runs them in production."""

from django_tasks import task

from reporting import jobs


@task()
def run_job(job_id: str) -> None:
    jobs.run(job_id)
