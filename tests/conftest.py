import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def coder():
    """The real pipeline with the real spaCy model, loaded once for the whole test session."""
    from newsevents.pipeline import coder as make

    return make()


@pytest.fixture(scope="session")
def example_text():
    return (EXAMPLES / "nato-libya-2011.txt").read_text(encoding="utf-8")


def run_cli(*args, stdin: bytes | None = None, cwd=None):
    """Run the real `newsevents` command in a subprocess."""
    env = dict(os.environ)
    return subprocess.run(
        [sys.executable, "-m", "newsevents.cli", *map(str, args)],
        input=stdin, capture_output=True, cwd=cwd or ROOT, env=env, timeout=600,
    )
