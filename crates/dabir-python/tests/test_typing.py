"""The installed package carries its type stubs, and they describe the native module."""

import ast
import pathlib

import dabir
import dabir._dabir as native

PACKAGE = pathlib.Path(dabir.__file__).parent


def test_py_typed_and_stub_are_installed():
    assert (PACKAGE / "py.typed").exists()
    assert (PACKAGE / "_dabir.pyi").exists()


STUB_ONLY = {"Text", "Preset", "Digits", "CleanOptions", "AnalyzeOptions"}


def _stub():
    return ast.parse((PACKAGE / "_dabir.pyi").read_text(encoding="utf-8"))


def _stub_names():
    tree = _stub()
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return names


def test_stub_matches_the_native_module():
    exported = {n for n in dir(native) if not n.startswith("__") or n == "__version__"}
    stub = _stub_names()
    assert exported <= stub, f"not in the stub: {exported - stub}"
    assert stub - STUB_ONLY <= exported, f"stubbed but absent: {stub - exported}"


def _typed_dict_keys(name):
    for node in _stub().body:
        if isinstance(node, ast.ClassDef) and node.name == name:
            return {
                n.target.id
                for n in node.body
                if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)
            }
    raise AssertionError(f"{name} is not in the stub")


def test_stub_options_are_the_native_options():
    # the stub lists the cleaning options once; they must be the ones the module takes
    assert _typed_dict_keys("CleanOptions") == set(native.clean_options()) | {"preset"}
    own = _typed_dict_keys("AnalyzeOptions")
    assert own == {"one_sentence_per_line", "split_clitics", "morphology"}
    native.Pipeline(**{k: False for k in own})


def test_package_exports():
    for name in dabir.__all__:
        assert hasattr(dabir, name), name
