#!/usr/bin/env bash
# The whole test suite: lint and types, then pytest on SQLite (with the browser tests when a
# Chromium is installed), then the database tests again on PostgreSQL when a server answers.
# Prints which passes ran and which were skipped, and why.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
status=0
declare -a summary

step() { printf '\n\033[1m== %s\033[0m\n' "$1"; }

step "ruff"
if $BIN/ruff check src tests bench && $BIN/ruff format --check src tests bench; then
  summary+=("ruff: clean")
else
  summary+=("ruff: FAILED"); status=1
fi

step "mypy"
if $BIN/mypy; then summary+=("mypy: clean"); else summary+=("mypy: FAILED"); status=1; fi

# A browser for the Playwright tests: Debian's Chromium, never one downloaded by a test tool.
CHROMIUM="${BORDEROPS_CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
if [ -n "$CHROMIUM" ]; then
  export BORDEROPS_CHROMIUM="$CHROMIUM"
  browser_note="browser tests ran with $CHROMIUM"
else
  browser_note="browser tests SKIPPED: no Chromium found (install Debian's chromium or set BORDEROPS_CHROMIUM)"
fi

step "pytest on SQLite"
# Each pass gets its own scratch installation folder so tests never touch var/.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
if BORDEROPS_VAR_DIR="$scratch/sqlite" BORDEROPS_DATABASE_URL= $BIN/pytest -q -p no:cacheprovider; then
  summary+=("pytest on SQLite: passed ($browser_note)")
else
  summary+=("pytest on SQLite: FAILED ($browser_note)"); status=1
fi

PG_URL="${BORDEROPS_TEST_POSTGRES_URL:-postgresql://borderops:borderops@127.0.0.1:5432/borderops}"
step "pytest on PostgreSQL"
if $BIN/python - "$PG_URL" <<'PY' 2>/dev/null
import sys, psycopg
psycopg.connect(sys.argv[1], connect_timeout=3).close()
PY
then
  if BORDEROPS_VAR_DIR="$scratch/pg" BORDEROPS_DATABASE_URL="$PG_URL" \
     $BIN/pytest -q -p no:cacheprovider -m "not browser and not nodb"; then
    summary+=("pytest on PostgreSQL: passed ($PG_URL)")
  else
    summary+=("pytest on PostgreSQL: FAILED ($PG_URL)"); status=1
  fi
else
  summary+=("pytest on PostgreSQL: SKIPPED: no server answers at $PG_URL (start one, or set BORDEROPS_TEST_POSTGRES_URL)")
fi

step "summary"
for line in "${summary[@]}"; do echo "- $line"; done
exit $status
