#!/usr/bin/env python3
"""Validates SARIF logs against the official SARIF 2.1.0 JSON schema.

Usage: validate.py [--schema SCHEMA] LOG.sarif [LOG.sarif ...]
The schema defaults to $ECG_SARIF_SCHEMA, else to ../shared/sarif/sarif-schema-2.1.0.json
beside the source tree. Prints each error as "LOG: $.json.path: message"; exits 1 when a
log is invalid or unreadable, 2 when the schema cannot be read, 0 when every log is valid.
"""
import argparse
import json
import os
import sys

import jsonschema


def json_path(path):
    """$.runs[0].results[3].level from a jsonschema error's absolute_path."""
    out = "$"
    for part in path:
        if isinstance(part, int):
            out += "[%d]" % part
        else:
            out += "." + str(part)
    return out


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def validate(validator, log_path):
    """Prints the errors of one log; returns their number."""
    try:
        log = load(log_path)
    except (OSError, ValueError) as e:
        print("%s: cannot read: %s" % (log_path, e), file=sys.stderr)
        return 1
    errors = sorted(validator.iter_errors(log), key=lambda e: list(map(str, e.absolute_path)))
    for error in errors:
        print("%s: %s: %s" % (log_path, json_path(error.absolute_path), error.message))
    return len(errors)


def default_schema():
    env = os.environ.get("ECG_SARIF_SCHEMA")
    if env:
        return env
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.join(here, "..", "..", "..", "shared", "sarif", "sarif-schema-2.1.0.json")


def main(argv):
    parser = argparse.ArgumentParser(description="Validate SARIF logs against the schema.")
    parser.add_argument("--schema", default=None, help="SARIF 2.1.0 JSON schema")
    parser.add_argument("logs", nargs="+", metavar="LOG", help="SARIF files to check")
    args = parser.parse_args(argv[1:])
    schema_path = args.schema or default_schema()
    try:
        schema = load(schema_path)
    except (OSError, ValueError) as e:
        print("%s: cannot read schema: %s" % (schema_path, e), file=sys.stderr)
        return 2
    # The schema says which draft it is written in (draft-04 for SARIF 2.1.0).
    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft7Validator)
    cls.check_schema(schema)
    validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
    failed = 0
    for log_path in args.logs:
        if validate(validator, log_path) > 0:
            failed += 1
    return 1 if failed > 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
