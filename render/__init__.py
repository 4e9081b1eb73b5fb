"""The genogram notation as data (``notation.toml``, ``labels.<lang>.json``); not code.

This folder is the package ``genogram_service._render`` (pyproject.toml, package-dir), so it
ships inside the wheel and ``genogram_service.resources`` finds it the same way in an editable
install; this file makes it a regular package, which the editable install's finder needs.
"""
