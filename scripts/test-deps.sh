#!/usr/bin/env bash
# Makes sure the programs the tests drive are installed: xmllint and jing
# (RELAX NG validators), Python's feedparser (a real feed reader), man
# (`man -l` renders `feedwright man`), script (a terminal for the progress
# test), bash (loads the completions), jq and pre-commit (the GitHub
# Action's script and the pre-commit hooks, tests/cli/ci_integrations.rs),
# Chromium (shows the styled feeds and index.html) and Python's html5lib
# (parses index.html strictly).
# Installs what is missing when it can (as root, or with sudo); otherwise
# stops at once with the exact command to run. Tests never skip a missing tool.
set -euo pipefail

missing_apt=()
command -v xmllint >/dev/null 2>&1 || missing_apt+=(libxml2-utils)
command -v jing >/dev/null 2>&1 || missing_apt+=(jing)
command -v python3 >/dev/null 2>&1 || missing_apt+=(python3 python3-pip)
command -v man >/dev/null 2>&1 || missing_apt+=(man-db)
command -v script >/dev/null 2>&1 || missing_apt+=(bsdutils)
command -v jq >/dev/null 2>&1 || missing_apt+=(jq)
command -v chromium >/dev/null 2>&1 || missing_apt+=(chromium)

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo_cmd=(sudo)
  else
    sudo_cmd=(none)
  fi
fi

if [ ${#missing_apt[@]} -gt 0 ]; then
  if [ "${sudo_cmd[*]-}" = none ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "error: the tests need: ${missing_apt[*]}" >&2
    echo "  install them with: sudo apt-get install -y ${missing_apt[*]}" >&2
    exit 1
  fi
  echo "installing ${missing_apt[*]} (needed by the tests)" >&2
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq "${missing_apt[@]}" >/dev/null
fi

if ! python3 -c 'import feedparser' >/dev/null 2>&1; then
  echo "installing feedparser (needed by the tests)" >&2
  if ! python3 -m pip install --quiet --disable-pip-version-check 'feedparser>=6,<7' 2>/dev/null \
    && ! python3 -m pip install --quiet --disable-pip-version-check --break-system-packages 'feedparser>=6,<7'; then
    echo "error: could not install feedparser; run: python3 -m pip install 'feedparser>=6,<7'" >&2
    exit 1
  fi
fi

if ! command -v pre-commit >/dev/null 2>&1; then
  echo "installing pre-commit (needed by the tests)" >&2
  if ! python3 -m pip install --quiet --disable-pip-version-check 'pre-commit>=3' 2>/dev/null \
    && ! python3 -m pip install --quiet --disable-pip-version-check --break-system-packages 'pre-commit>=3'; then
    echo "error: could not install pre-commit; run: python3 -m pip install 'pre-commit>=3'" >&2
    exit 1
  fi
fi

if ! python3 -c 'import html5lib' >/dev/null 2>&1; then
  echo "installing html5lib (needed by the tests)" >&2
  if ! python3 -m pip install --quiet --disable-pip-version-check 'html5lib>=1.1,<2' 2>/dev/null \
    && ! python3 -m pip install --quiet --disable-pip-version-check --break-system-packages 'html5lib>=1.1,<2'; then
    echo "error: could not install html5lib; run: python3 -m pip install 'html5lib>=1.1,<2'" >&2
    exit 1
  fi
fi
