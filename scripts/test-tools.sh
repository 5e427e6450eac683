#!/usr/bin/env bash
# The Debian tools the test suite drives, installed where a machine lacks them (run by `npm test`):
# - tmux: the terminal tests run the CLI inside a real pseudo-terminal;
# - openssl: the production-path tests make a throw-away CA and certificate for the real host names;
# - ffmpeg: pipelines run it from PATH (frame, concat, mux) and ffprobe checks their results;
# - chromium: report.html is checked in a headless browser.
set -euo pipefail

missing=()
for tool in tmux openssl ffmpeg chromium; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing what the tests need: ${missing[*]}" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
else
  echo "The tests need these programs on PATH: ${missing[*]} (Debian: apt-get install ${missing[*]})" >&2
  exit 1
fi
