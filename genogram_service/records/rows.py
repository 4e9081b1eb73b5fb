"""Conversion between domain models and the parameter rows of the Cypher statements."""

from __future__ import annotations

from typing import Any

from genogram_service.dates import STORED
from genogram_service.records import Entity, Kind, PersonPublic
from genogram_service.records.bsn import BsnVault

#: stored on Person nodes instead of the plaintext BSN
BSN_STORED = ("bsn_enc", "bsn_hash")


def to_row(kind: Kind, rec: Entity, vault: BsnVault) -> dict[str, Any]:
    """One ``$rows`` entry for ``write/upsert_<kind>``."""
    exclude = set(kind.ref_fields)
    props = rec.model_dump(exclude=exclude, exclude_none=True)
    if kind.name == "person":
        bsn = props.pop("bsn", None)
        if bsn is not None:
            props["bsn_enc"] = vault.encrypt(bsn)
            props["bsn_hash"] = vault.digest(bsn)
    row: dict[str, Any] = {"id": rec.id, "props": props}
    if kind.kept is not None:
        # a record that does not mention the field (the BSN) keeps the stored properties; an
        # explicit null clears them
        row[kind.kept.flag] = kind.kept.field not in rec.model_fields_set
    for ref in kind.refs:
        value = getattr(rec, ref.field)
        if kind.is_relationship:
            row[ref.field] = value
        elif ref.many:
            row[ref.field] = list(value)
        else:
            row[ref.field] = [] if value is None else [value]
    return row


def from_record(
    kind: Kind,
    props: dict[str, Any],
    refs: dict[str, Any],
    vault: BsnVault | None = None,
    *,
    include_bsn: bool = False,
) -> Entity:
    """A model from a ``read/get_<kind>`` record (``props`` and ``refs`` maps)."""
    data = dict(props)
    for ref in kind.refs:
        value = refs.get(ref.field)
        if not kind.is_relationship and not ref.many:
            value = value[0] if value else None
        data[ref.field] = value
    if kind.name == "person":
        token = data.pop("bsn_enc", None)
        data.pop("bsn_hash", None)
        data["has_bsn"] = token is not None
        if include_bsn and token is not None and vault is not None:
            data["bsn"] = vault.decrypt(token)
        return PersonPublic.model_validate(data, context=STORED)
    # STORED: a date written before the supported range was enforced is read as it is
    return kind.model.model_validate(data, context=STORED)
