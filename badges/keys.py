"""The RSA keys that sign Open Badges 3.0 credentials (VC-JWT, RS256).

Each key is one PEM file `<kid>.pem` (mode 0600) in REXVET_BADGE_KEY_DIR, outside the
repository; `manage.py badges_keygen` makes the first one and `--rotate` adds a newer one.
The newest key signs. Every key in the folder stays published at its key URL, so a
credential signed before a rotation still verifies: to withdraw a key, remove its file.

A key id is a slug, "rexvet-<yyyymmdd>-<hhmmss>-<6 hex digits>", so its name sorts by
the moment it was made; the JWT header's `kid` is the key's full public URL.
"""

import base64
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from . import links

KEY_SIZE = 2048
PUBLIC_EXPONENT = 65537
SUFFIX = ".pem"
# What badges_keygen makes; also what may name a file here (no path tricks through a URL).
KID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{2,79}$")


class NoSigningKey(ImproperlyConfigured):
    """No key to sign with: the operator must run `manage.py badges_keygen`."""


class UnknownKey(LookupError):
    """No key of that id in the key folder."""


@dataclass(frozen=True)
class SigningKey:
    kid: str
    private_key: rsa.RSAPrivateKey

    @property
    def url(self) -> str:
        return links.key_url(self.kid)


def key_dir() -> Path:
    return Path(getattr(settings, "REXVET_BADGE_KEY_DIR", settings.VAR_DIR / "keys"))


def _key_files() -> list[Path]:
    folder = key_dir()
    if not folder.is_dir():
        return []
    files = [p for p in folder.iterdir() if p.suffix == SUFFIX and p.is_file() and KID_PATTERN.match(p.stem)]
    # By name (the moment in the kid), then by modification time for two made in the same second.
    return sorted(files, key=lambda p: (p.stem.split("-")[1:3], p.stat().st_mtime_ns, p.stem))


def kids() -> list[str]:
    """Every published key id, oldest first."""
    return [p.stem for p in _key_files()]


def _load(path: Path) -> rsa.RSAPrivateKey:
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, rsa.RSAPrivateKey):
        raise ImproperlyConfigured(f"{path} is not an RSA private key; remove it or run `manage.py badges_keygen --rotate`.")
    return key


def signing_key() -> SigningKey:
    """The newest key. Raises NoSigningKey when the folder has none."""
    files = _key_files()
    if not files:
        raise NoSigningKey(
            f"No key to sign Open Badges 3.0 credentials with in {key_dir()}: run `manage.py badges_keygen`."
        )
    return SigningKey(kid=files[-1].stem, private_key=_load(files[-1]))


def public_key(kid: str) -> rsa.RSAPublicKey:
    """The public half of key `kid`. Raises UnknownKey."""
    if not KID_PATTERN.match(kid or ""):
        raise UnknownKey(kid)
    path = key_dir() / f"{kid}{SUFFIX}"
    if not path.is_file():
        raise UnknownKey(kid)
    return _load(path).public_key()


def _b64url_uint(number: int) -> str:
    raw = number.to_bytes((number.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def public_jwk(kid: str) -> dict:
    """The public key as a JWK (RFC 7517): the modulus and exponent, never a private part."""
    numbers = public_key(kid).public_numbers()
    return {
        "kty": "RSA",
        "n": _b64url_uint(numbers.n),
        "e": _b64url_uint(numbers.e),
        "kid": links.key_url(kid),
        "use": "sig",
        "alg": "RS256",
    }


def new_kid() -> str:
    return f"rexvet-{timezone.now():%Y%m%d-%H%M%S}-{secrets.token_hex(3)}"


def key_generate() -> str:
    """Make a new key in the folder (the newest from now on) and return its id."""
    folder = key_dir()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    key = rsa.generate_private_key(public_exponent=PUBLIC_EXPONENT, key_size=KEY_SIZE)
    pem = key.private_bytes(
        encoding=serialization.Encoding.PEM,
        format=serialization.PrivateFormat.PKCS8,
        encryption_algorithm=serialization.NoEncryption(),
    )
    kid = new_kid()
    # O_EXCL: never overwrite a key that signed credentials; 0600 from the first byte.
    fd = os.open(folder / f"{kid}{SUFFIX}", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    return kid
