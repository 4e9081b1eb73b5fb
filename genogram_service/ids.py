"""What a record id looks like, declared once: the pydantic ``Id`` type
(:mod:`genogram_service.records.common`), the ``{id}`` path parameter
(:mod:`genogram_service.http.openapi`), the query parameters that take an id and the web
viewer's checks all use these. A bottom module, so every layer may import it."""

import re

#: letters, digits, '_', '.', ':', '-'; starts with a letter or digit; at most 100 characters
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.:\-]{0,99}$"
ID_MAX_LENGTH = 100
ID_RE = re.compile(ID_PATTERN)
