from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    def clean_email(self, email: str) -> str:
        # Stored lower-case so the case-insensitive unique constraint and allauth agree.
        return super().clean_email(email).lower()
