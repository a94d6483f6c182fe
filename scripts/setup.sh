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
if [ ! -f "$stamp" ]; then
  echo "Installing Python packages into .venv"
  .venv/bin/python -m pip install -q --upgrade pip
  # Installed without their declared dependencies, which pyproject.toml lists instead:
  # openai-whisper's `triton` (1 GB, used only on GPUs); resemblyzer's `webrtcvad` (needs the
  # removed pkg_resources; webrtcvad-wheels provides the module) and `typing` backport.
  .venv/bin/python -m pip install -q --no-deps "openai-whisper==20250625" "resemblyzer==0.1.4"
  .venv/bin/python -m pip install -q -e ".[dev]"
  rm -f .venv/.coach-installed-*
  touch "$stamp"
fi
