#!/usr/bin/env bash
# Applies every automatic lint and format fix over the tree: `eslint --fix`, then `prettier --write`
# (prettier last, so the layout is prettier's). Run once after the branches that edit src/ have been
# merged; `npm run lint` then lists only what needs a person.
set -euo pipefail
cd "$(dirname "$0")/.."

npx eslint --fix . || true # what remains is reported by the lint run below
npx prettier --write --log-level warn .
npm run lint
