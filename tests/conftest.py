from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEED = FIXTURES / "seed"
DEV = FIXTURES / "dev"


@pytest.fixture(autouse=True)
def local_web(tmp_path_factory, monkeypatch):
    """Every test: the HTTP cache in a fresh folder, loopback and private addresses allowed
    (tests serve pages from 127.0.0.1), and the web archive off, so no test reaches the
    internet. Tests of the archive set FACTCHECK_WAYBACK_URL to a local server."""
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path_factory.mktemp("http-cache")))
    monkeypatch.setenv("FACTCHECK_ALLOW_PRIVATE", "1")
    monkeypatch.setenv("FACTCHECK_WAYBACK_URL", "off")


@pytest.fixture(scope="session")
def seed_report():
    """The seed article (.txt) checked against its reconstructed English source."""
    import factcheck

    return factcheck.check(str(SEED / "article.txt"), [str(SEED / "source.html")])


def check_texts(tmp_path, article: str, source: str):
    """Check an article text against a source text, both written as .txt files in tmp_path."""
    import factcheck

    art, src = tmp_path / "article.txt", tmp_path / "source.txt"
    art.write_text(article, encoding="utf-8")
    src.write_text(source, encoding="utf-8")
    return factcheck.check(str(art), [str(src)])
