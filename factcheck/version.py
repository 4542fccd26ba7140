"""The version and the repository address, in a module of their own so that any stage can
name them without importing the package's entry point (and the whole pipeline with it)."""

__version__ = "0.1.0"

#: The project's repository: the SARIF informationUri, the rules' help pages, the User-Agent.
REPOSITORY_URL = "https://github.com/factcheck-news/factcheck"
