#!/usr/bin/env bash
# Fails when a LaTeX run left references or citations undefined (run it on the .log after latexmk,
# which reruns until labels settle, so that what remains is a real dangling \ref or \eqref).
set -euo pipefail
log="${1:-output/latex/book.log}"
[ -f "$log" ] || { echo "check-latex-log: $log is missing (run make book with latexmk installed)"; exit 2; }
if grep -E "There were undefined references|Reference .* undefined|Citation .* undefined|There were multiply-defined labels" "$log"; then
  echo "check-latex-log: $log has undefined or duplicate references"
  exit 1
fi
echo "check-latex-log: no undefined references in $log"
