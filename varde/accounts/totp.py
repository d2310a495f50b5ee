"""Enrolment helpers for authenticator apps: the otpauth URI as a QR code, and the secret as text."""

import base64

import segno

from .models import AuthenticatorApp


def secret_for_manual_entry(device: AuthenticatorApp) -> str:
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_data_uri(device: AuthenticatorApp) -> str:
    # The URI names the issuer and the username so the app can label the entry.
    uri = device.config_url
    return str(segno.make(uri, error="m").svg_data_uri(scale=5, dark="#000", light="#fff"))
