# The Genogram Service API. Build and run with Neo4j: see docker-compose.yml.
#
# The package is built as a wheel and installed like any other (not editable): cypher/,
# render/ and schemas/ ship inside it (genogram_service/resources.py), so no source tree is
# needed at run time. The first stage only builds the wheel.
FROM python:3.11-slim AS wheel

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /src
COPY . .
RUN pip wheel --no-deps --wheel-dir /wheels .

FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# Graphviz: the `dot` binary behind the `graphviz` package (genogram rendering)
RUN apt-get update \
    && apt-get install -y --no-install-recommends graphviz \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 genogram \
    && useradd --system --uid 10001 --gid genogram --home-dir /app --no-create-home \
       --shell /usr/sbin/nologin genogram

WORKDIR /app

# Dependencies first, in their own layer: a code change does not reinstall them.
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
        > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

COPY --from=wheel /wheels /tmp/wheels
RUN pip install --no-deps /tmp/wheels/*.whl \
    && rm -rf /tmp/wheels \
    && genogram --help > /dev/null

# State the service writes (the demo accounts file of `genogram serve` on an empty database)
# goes to $XDG_DATA_HOME/genogram-service when installed (settings.VAR_DIR): a folder the
# service's user owns, not site-packages.
ENV XDG_DATA_HOME=/var/lib/genogram
RUN install -d -o genogram -g genogram /var/lib/genogram /var/lib/genogram/genogram-service

USER genogram

EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('GENOGRAM_PORT', '8000') + '/health', timeout=4)"]

# --demo-families 0: never load synthetic data into a deployed database.
# Needs GENOGRAM_NEO4J_URI (+ user/password) and GENOGRAM_BSN_ENCRYPTION_KEY /
# GENOGRAM_BSN_HASH_KEY; without them it stops with a clear error.
CMD ["genogram", "serve", "--host", "0.0.0.0", "--demo-families", "0"]
