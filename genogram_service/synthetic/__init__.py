"""Deterministic synthetic data: Dutch families, the organisations around them and their cases.

Demo and benchmark data, imported only by the command line and the tests. What it offers:

- :func:`generate` and :func:`generate_chunks`: families and their cases, as one bundle or in
  bundles of at most ``chunk_families`` families (100,000 families without holding them all
  in memory); ``genogram seed`` uses them.
- :func:`generate_lineage`: one large connected family over several generations, for the
  genogram tests and benchmark.
- :data:`DEFAULT_TODAY`, :data:`MAX_FAMILIES`, :data:`MAX_SEED`, :func:`professionals_for`.

Determinism
    Everything derives from ``seed`` through private ``random.Random`` instances: never the
    global generator, the clock or ``uuid4``. The *world* (regions, organisations,
    professionals, employments) depends on ``seed``, ``today`` and the number of professionals
    (:func:`professionals_for`); professional ``k`` depends on ``(seed, k, today)`` only, so a
    larger world extends a smaller one record for record. Family ``k`` depends on
    ``(seed, k, today)`` and the world it draws its professionals from. The world is emitted
    once, in the first bundle (``generate`` always includes it).

Ids are short, stable and readable, and carry the seed (``s1`` for seed 1), so datasets of
different seeds never share an id (a second dataset adds to the first instead of overwriting
it)::

    org-s1-utrecht-gi-1    organisation (seed, region, type, number)
    pro-s1-00042           professional          emp-s1-00042-2   their second employment
    p-s1-000123-04         person 4 of family 123
    u-s1-000123-02  h-s1-000123-1  hm-s1-000123-007  cl-s1-000123-05  er-s1-000123-1
    c-s1-000123-1  r-s1-000123-1  a-s1-000123-003  ho-s1-000123-01  m-s1-000123-02
    rf-s1-000123-01  sa-s1-000123-1-2 (case 1, version 2)  ct-s1-000123-0017

BSNs are unique within a dataset and numbered from the seed (see ``names.bsn_for``): datasets
of up to 10,000 families under different seeds below 100 share none; where two datasets do
share one, importing the second is refused (one BSN, one person) before anything is written.

Every record is built with ``model_construct``, skipping validation, which is most of the cost
of building a record; the generator keeps every model rule itself and
``tests/unit/synthetic/test_seed.py`` proves it by validating generated bundles.

The modules, by what they make:

- ``seed``: the generator (``generate``, ``generate_chunks``); ``Family`` joins the two below.
- ``world`` (with the data in ``regions``): regions, organisations, professionals, employments.
- ``family``: one family's drafts and the primitives that add them; ``genealogy``: the
  generations, unions, households and emotional relations.
- ``cases`` (with ``casework``, ``measures`` and the texts in ``texts``): case histories from
  melding to closure, in the relay or the team model.
- ``lineage``: the large connected families of ``generate_lineage``.
- ``names`` (Dutch names, BSNs), ``common`` (seeded random streams, weighted choices, days),
  ``sink`` (records collected until a bundle is cut).
"""

from genogram_service.synthetic.common import DEFAULT_TODAY, MAX_FAMILIES, MAX_SEED
from genogram_service.synthetic.lineage import Lineage, generate_lineage
from genogram_service.synthetic.seed import generate, generate_chunks
from genogram_service.synthetic.world import professionals_for

__all__ = [
    "DEFAULT_TODAY", "MAX_FAMILIES", "MAX_SEED", "Lineage", "generate", "generate_chunks",
    "generate_lineage", "professionals_for",
]
