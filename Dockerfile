# The Genogram Service API. Build and run with Neo4j: see docker-compose.yml.
#
# The service reads cypher/, render/ and schemas/ from the project root next to the package
# (settings.PROJECT_ROOT = parent of genogram_service/), so the whole tree lives in /app and
# the package is installed in editable mode from there.
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

COPY . .
RUN pip install --no-deps -e . \
    && genogram --help > /dev/null

USER genogram

EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('GENOGRAM_PORT', '8000') + '/health', timeout=4)"]

# --demo-families 0: never load synthetic data into a deployed database.
# Needs GENOGRAM_NEO4J_URI (+ user/password) and GENOGRAM_BSN_ENCRYPTION_KEY /
# GENOGRAM_BSN_HASH_KEY; without them it stops with a clear error.
CMD ["genogram", "serve", "--host", "0.0.0.0", "--demo-families", "0"]
