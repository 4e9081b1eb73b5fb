"""GEDCOM import and export, and kinship names.

``POST /import/gedcom`` (the file as the raw body, or a multipart upload in the field
``file``), ``GET /persons/{person_id}/family.ged?generations=N`` (GEDCOM 7) and
``GET /persons/{person_id}/kinship/{relative_id}?lang=en|nl``."""

import re
from functools import partial
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from genogram_service.errors import ValidationProblem, field_error
from genogram_service.family.kinship import Kinship, kinship
from genogram_service.gedcom.service import (
    MAX_GENERATIONS,
    GedcomImportReport,
    export_gedcom,
    import_gedcom,
)
from genogram_service.http.openapi import ERRORS, IdPath
from genogram_service.records.routes import RecordsDep
from genogram_service.security.access import Action
from genogram_service.security.deps import ActorDep, GraphDep, GuardDep, RoleGate

router = APIRouter(tags=["gedcom"])
GEDCOM_MEDIA = "text/vnd.familysearch.gedcom"
_FILENAME = re.compile(r"""filename\*?=(?:UTF-8'')?"?([^";]+)"?""", re.I)
_KEY = r"^[A-Za-z0-9][A-Za-z0-9_.:\-]{0,39}$"


@router.post(
    "/import/gedcom",
    summary="Import a GEDCOM file (5.5, 5.5.1 or 7): individuals, families, child links",
    response_model=GedcomImportReport,
    responses={k: ERRORS[k] for k in (401, 403, 409, 422, 503)},
    # a role that may not import is refused before the file is read
    dependencies=[Depends(RoleGate(Action.create, resource="GEDCOM import", personal=False))],
    openapi_extra={"requestBody": {"required": True, "content": {
        "application/octet-stream": {"schema": {"type": "string", "format": "binary",
                                                "minLength": 1}},
        GEDCOM_MEDIA: {"schema": {"type": "string", "format": "binary", "minLength": 1}},
        "multipart/form-data": {"schema": {"type": "object", "properties": {
            "file": {"type": "string", "format": "binary"}}, "required": ["file"]}},
    }}},
)
async def import_gedcom_file(
    request: Request,
    records: RecordsDep,
    actor: ActorDep,
    file_name: Annotated[str | None, Query(max_length=255, description="the file's name "
                                           "(for the ids, when HEAD.FILE has none)")] = None,
    key: Annotated[str | None, Query(pattern=_KEY, description="the file key for the ids "
                                     "(default: from the file; see docs/gedcom.md)")] = None,
    force: Annotated[bool, Query(description="update persons of an earlier import with the "
                                 "same key even when their names differ")] = False,
    dry_run: Annotated[bool, Query(description="read and check the file, against the database "
                                   "too, and report what the import would do without writing "
                                   "or removing anything")] = False,
) -> Any:
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("multipart/form-data"):
        async with request.form() as form:
            upload = form.get("file")
            if not isinstance(upload, UploadFile):
                raise ValidationProblem([field_error(["body", "file"], "send the GEDCOM file "
                                                     "in the form field 'file'", "missing")])
            data = await upload.read()
            file_name = file_name or upload.filename
    else:
        data = await request.body()
        match = _FILENAME.search(request.headers.get("content-disposition", ""))
        file_name = file_name or (match.group(1) if match else None)
    if not data:
        raise ValidationProblem([field_error(["body"], "empty: send the GEDCOM file as the "
                                             "request body", "gedcom")])
    return await run_in_threadpool(partial(import_gedcom, records, data, actor=actor,
                                           file_name=file_name, key=key, force=force,
                                           dry_run=dry_run))


@router.get(
    "/persons/{person_id}/family.ged",
    summary="The family of a person as GEDCOM 7",
    response_class=Response,
    responses={200: {"description": "GEDCOM 7 (UTF-8)", "content": {GEDCOM_MEDIA: {}}},
               **{k: ERRORS[k] for k in (401, 403, 404, 422, 503)}},
)
def family_gedcom(
    person_id: IdPath,
    graph: GraphDep,
    guard: GuardDep,
    actor: ActorDep,
    generations: Annotated[int, Query(ge=0, le=MAX_GENERATIONS, description="generations up "
                                      "and down (with siblings and partners)")] = 2,
) -> Response:
    result = export_gedcom(graph, guard, actor, person_id=person_id, generations=generations)
    return Response(result.content, media_type=GEDCOM_MEDIA, headers={
        "Content-Disposition": f'attachment; filename="{result.file_name}"',
        "Cache-Control": "no-store",
        "X-Gedcom-Persons": str(result.persons),
    })


@router.get(
    "/persons/{person_id}/kinship/{relative_id}",
    summary="How the relative is related to the person, in English and Dutch",
    response_model=Kinship,
    responses={k: ERRORS[k] for k in (401, 403, 404, 422, 503)},
)
def kinship_name(
    person_id: IdPath,
    relative_id: IdPath,
    graph: GraphDep,
    guard: GuardDep,
    actor: ActorDep,
    lang: Annotated[Literal["en", "nl"], Query(description="language of `name`")] = "en",
) -> Any:
    return kinship(graph, guard, actor, person_id=person_id, relative_id=relative_id,
                   lang=lang)
