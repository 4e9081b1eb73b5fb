"""The package as a user installs it: a wheel built from a clean copy of the repository,
installed into a fresh venv outside the checkout, running ``genogram`` from a folder outside
the checkout against the test Neo4j. It must carry cypher/, render/ and schemas/ inside itself
and write nothing into site-packages.

The fresh venv takes the dependencies from the project's .venv through a ``.pth`` line (a
plain path: the .venv's own ``.pth`` files, among them the editable install's finder, are not
run), so nothing is downloaded but the build backend; ``genogram_service`` itself must come
from the wheel, which the tests check.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import sysconfig
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from genogram_service.cli.common import SECRET_SETTINGS
from genogram_service.db import Graph
from genogram_service.settings import Settings
from tests.support.helpers import graph_counts
from tests.support.paths import REPO

#: what a clone does not have (ignored by git) or a build leaves behind
NOT_SOURCES = shutil.ignore_patterns(".git", ".venv", "var", "build", "dist", "target",
                                     "__pycache__", "*.pyc", "*.egg-info", ".*_cache",
                                     "node_modules")
#: the top-level folders the package reads, and their names inside it (pyproject package-dir)
DATA = {"cypher": "_cypher", "render": "_render", "schemas": "_schemas"}
#: in the tree but not read at run time: npm's list of the vendored front-end files
NOT_SHIPPED = {"genogram_service/web/package.json"}
SVG = "{http://www.w3.org/2000/svg}"


@dataclass
class Installed:
    src: Path  # the clean copy the wheel was built from
    wheel: Path
    venv: Path
    site: Path  # the fresh venv's site-packages
    work: Path  # the working folder of the commands, outside the checkout
    home: Path  # HOME of the commands (state of an installed package goes under it)

    def run(self, *args: str, env: dict[str, str] | None = None
            ) -> subprocess.CompletedProcess[str]:
        """A program of the fresh venv, run in ``work``."""
        return subprocess.run([str(self.venv / "bin" / args[0]), *args[1:]], cwd=self.work,
                              env=env if env is not None else self.env(), capture_output=True,
                              text=True, timeout=300, check=False)

    def env(self, **extra: str) -> dict[str, str]:
        # nothing of the test process's configuration leaks in: no GENOGRAM_*, no PYTHONPATH
        # (pytest's rootdir), no XDG folders of the machine's user
        keep = {k: v for k, v in os.environ.items()
                if not k.startswith(("GENOGRAM_", "PYTHON", "VIRTUAL_ENV", "XDG_"))}
        return {**keep, "HOME": str(self.home), **extra}


def _files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts}


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    tmp = tmp_path_factory.mktemp("wheel")
    assert not tmp.resolve().is_relative_to(REPO), "the install must be outside the checkout"
    src, dist, venv, work, home = (tmp / n for n in ("src", "dist", "venv", "work", "home"))
    # a copy, because setuptools builds in place (build/ would be left in the checkout, and
    # files deleted from the tree could linger in it and pass this test)
    shutil.copytree(REPO, src, ignore=NOT_SOURCES)
    work.mkdir()
    home.mkdir()
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    built = subprocess.run([*pip, "wheel", "--no-deps", "--wheel-dir", str(dist), str(src)],
                           capture_output=True, text=True, timeout=600, check=False)
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = dist.glob("genogram_service-*.whl")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    done = subprocess.run([*pip, "--python", str(python), "install", "--no-deps", "--no-index",
                           str(wheel)], capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; "
                                "print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    deps = sorted({sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]})
    (site / "project-dependencies.pth").write_text("".join(f"{p}\n" for p in deps))
    return Installed(src, wheel, venv, site, work, home)


def test_the_wheel_holds_the_package_and_the_data_it_reads(installed: Installed) -> None:
    wanted = {f"genogram_service/{f}" for f in _files(installed.src / "genogram_service")}
    for folder, name in DATA.items():
        wanted |= {f"genogram_service/{name}/{f}" for f in _files(installed.src / folder)}
    wanted -= NOT_SHIPPED
    with zipfile.ZipFile(installed.wheel) as whl:
        shipped = {n for n in whl.namelist() if ".dist-info/" not in n}
    assert shipped == wanted  # nothing missing, nothing else (no top-level cypher/ or var/)
    assert sum(n.endswith(".cypher") for n in shipped) > 100
    assert {"genogram_service/_render/notation.toml", "genogram_service/_schemas/bundle.json",
            "genogram_service/web/templates/person.html"} <= shipped


def test_the_package_and_its_data_come_from_the_wheel(installed: Installed) -> None:
    probe = installed.run("python", "-c", (
        "import json, genogram_service, genogram_service.resources as r, "
        "genogram_service.settings as s\n"
        "print(json.dumps({'package': genogram_service.__file__, 'cypher': str(r.CYPHER_DIR), "
        "'render': str(r.RENDER_DIR), 'schemas': str(r.SCHEMAS_DIR), "
        "'db': str(s.Settings().local_db_dir), 'secrets': str(s.Settings().dev_secrets_file)}))"))
    assert probe.returncode == 0, probe.stderr
    found = {k: Path(v) for k, v in json.loads(probe.stdout).items()}
    package = installed.site / "genogram_service"
    assert found["package"] == package / "__init__.py"
    for folder, name in DATA.items():
        assert found[folder] == package / name
    state = installed.home / ".local" / "share" / "genogram-service"
    assert (found["db"], found["secrets"]) == (state / "neo4j", state / "dev-secrets.env")


def test_seed_schemas_and_render_from_the_installed_package(
        installed: Installed, graph: Graph, settings: Settings) -> None:
    before = _files(installed.site)
    secrets = {f"GENOGRAM_{name.upper()}": value.get_secret_value()
               for name in SECRET_SETTINGS
               if (value := getattr(settings, name)) is not None}
    database = {"GENOGRAM_NEO4J_URI": settings.effective_neo4j_uri,
                "GENOGRAM_NEO4J_USER": settings.neo4j_user, **secrets}
    if settings.neo4j_password is not None:
        database["GENOGRAM_NEO4J_PASSWORD"] = settings.neo4j_password.get_secret_value()
    env = installed.env(**database)

    checked = installed.run("genogram", "schemas", "export", "--check", env=env)
    assert checked.returncode == 0, checked.stderr
    assert "schemas current" in checked.stderr

    out = installed.work / "seed.ndjson"
    written = installed.run("genogram", "seed", "--families", "2", "--seed", "7", "--out",
                            str(out), env=env)
    assert written.returncode == 0, written.stderr
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    persons = [r for r in lines if r["record"] == "person"]
    assert len(persons) > 2 * 3 and {"union", "child_link"} <= {r["record"] for r in lines}

    seeded = installed.run("genogram", "seed", "--families", "2", "--seed", "7", env=env)
    assert seeded.returncode == 0, seeded.stderr
    assert graph_counts(graph)["node:Person"] == len(persons)  # the same data, in Neo4j

    person = next(p for p in persons if p.get("surname") and p.get("given_names"))
    svg = installed.work / "genogram.svg"
    drawn = installed.run("genogram", "render", person["id"], "-o", str(svg), env=env)
    assert drawn.returncode == 0, drawn.stderr
    root = ET.fromstring(svg.read_bytes())  # noqa: S314 - our own output
    assert root.tag == f"{SVG}svg"
    texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert person["surname"] in texts
    assert "Legenda" in texts  # the Dutch labels of render/, read from the package

    assert _files(installed.site) - before <= {"project-dependencies.pth"}  # wrote nothing there


def test_without_a_database_an_installed_package_says_what_to_set(installed: Installed) -> None:
    """The local Neo4j's launcher comes with a checkout only; the development keys go to the
    user's data folder, never next to the package."""
    before = _files(installed.site)
    with socket.socket() as s:  # a free port: nothing answers there
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    done = installed.run("genogram", "db", "migrate",
                         env=installed.env(GENOGRAM_LOCAL_DB_PORT=str(port)))
    assert done.returncode == 1
    assert "GENOGRAM_NEO4J_URI" in done.stderr and "launcher" in done.stderr
    state = installed.home / ".local" / "share" / "genogram-service"
    assert (state / "dev-secrets.env").is_file()
    assert not (state / "neo4j").exists()
    assert _files(installed.site) == before
