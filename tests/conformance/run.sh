#!/usr/bin/env bash
# Runs the ADL LRS conformance suite (adlnet/lrs-conformance-test-suite) against a running
# `npm start`. The suite's code is never part of this repository: point CONFORMANCE_SUITE_DIR at a
# checkout of it (with its own `npm install` done); default ../conformance/suite.
# Usage: LRS_DEMO_KEY=... LRS_DEMO_SECRET=... bash tests/conformance/run.sh [1.0.3|2.0.0] [extra suite args]
# For 1.0.3, start the module with XAPI_FALLBACK_VERSION=1.0.3: three Versioning tests of the 1.0.3
# and of the 2.0 suite want opposite version headers on the same header-less request (README).
set -euo pipefail
cd "$(dirname "$0")/../.."
suite="${CONFORMANCE_SUITE_DIR:-../conformance/suite}"
version="${1:-1.0.3}"; shift || true
endpoint="${XAPI_ENDPOINT:-http://localhost:${PORT:-3000}/xapi}"
: "${LRS_DEMO_KEY:?set LRS_DEMO_KEY and LRS_DEMO_SECRET to the credentials npm start printed}"
: "${LRS_DEMO_SECRET:?set LRS_DEMO_SECRET}"
[ -f "$suite/bin/console_runner.js" ] || { echo "No conformance suite at $suite (set CONFORMANCE_SUITE_DIR)"; exit 2; }
curl -fsS "$endpoint/about" >/dev/null || { echo "Nothing answers at $endpoint: start the module with npm start first"; exit 2; }

log="$(mktemp)"
(cd "$suite" && node bin/console_runner.js -e "$endpoint" -a -u "$LRS_DEMO_KEY" -p "$LRS_DEMO_SECRET" -x "$version" "$@") | tee "$log" | tail -n 5
# The runner's exit code is the failure count mod 256: read the summary instead.
summary=$(grep -o '{"total":[^}]*}' "$log" | tail -n 1)
echo "summary: ${summary:-none}"
rm -f "$log"
failed=$(node -e 'const s=JSON.parse(process.argv[1]||"{}"); process.stdout.write(String(s.failed ?? 1))' "$summary")
[ "$failed" = "0" ]
