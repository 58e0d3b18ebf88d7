"""planchk's exit codes, documented in `--help` and the README."""

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0  #: compliant under --fail-on (or the command succeeded)
    NOT_COMPLIANT = 1  #: an indicator fails under --fail-on
    INVALID_INPUT = 2  #: invalid data, spec or usage; nothing is reported as a result
    INTERNAL_ERROR = 3  #: a bug in planchk; the message asks for a report
