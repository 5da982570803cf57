"""Run the 1EdTech Open Badges 2.0 validator on one badge and print its result as JSON.

    .venv-validator/bin/python badges/validator/run.py URL-OR-FILE [--email ADDRESS]

Runs inside .venv-validator (see README.md here), never the application's virtualenv.
The argument is a hosted assertion's URL, or a baked PNG or SVG file. With --email the
validator also checks that the badge was awarded to that address.

Only the local test server is reached: the Open Badges context document that the
validator fetches from w3id.org is answered from the copy inside the validator package,
and any other address fails. The printed JSON has the validator's report (valid,
errorCount, warningCount, messages); the exit code is always 0, the caller reads the JSON.
"""

import argparse
import json
import os
import re
import sys
import traceback

import responses
from openbadges import verify
from openbadges.verifier.openbadges_context import OPENBADGES_CONTEXT_V2_DICT, OPENBADGES_CONTEXT_V2_URI

LOCAL = re.compile(r"^https?://(127\.0\.0\.1|localhost)(:\d+)?/")


def _result(badge_input, email: str | None) -> dict:
    profile = {"email": email} if email else None
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.add_passthru(LOCAL)
        mock.add(
            responses.GET,
            OPENBADGES_CONTEXT_V2_URI,
            body=json.dumps(OPENBADGES_CONTEXT_V2_DICT),
            content_type="application/ld+json",
        )
        return verify(badge_input, recipient_profile=profile, use_cache=False)


def main(argv: list[str]) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("badge", help="a hosted assertion URL, or a baked PNG or SVG file")
    parser.add_argument("--email", help="the address the badge should have been awarded to")
    args = parser.parse_args(argv)
    try:
        if os.path.isfile(args.badge):
            with open(args.badge, "rb") as handle:
                result = _result(handle, args.email)
        else:
            result = _result(args.badge, args.email)
    except Exception:  # the validator's own failures (say, an unreadable file) are a result too
        return {"report": {"valid": False, "errorCount": 1, "messages": [{"messageLevel": "ERROR", "result": traceback.format_exc()}]}}
    return {"report": result["report"], "graph": result.get("graph", [])}


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1:]), indent=2, default=str))
    sys.exit(0)
