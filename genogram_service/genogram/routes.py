"""``GET /persons/{person_id}/genogram.{svg,png,pdf,dot}``: the genogram around a person."""

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Response
from pydantic import ValidationError

from genogram_service.errors import ValidationProblem, from_pydantic
from genogram_service.genogram.service import MAX_GENERATIONS, GenogramOptions, render_genogram
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
    graph: GraphDep,
    guard: GuardDep,
    actor: ActorDep,
    up: Annotated[int, Query(ge=0, le=MAX_GENERATIONS, description="generations up")] = 2,
    down: Annotated[int, Query(ge=0, le=MAX_GENERATIONS, description="generations down")] = 2,
    siblings: Annotated[bool, Query(description="siblings, half-siblings, aunts and "
                                                "uncles")] = True,
    partners: Annotated[bool, Query(description="partners of everyone shown and their other "
                                                "children")] = True,
    connected: Annotated[bool, Query(description="everyone connected through partners and "
                                                 "children (ignores up and down)")] = False,
    at: Annotated[dt.date | None, Query(description="the family as it was on this date "
                                                    "(default today)")] = None,
    professionals: Annotated[bool, Query(description="ecomap overlay: professionals in "
                                                     "contact in the period")] = True,
    emotional: Annotated[bool, Query(description="emotional relations overlay")] = True,
    households: Annotated[bool, Query(description="households on the date overlay")] = True,
    since: Annotated[dt.date | None, Query(description="start of the professionals period "
                                                       "(default four years before until)")
                     ] = None,
    until: Annotated[dt.date | None, Query(description="end of the professionals period "
                                                       "(default the 'at' date)")] = None,
    lang: Annotated[Literal["nl", "en"], Query(description="language of the labels")] = "nl",
    legend: Annotated[bool, Query(description="title and legend")] = True,
) -> Response:
    try:
        options = GenogramOptions(
            up=up, down=down, siblings=siblings, partners=partners, connected=connected, at=at,
            professionals=professionals, emotional=emotional, households=households,
            since=since, until=until, lang=lang, legend=legend)
    except ValidationError as exc:
        raise ValidationProblem(from_pydantic(exc.errors(), prefix=["query"])) from None
    result = render_genogram(graph, guard, actor, person_id=person_id, options=options, fmt=fmt)
    return Response(result.content, media_type=result.media_type, headers={
        "Content-Disposition": f'inline; filename="genogram-{person_id}.{fmt}"',
        "Cache-Control": "no-store",
        "X-Genogram-Persons": str(result.persons),
    })
