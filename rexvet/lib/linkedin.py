"""LinkedIn's "Add to profile" link for a certification, with the form's fields filled in.

LinkedIn documents the address https://www.linkedin.com/profile/add with `startTask` set to
CERTIFICATION_NAME and the certification's fields as query parameters; the person checks
them and saves on LinkedIn. Nothing is sent to LinkedIn from here: it is a plain link.
"""

from datetime import date
from urllib.parse import quote, urlencode

ADD_TO_PROFILE = "https://www.linkedin.com/profile/add"


def add_to_profile_url(
    name: str,
    organisation_name: str,
    issued_on: date,
    expires_on: date | None,
    cert_url: str,
    cert_id: str,
) -> str:
    """The link that opens LinkedIn's "Add licence or certification" form, filled in.

    Dates are calendar dates as the issuer shows them (a datetime is read as its own date:
    convert it to the local time zone first). Every value is percent-encoded as UTF-8, so
    names with "&", "+" or non-ASCII letters arrive as written.
    """
    params = [
        ("startTask", "CERTIFICATION_NAME"),
        ("name", name),
        ("organizationName", organisation_name),
        ("issueYear", str(issued_on.year)),
        ("issueMonth", str(issued_on.month)),
    ]
    if expires_on is not None:
        params += [("expirationYear", str(expires_on.year)), ("expirationMonth", str(expires_on.month))]
    params += [("certUrl", cert_url), ("certId", cert_id)]
    return f"{ADD_TO_PROFILE}?{urlencode(params, quote_via=quote)}"
