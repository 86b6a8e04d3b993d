"""The engine is plain Python: importing it must not import Django."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_it_imports_no_django() -> None:
    code = (
        "import claims.extraction, sys; "
        "claims.extraction.extract('Prime Minister Ana Lopes said \"we will win this vote.\"'); "
        "assert not any(m.startswith('django') for m in sys.modules), 'django was imported'"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=60)


def test_it_changes_the_engine_version_with_the_source() -> None:
    from claims.extraction import ENGINE_SEMVER, ENGINE_VERSION

    assert ENGINE_VERSION.startswith(ENGINE_SEMVER + "+")
    assert len(ENGINE_VERSION.split("+")[1]) == 12
