"""The installed package carries its type stubs, and they describe the native module."""

import ast
import pathlib

import dabir
import dabir._dabir as native

PACKAGE = pathlib.Path(dabir.__file__).parent


def test_py_typed_and_stub_are_installed():
    assert (PACKAGE / "py.typed").exists()
    assert (PACKAGE / "_dabir.pyi").exists()


def _stub_names():
    tree = ast.parse((PACKAGE / "_dabir.pyi").read_text(encoding="utf-8"))
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return names


def test_stub_matches_the_native_module():
    exported = {n for n in dir(native) if not n.startswith("__") or n == "__version__"}
    exported -= {"Text", "Preset", "Digits"}
    stub = _stub_names()
    assert exported <= stub, f"not in the stub: {exported - stub}"
    assert stub - {"Text", "Preset", "Digits"} <= exported, f"stubbed but absent: {stub - exported}"


def test_package_exports():
    for name in dabir.__all__:
        assert hasattr(dabir, name), name
