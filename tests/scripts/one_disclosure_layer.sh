#!/usr/bin/env bash
# One disclosure-control layer: only engine/disclosure.cpp applies the suppression rules, and every
# view that computes figures for a role goes through engine::disclose. A view that calls
# apply_suppression itself, or that formats a count 1-4 as "<5" by a rule of its own, fails here.
set -euo pipefail
src="${RK_SOURCE_DIR:?}/src"
fail=0

# 1. apply_suppression is called by the layer only.
calls=$(grep -rn --include='*.cpp' --include='*.hpp' 'apply_suppression(' "$src" |
  grep -v "^$src/engine/suppression\.\(cpp\|hpp\):" |
  grep -v "^$src/engine/disclosure\.cpp:" || true)
if [ -n "$calls" ]; then
  echo "apply_suppression outside the disclosure layer:"
  echo "$calls"
  fail=1
fi

# 2. Every view that computes indicator results discloses them: a file under cli/, server/,
#    report/ or export/ that calls compute_all or compute_one also calls engine::disclose (or is
#    the analysts-only explain path).
for f in $(grep -rln --include='*.cpp' 'compute_all(\|compute_one(' "$src/cli" "$src/server" "$src/report" "$src/export" || true); do
  if ! grep -q 'disclose(' "$f"; then
    echo "computes figures without the disclosure layer: ${f#"$src"/}"
    fail=1
  fi
done

# 3. No view has a small-count rule of its own (a test of a count against 1..4 or 5): views only
#    render the layer's flags (below_five, suppressed).
rules=$(grep -rn --include='*.cpp' -E '(>= ?1 && [a-z_.]+ <= ?4|< ?5\) return "<5")' \
  "$src/cli" "$src/server" "$src/report" "$src/export" || true)
if [ -n "$rules" ]; then
  echo "a small-count rule outside the layer:"
  echo "$rules"
  fail=1
fi

if [ $fail -eq 0 ]; then
  echo "one disclosure layer: ok"
  echo "1 passed, 0 failed"
else
  echo "0 passed, 1 failed"
fi
exit $fail
