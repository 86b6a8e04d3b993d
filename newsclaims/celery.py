"""The Celery app. Tasks are discovered in each installed app's ``tasks`` module."""

import logging
import os
from typing import Any

from celery import Celery
from celery.signals import after_setup_logger, after_setup_task_logger, task_postrun, task_prerun

from newsclaims.logs import JsonFormatter, task_finished, task_started

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsclaims.settings")

app = Celery("newsclaims")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


# --- Structured logs (NEWSCLAIMS_LOG_FORMAT=json): one line per task, see newsclaims/logs.py ------
@task_prerun.connect
def _log_task_start(task_id: str, **_: Any) -> None:
    task_started(task_id)


@task_postrun.connect
def _log_task_end(task_id: str, task: Any, state: str | None = None, **_: Any) -> None:
    task_finished(task_id=task_id, task_name=task.name, state=state)


@after_setup_logger.connect
@after_setup_task_logger.connect
def _json_worker_logs(logger: logging.Logger, **_: Any) -> None:
    """A worker configures its own log handlers; with the JSON format they write JSON lines too."""
    from django.conf import settings

    if settings.NEWSCLAIMS_LOG_FORMAT == "json":
        for handler in logger.handlers:
            handler.setFormatter(JsonFormatter())
