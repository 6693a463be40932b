"""Shared fixtures: the dossier command to compare with, the repository and its data."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _shared() -> Path:
    return Path(os.environ.get("DOSSIER_SHARED", REPO.parent / "shared"))


def shared_path(*parts: str) -> Path:
    """A path into the shared evaluation data; skips the test when it is absent, fails
    when DOSSIER_REQUIRE_SHARED=1."""
    path = _shared().joinpath(*parts)
    if not path.exists():
        msg = f"{path} not found (set DOSSIER_SHARED to the shared evaluation data)"
        if os.environ.get("DOSSIER_REQUIRE_SHARED") == "1":
            pytest.fail(msg)
        pytest.skip(msg)
    return path


@pytest.fixture(scope="module")
def cli() -> Path:
    """The dossier binary: DOSSIER_BIN, or the release build of this repository."""
    if os.environ.get("DOSSIER_BIN"):
        return Path(os.environ["DOSSIER_BIN"])
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    binary = target / "release" / "dossier"
    if not binary.exists():
        found = shutil.which("dossier")
        if found is None:
            pytest.fail(f"no dossier binary at {binary}: run `cargo build --release` or set DOSSIER_BIN")
        return Path(found)
    return binary


def run_cli(cli: Path, *args, stdin: str = None) -> str:
    """Runs the dossier command and returns its standard output; fails on exit code 2."""
    done = subprocess.run(
        [str(cli), *map(str, args)], input=stdin, capture_output=True, text=True, cwd=REPO
    )
    assert done.returncode in (0, 1), done.stderr
    return done.stdout


def json_lines(text: str) -> list:
    return [json.loads(line) for line in text.splitlines() if line.strip()]
