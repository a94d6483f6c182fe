#!/usr/bin/env bash
# Everything the coach needs on a fresh Debian/Ubuntu machine, idempotently:
# system packages (only when one is missing), a .venv, and the Python packages (only when
# pyproject.toml or this script changed). Run by `make setup`, `make run` and `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."

SYSTEM_PACKAGES=(ffmpeg sox libsox-fmt-all espeak-ng libportaudio2 libsndfile1 chromium postgresql util-linux)
PYTHON=${PYTHON:-python3}

missing=()
for pkg in "${SYSTEM_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "Installing system packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
stamp=".venv/.coach-installed-$(cat pyproject.toml scripts/setup.sh | sha256sum | cut -c1-16)"
# pip warns once per package about this machine's optional second local index; not our concern.
pip_install() { .venv/bin/python -m pip install -q "$@" 2> >(grep -v "is neither a file nor a directory" >&2); }
if [ ! -f "$stamp" ]; then
  echo "Installing Python packages into .venv"
  pip_install --upgrade pip
  # Installed without their declared dependencies, which pyproject.toml lists instead:
  # openai-whisper's `triton` (1 GB, used only on GPUs); resemblyzer's `webrtcvad` (needs the
  # removed pkg_resources; webrtcvad-wheels provides the module) and `typing` backport.
  pip_install --no-deps "openai-whisper==20250625" "resemblyzer==0.1.4"
  pip_install -e ".[dev]"
  # librosa's numba kernels (the filled-pause detector's pitch) compile on first use and are cached
  # inside the venv. Two processes compiling them at once on a fresh venv (the two test processes,
  # two cohort workers) wrote a cache that made every later process crash (segmentation fault in
  # librosa.yin): compile them here, once, in one process.
  .venv/bin/python -c "import numpy as np; from coach.transcribe.filled_pauses.features import measure; measure(np.zeros(16000, dtype=np.float32)); measure(np.random.default_rng(0).normal(0, 0.1, 16000).astype(np.float32))"
  rm -f .venv/.coach-installed-*
  touch "$stamp"
fi
