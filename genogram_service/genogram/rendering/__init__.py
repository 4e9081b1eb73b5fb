"""Genogram rendering: pure functions from a :class:`FamilyView` (plain pydantic models) to
DOT source and, through the system ``dot``, to SVG, PNG, PDF or laid-out JSON.

Knows nothing of Neo4j, requests or access control: the use case in
``services/genogram.py`` selects and filters the family and hands it over. The notation
(symbols, line styles, colours, labels) is data in ``render/``.
"""

from genogram_service.genogram.rendering.build import (
    Drawing,
    build,
    build_dot,
    render,
    render_drawing,
)
from genogram_service.genogram.rendering.engine import (
    MEDIA_TYPES,
    Box,
    positions,
    run_dot,
)
from genogram_service.genogram.rendering.model import (
    ChildItem,
    ContactLink,
    EmotionalItem,
    FamilyView,
    HouseholdItem,
    OrganisationItem,
    PersonItem,
    ProfessionalItem,
    RenderOptions,
    UnionItem,
)
from genogram_service.genogram.rendering.notation import Notation, load_notation, read_notation

__all__ = [
    "MEDIA_TYPES",
    "Box",
    "ChildItem",
    "Drawing",
    "ContactLink",
    "EmotionalItem",
    "FamilyView",
    "HouseholdItem",
    "Notation",
    "OrganisationItem",
    "PersonItem",
    "ProfessionalItem",
    "RenderOptions",
    "UnionItem",
    "build",
    "build_dot",
    "load_notation",
    "positions",
    "read_notation",
    "render",
    "render_drawing",
    "run_dot",
]
