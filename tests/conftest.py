from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEED = FIXTURES / "seed"
DEV = FIXTURES / "dev"


@pytest.fixture(scope="session")
def seed_report():
    """The seed article (.txt) checked against its reconstructed English source."""
    import factcheck

    return factcheck.check(str(SEED / "article.txt"), [str(SEED / "source.html")])
