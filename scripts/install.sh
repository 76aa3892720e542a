#!/usr/bin/env bash
# Create ./.venv and install fupin with everything its tests, notebooks and
# scale-out need. torch is pinned first to the CPU build (2.13.0) so that no
# resolver pulls a multi-GB CUDA build for transformers.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip setuptools wheel
.venv/bin/python -m pip install -q "torch==2.13.0"
.venv/bin/python -m pip install -q -e ".[test,transformers,notebooks,scale]"
echo "fupin installed in $(pwd)/.venv"
