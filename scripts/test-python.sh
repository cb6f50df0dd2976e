#!/usr/bin/env bash
# The Python bindings as users get them: builds the abi3 wheel with maturin (release),
# installs it into a venv under target/python/ci-venv and runs the pytest suite
# (crates/dabir-python/tests) against the installed wheel, not the source tree.
#
#   scripts/test-python.sh            # build, install, test
#
# Needs CPython >= 3.9 with pip (the venv is made with the venv module; when that has
# no ensurepip, as on Debian without python3-venv, pip installs into a bare venv).
# maturin and pytest are pinned; the venv is reused between runs.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
python="${PYTHON:-python3}"
venv="$root/target/python/ci-venv"
wheels="$root/target/python/wheels"
MATURIN_VERSION=1.16.0
PYTEST_VERSION=9.2.0

if [ ! -x "$venv/bin/python" ]; then
    if ! "$python" -m venv "$venv" 2>/dev/null; then
        echo "venv without ensurepip: creating a bare venv and installing pip into it"
        rm -rf "$venv"
        "$python" -m venv --without-pip "$venv"
        "$python" -m pip --python "$venv/bin/python" install -q pip
    fi
fi
"$venv/bin/python" -m pip install -q --disable-pip-version-check \
    "maturin==$MATURIN_VERSION" "pytest==$PYTEST_VERSION"
"$venv/bin/python" --version
"$venv/bin/maturin" --version

rm -rf "$wheels"
"$venv/bin/maturin" build --release --locked \
    --manifest-path crates/dabir-python/Cargo.toml \
    --interpreter "$venv/bin/python" --out "$wheels"
wheel="$(ls "$wheels"/dabir-*.whl)"
echo "wheel: $wheel ($(du -h "$wheel" | cut -f1))"
"$venv/bin/python" -m pip install -q --disable-pip-version-check \
    --force-reinstall --no-deps "$wheel"

cd crates/dabir-python/tests
"$venv/bin/python" -m pytest -q -p no:cacheprovider
