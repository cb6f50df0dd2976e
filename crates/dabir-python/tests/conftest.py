"""pytest setup: the tests import the installed `dabir` (the built wheel), never the
source tree, so they test what users get."""

import pathlib

import dabir

SOURCE = pathlib.Path(__file__).resolve().parent.parent / "python"


def pytest_report_header(config):
    return f"dabir {dabir.__version__} from {pathlib.Path(dabir.__file__).parent}"
