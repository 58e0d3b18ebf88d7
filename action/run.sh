#!/usr/bin/env bash
# The work of the planchk GitHub Action (action.yml): validate the files, then evaluate them.
#
# Problems and failing indicators go to the log as workflow commands, so they appear on the
# pull request's lines; markdown summaries go to $GITHUB_STEP_SUMMARY; the JSON report goes to
# $PLANCHK_REPORT, the HTML report (when asked for) to $PLANCHK_HTML_REPORT. The exit code is
# validate's when it fails (1 invalid, 2 could not run), else evaluate's under --fail-on.
# Inputs arrive as environment variables and are never spliced into a command line by the
# runner, so no input can inject a command; planchk makes every text from the data plain.
set -uo pipefail

planchk="${PLANCHK_COMMAND:-planchk}"
summary="${GITHUB_STEP_SUMMARY:-/dev/null}"
report="${PLANCHK_REPORT:-planchk-report.json}"

# A workflow command of this script's own, its message escaped as the runner expects.
command() {
  local kind="$1" message="$2"
  message="${message//'%'/%25}"
  message="${message//$'\r'/%0D}"
  message="${message//$'\n'/%0A}"
  echo "::$kind title=planchk::$message"
}

# A step output, written with a delimiter so that no value can end it early.
output() {
  local delimiter="planchk_$RANDOM$RANDOM$RANDOM"
  printf '%s<<%s\n%s\n%s\n' "$1" "$delimiter" "$2" "$delimiter" >> "${GITHUB_OUTPUT:-/dev/null}"
}

# files: one path per line; surrounding spaces and empty lines do not count.
files=()
while IFS= read -r line || [[ -n "$line" ]]; do
  line="${line%$'\r'}"
  line="${line#"${line%%[![:space:]]*}"}"
  line="${line%"${line##*[![:space:]]}"}"
  [[ -z "$line" ]] && continue
  if [[ ! -e "$line" && "$line" == *" "* ]]; then
    # `data/2017.csv data/2018.csv`, as the input was once written: say how to write it now
    read -r -a words <<< "$line"
    all=1
    for word in "${words[@]}"; do [[ -e "$word" ]] || all=0; done
    if (( all )); then
      command error "files: '$line' is not a path, but each of its words is: give one path per line"
      exit 2
    fi
  fi
  files+=("$line")
done <<< "${PLANCHK_FILES:-}"
if (( ${#files[@]} == 0 )); then
  command error "the files input names no data file or directory"
  exit 2
fi

options=()
if [[ -n "${PLANCHK_SPEC:-}" ]]; then options+=(--spec "$PLANCHK_SPEC"); fi
strict=()
if [[ "${PLANCHK_STRICT:-false}" == "true" ]]; then strict=(--strict); fi
lang=(--lang "${PLANCHK_LANG:-en}")
evaluation=(--fail-on "${PLANCHK_FAIL_ON:-binding}")
year=()
if [[ -n "${PLANCHK_YEAR:-}" ]]; then year=(--year "$PLANCHK_YEAR"); fi
compare=()
if [[ -n "${PLANCHK_COMPARE:-}" ]]; then
  if [[ -f "$PLANCHK_COMPARE" ]]; then
    compare=(--compare "$PLANCHK_COMPARE")
  else
    command notice "compare: $PLANCHK_COMPARE does not exist yet (the first run?); the comparison is skipped"
  fi
fi

# On a pull request, the files as they are on the base branch: validate lists every figure the
# pull request revises, adds or removes (--previous), revisions per the revisions input.
previous=()
if [[ -n "${GITHUB_BASE_REF:-}" && "${PLANCHK_REVISIONS:-warning}" != "off" ]]; then
  top="$(git rev-parse --show-toplevel 2>/dev/null)"
  base="${RUNNER_TEMP:-/tmp}/planchk-base"
  if [[ -n "$top" ]] && git fetch --quiet --no-tags --depth=1 origin "$GITHUB_BASE_REF" 2>/dev/null
  then
    rm -rf "$base" && mkdir -p "$base"
    for path in "${files[@]}"; do
      relative="$(realpath -m --relative-to="$top" "$path")"
      [[ "$relative" == ..* ]] && continue  # outside the repository: no base version
      if git cat-file -e "FETCH_HEAD:$relative" 2>/dev/null; then
        git archive FETCH_HEAD -- "$relative" | tar -x -C "$base"
        previous+=(--previous "$base/$relative")
      fi
    done
    if (( ${#previous[@]} == 0 )); then
      command notice "the base branch $GITHUB_BASE_REF has none of the files yet; no revisions to list"
    fi
  else
    command warning "could not fetch the base branch $GITHUB_BASE_REF; revised figures are not listed"
  fi
fi
revisions=()
if (( ${#previous[@]} )); then revisions=("${previous[@]}" --revisions "${PLANCHK_REVISIONS:-warning}"); fi

"$planchk" validate "${files[@]}" "${options[@]}" "${strict[@]}" "${revisions[@]}" --format github
validated=$?
"$planchk" validate "${files[@]}" "${options[@]}" "${strict[@]}" "${revisions[@]}" \
  --format markdown --max-problems 100 >> "$summary" 2>/dev/null
if (( validated != 0 )); then
  command error "the data is not valid (exit code $validated); it was not evaluated"
  exit "$validated"
fi

run=("${files[@]}" "${options[@]}" "${year[@]}" "${evaluation[@]}")
"$planchk" evaluate "${run[@]}" "${compare[@]}" --format json --output "$report"
evaluated=$?
if (( evaluated > 1 )); then
  exit "$evaluated"
fi
output report "$report"
"$planchk" evaluate "${run[@]}" "${compare[@]}" "${lang[@]}" --format github 2>/dev/null
echo >> "$summary"
"$planchk" evaluate "${run[@]}" "${compare[@]}" "${lang[@]}" --format markdown \
  >> "$summary" 2>/dev/null
if [[ -n "${PLANCHK_HTML_REPORT:-}" ]]; then
  if "$planchk" report "${files[@]}" "${options[@]}" "${year[@]}" "${lang[@]}" --format html \
    --output "$PLANCHK_HTML_REPORT"; then
    output html-report "$PLANCHK_HTML_REPORT"
  else
    command warning "the HTML report could not be written"
  fi
fi
exit "$evaluated"
