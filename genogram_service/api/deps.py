"""Typed dependencies: the process-wide services live on ``app.state``."""

from typing import Annotated

from fastapi import Depends, Request

from ..services import RecordService


def get_records(request: Request) -> RecordService:
    service: RecordService = request.app.state.records
    return service


RecordsDep = Annotated[RecordService, Depends(get_records)]
