#!/usr/bin/env bash
# Rewrites citations of the design-time spec files (api.md, models.md, cli-spec.md, lessons.md), which
# are not in the repository, to their counterparts in docs/, keeping the section numbers:
#   api.md §3.1 → docs/protocol.md §3.1    cli-spec §3 → docs/cli.md §3
#   models.md   → docs/models.md           lessons.md  → docs/lessons.md
# and replaces absolute paths to those files. With no arguments it edits every tracked file that cites
# one; otherwise only the files or folders given. `node scripts/check-citations.js` checks the result.
set -euo pipefail
cd "$(dirname "$0")/.."

PATTERN='(api|models|lessons)\.md|cli-spec'
if [ "$#" -gt 0 ]; then
  files=$(git grep -lE "$PATTERN" -- "$@" || true)
else
  files=$(git grep -lE "$PATTERN" || true)
fi
# docs/ and this script itself name the old files on purpose.
files=$(printf '%s\n' $files | grep -vE '^(docs/(protocol|cli|models|lessons)\.md|docs/commands/.*|scripts/(fix|check)-citations\.(sh|js))$' || true)
[ -z "$files" ] && exit 0

# A path prefix or a `docs/` already in front means the citation is done; \b keeps `docs/models.md` and
# `models.json` out. (GNU sed: -E extended syntax, \b word boundary.)
for file in $files; do
  sed -E -i \
    -e 's#(/[A-Za-z0-9._-]+)*/spec/api\.md#docs/protocol.md#g' \
    -e 's#(/[A-Za-z0-9._-]+)*/spec/models\.md#docs/models.md#g' \
    -e 's#(/[A-Za-z0-9._-]+)*/spec/cli-spec\.md#docs/cli.md#g' \
    -e 's#(/[A-Za-z0-9._-]+)*/spec/lessons\.md#docs/lessons.md#g' \
    -e 's#(^|[^/A-Za-z0-9_.-])api\.md\b#\1docs/protocol.md#g' \
    -e 's#(^|[^/A-Za-z0-9_.-])models\.md\b#\1docs/models.md#g' \
    -e 's#(^|[^/A-Za-z0-9_.-])lessons\.md\b#\1docs/lessons.md#g' \
    -e 's#(^|[^/A-Za-z0-9_.-])cli-spec(\.md)?\b#\1docs/cli.md#g' \
    "$file"
  echo "$file"
done
