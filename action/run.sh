#!/usr/bin/env bash
# The work of the planchk GitHub Action (action.yml): validate the files, then evaluate them.
#
# Problems and failing indicators go to the log as workflow commands, so they appear on the
# pull request's lines; markdown summaries go to $GITHUB_STEP_SUMMARY; the JSON report goes to
# $PLANCHK_REPORT. The exit code is validate's when it fails (1 invalid, 2 could not run),
# else evaluate's under --fail-on. Inputs arrive as environment variables and are never
# spliced into a command line by the runner, so no input can inject a command.
set -uo pipefail

read -r -a files <<< "${PLANCHK_FILES:?the files input is required}"
options=()
if [[ -n "${PLANCHK_SPEC:-}" ]]; then options+=(--spec "$PLANCHK_SPEC"); fi
strict=()
if [[ "${PLANCHK_STRICT:-false}" == "true" ]]; then strict=(--strict); fi
evaluation=(--fail-on "${PLANCHK_FAIL_ON:-binding}")
if [[ -n "${PLANCHK_YEAR:-}" ]]; then evaluation+=(--year "$PLANCHK_YEAR"); fi
if [[ -n "${PLANCHK_COMPARE:-}" ]]; then evaluation+=(--compare "$PLANCHK_COMPARE"); fi
summary="${GITHUB_STEP_SUMMARY:-/dev/null}"
report="${PLANCHK_REPORT:-planchk-report.json}"

planchk validate "${files[@]}" "${options[@]}" "${strict[@]}" --format github
validated=$?
planchk validate "${files[@]}" "${options[@]}" "${strict[@]}" --format markdown \
  --max-problems 100 >> "$summary" 2>/dev/null
if (( validated != 0 )); then
  echo "planchk: the data is not valid (exit code $validated); it was not evaluated" >&2
  exit "$validated"
fi

planchk evaluate "${files[@]}" "${options[@]}" "${evaluation[@]}" --format json --output "$report"
evaluated=$?
if (( evaluated > 1 )); then
  exit "$evaluated"
fi
planchk evaluate "${files[@]}" "${options[@]}" "${evaluation[@]}" --format github 2>/dev/null
echo >> "$summary"
planchk evaluate "${files[@]}" "${options[@]}" "${evaluation[@]}" --format markdown \
  >> "$summary" 2>/dev/null
echo "report=$report" >> "${GITHUB_OUTPUT:-/dev/null}"
exit "$evaluated"
