# Helpers for the bash completion tests (sourced): candidates of dist/regiekamer.bash-completion.

# complete PROGRAM WORD…: sets OFFERED to the candidates for the last WORD, one a line, as bash
# would offer them after `PROGRAM WORD…` (the last word being the one under the cursor). Not in a
# subshell, so the completion's cache of --help texts lasts. REQUIRES: the completion script
# sourced, and `set +eu` (as in an interactive shell).
complete() {
  COMP_WORDS=("$@")
  COMP_CWORD=$(($# - 1))
  COMPREPLY=()
  _regiekamer 2>/dev/null
  OFFERED=$(printf '%s\n' "${COMPREPLY[@]}")
}

# help_section SECTION PROGRAM [COMMAND…]: the names of a --help section, one a line, read with
# the test's own parsing (not the completion's): "Subcommands" or "Options" (long names only).
help_section() {
  local section=$1 help
  shift
  help=$("$@" --help | sed -n "/^$section:\$/,/^[A-Za-z]*:\$/p")
  if [ "$section" = Options ]; then
    grep -oE '^  (-[a-z],)?--[a-z0-9-]+' <<<"$help" | grep -oE -- '--[a-z0-9-]+' || true
  else
    grep -oE '^  [a-z][a-z-]*' <<<"$help" | tr -d ' ' || true
  fi
}

# has LINE TEXT: true when TEXT has LINE as one of its lines (no pipe: pipefail and grep -q).
has() {
  grep -qxF -- "$1" <<<"$2"
}
