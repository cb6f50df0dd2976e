#!/usr/bin/env bash
# dabir's Python API against hazm in one Python process (BENCHMARKS.md, "## Python").
#
#   scripts/bench-python.sh [--corpus FILE] [--runs N] [--md FILE]
#
# Needs the hazm venv of the peers (`python3 ../shared/bench/baselines.py setup hazm`,
# under $ZWNJ_VENVS, default ~/.cache/zwnj-bench/venvs/hazm). Makes its own venv,
# target/python/bench-venv, on the same interpreter, that sees hazm's site-packages
# through a .pth file (the peers' venv is not modified), installs the dabir wheel
# (built here with maturin, release) into it, and runs scripts/bench_python.py.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
hazm_venv="${ZWNJ_VENVS:-$HOME/.cache/zwnj-bench/venvs}/hazm"
if [ ! -x "$hazm_venv/bin/python" ]; then
    echo "no hazm venv at $hazm_venv: run python3 ../shared/bench/baselines.py setup hazm" >&2
    exit 2
fi
hazm_site="$("$hazm_venv/bin/python" -c 'import hazm, os; print(os.path.dirname(os.path.dirname(hazm.__file__)))')"
base_python="$("$hazm_venv/bin/python" -c 'import sys; print(sys._base_executable)')"

venv="$root/target/python/bench-venv"
if [ ! -x "$venv/bin/python" ]; then
    "$base_python" -m venv "$venv"
fi
site="$("$venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
echo "$hazm_site" > "$site/hazm-venv.pth"
"$venv/bin/python" -m pip install -q --disable-pip-version-check "maturin==1.16.0"

wheels="$root/target/python/bench-wheels"
rm -rf "$wheels"
"$venv/bin/maturin" build --release --locked -q \
    --manifest-path crates/dabir-python/Cargo.toml \
    --interpreter "$venv/bin/python" --out "$wheels"
"$venv/bin/python" -m pip install -q --disable-pip-version-check \
    --force-reinstall --no-deps "$wheels"/dabir-*.whl

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$venv/bin/python" scripts/bench_python.py "$@"
