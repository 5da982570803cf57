from allauth.account.adapter import DefaultAccountAdapter

# An address proven by a link e-mailed to it (an invitation): signing up with exactly that
# address needs no second verification e-mail.
PROVEN_EMAIL_SESSION_KEY = "accounts_proven_email"


def remember_proven_email(request, email: str) -> None:
    request.session[PROVEN_EMAIL_SESSION_KEY] = email.lower()


class AccountAdapter(DefaultAccountAdapter):
    def clean_email(self, email: str) -> str:
        # Stored lower-case so the case-insensitive unique constraint and allauth agree.
        return super().clean_email(email).lower()

    def is_email_verified(self, request, email: str) -> bool:
        proven = request.session.get(PROVEN_EMAIL_SESSION_KEY) if request is not None else None
        return super().is_email_verified(request, email) or (proven is not None and proven == email.lower())
