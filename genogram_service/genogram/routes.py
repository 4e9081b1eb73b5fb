"""``GET /persons/{person_id}/genogram.{svg,png,pdf,dot}``: the genogram around a person."""

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Response

from genogram_service.genogram.options import GenogramOptions
from genogram_service.genogram.service import render_genogram
from genogram_service.http.openapi import ERRORS, IdPath
from genogram_service.security.deps import ActorDep, GraphDep, GuardDep

router = APIRouter(tags=["genograms"], responses={k: ERRORS[k] for k in (401, 403, 404, 422,
                                                                         503)})

PICTURES: dict[str, dict[str, Any]] = {
    "image/svg+xml": {}, "image/png": {}, "application/pdf": {}, "text/vnd.graphviz": {},
}


@router.get(
    "/persons/{person_id}/genogram.{fmt}",
    summary="The genogram around a person (SVG, PNG, PDF or the Graphviz source)",
    response_class=Response,
    responses={200: {"description": "The picture", "content": PICTURES}},
)
def genogram(
    person_id: IdPath,
    fmt: Annotated[Literal["svg", "png", "pdf", "dot"], Path(description="svg, png, pdf or dot")],
    options: Annotated[GenogramOptions, Query()],
    graph: GraphDep,
    guard: GuardDep,
    actor: ActorDep,
) -> Response:
    result = render_genogram(graph, guard, actor, person_id=person_id, options=options, fmt=fmt)
    return Response(result.content, media_type=result.media_type, headers={
        "Content-Disposition": f'inline; filename="genogram-{person_id}.{fmt}"',
        "Cache-Control": "no-store",
        "X-Genogram-Persons": str(result.persons),
    })
