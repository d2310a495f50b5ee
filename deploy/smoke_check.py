"""The checks of deploy/smoke.sh, made through nginx as a browser and an operator would: health,
a login with the second factor for a user made by `varde createuser`, a page, static files with
long-lived caching, the security headers, a background task that sends an e-mail, and logs with
request ids and without personal data. Standard library only; exits non-zero on the first failure."""

import base64
import hashlib
import hmac
import http.client
import json
import re
import ssl
import struct
import sys
import time
from dataclasses import dataclass
from email import message_from_bytes
from email.message import Message
from pathlib import Path
from urllib.parse import urlencode

HOST = "localhost"


@dataclass
class Answer:
    status: int
    headers: Message
    text: str


class Browser:
    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        self.tls = ssl.create_default_context()
        self.tls.check_hostname, self.tls.verify_mode = False, ssl.CERT_NONE  # the self-signed test cert

    def send(
        self,
        method: str,
        path: str,
        form: dict[str, str] | None = None,
        *,
        extra_headers: dict[str, str] | None = None,
    ) -> Answer:
        origin = f"https://{HOST}:{self.port}"
        headers = {"Referer": origin + path, "Origin": origin, **(extra_headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{key}={value}" for key, value in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPSConnection(HOST, self.port, context=self.tls, timeout=30)
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        answer = Answer(response.status, response.headers, response.read().decode(errors="replace"))
        connection.close()
        for cookie in answer.headers.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        return answer

    def csrf(self) -> str:
        return str(self.cookies["__Host-varde-csrf"])


def check(condition: bool, what: str) -> None:
    if not condition:
        sys.exit(f"FAILED: {what}")
    print(f"ok - {what}")  # noqa: T201


def totp(secret: str, at: float) -> str:
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(at) // 30), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


def log_in_with_second_factor(browser: Browser, username: str, password: str) -> None:
    browser.send("GET", "/login/")
    credentials = {"csrfmiddlewaretoken": browser.csrf(), "username": username, "password": password}
    answer = browser.send("POST", "/login/", credentials)
    check(answer.status == 302, "password accepted")
    first_page = browser.send("GET", answer.headers["Location"])
    where = first_page.headers.get("Location", "")
    check(
        first_page.status == 302 and "/login/totrinn/oppsett/" in where, "the second factor is required first"
    )
    setup = browser.send("GET", "/login/totrinn/oppsett/")
    found = re.search(r'class="varde-secret">([A-Z2-7 ]+)<', setup.text)
    check(found is not None, "the authenticator key is shown for enrolment")
    assert found is not None
    code = totp(found.group(1).replace(" ", ""), time.time())
    confirmed = browser.send(
        "POST", "/login/totrinn/oppsett/", {"csrfmiddlewaretoken": browser.csrf(), "token": code}
    )
    check(
        confirmed.status == 200 and "gjenopprettingskode" in confirmed.text.lower(), "second factor confirmed"
    )


def choose_own_password(browser: Browser, one_time: str) -> str:
    home = browser.send("GET", "/hjem/")
    check(
        home.status == 302 and home.headers["Location"].startswith("/konto/passord/"),
        "a one-time password must be replaced before anything else",
    )
    own = "smoke-" + base64.b32encode(hmac.digest(one_time.encode(), b"own", "sha256")).decode()[:20]
    form = {"csrfmiddlewaretoken": browser.csrf(), "old_password": one_time}
    changed = browser.send("POST", "/konto/passord/", form | {"new_password": own, "new_password_again": own})
    check(changed.status == 302, "own password chosen")
    return own


def one_time_password_is_spent(port: int, username: str, one_time: str) -> None:
    browser = Browser(port)
    browser.send("GET", "/login/")
    credentials = {"csrfmiddlewaretoken": browser.csrf(), "username": username, "password": one_time}
    check(browser.send("POST", "/login/", credentials).status == 200, "the one-time password works once")


def password_alone_cannot_replace_the_second_factor(port: int, username: str, password: str) -> None:
    browser = Browser(port)
    browser.send("GET", "/login/")
    credentials = {"csrfmiddlewaretoken": browser.csrf(), "username": username, "password": password}
    check(browser.send("POST", "/login/", credentials).status == 302, "password accepted again")
    for method in ("GET", "POST"):
        form = {"csrfmiddlewaretoken": browser.csrf(), "token": "000000"} if method == "POST" else None
        answer = browser.send(method, "/login/totrinn/oppsett/", form)
        check(
            answer.status == 302
            and answer.headers["Location"].startswith("/login/totrinn/")
            and "oppsett" not in answer.headers["Location"],
            f"enrolment by {method} after the password alone sends to the existing second factor",
        )


def one_address_is_refused_after_failures_across_names(port: int) -> None:
    """Last: from here on this address is refused for a quarter of an hour."""
    browser = Browser(port)
    browser.send("GET", "/login/")
    answer = None
    for number in range(40):
        form = {"csrfmiddlewaretoken": browser.csrf(), "username": f"ukjent{number}", "password": "feil"}
        answer = browser.send("POST", "/login/", form)
        if answer.status == 429:
            break
    check(
        answer is not None and answer.status == 429 and "nettverksadresse" in answer.text,
        f"one address failing across names is refused (after {number} failures)",
    )


def wait_for_mail(maildir: Path, address: str, seconds: float = 300) -> bytes:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for path in (maildir / "new").glob("*"):
            raw = path.read_bytes()
            if address in str(message_from_bytes(raw).get("To", "")):
                return raw
        time.sleep(1)
    sys.exit(f"FAILED: no e-mail to {address} within {seconds} seconds")


def main() -> None:
    port, username, password, email, maildir, logdir = sys.argv[1:7]
    browser = Browser(int(port))

    health = browser.send("GET", "/healthz")
    check(health.status == 200 and json.loads(health.text) == {"status": "ok", "database": "ok"}, "/healthz")

    login_page = browser.send("GET", "/login/")
    headers = login_page.headers
    check("max-age=31536000" in headers.get("Strict-Transport-Security", ""), "HSTS for a year")
    check("frame-ancestors 'none'" in headers.get("Content-Security-Policy", ""), "CSP with frame-ancestors")
    check(headers.get("X-Content-Type-Options") == "nosniff", "nosniff")
    check(headers.get("Referrer-Policy") == "same-origin", "Referrer-Policy")
    check("camera=()" in headers.get("Permissions-Policy", ""), "Permissions-Policy")
    check(bool(re.fullmatch(r"[0-9a-f]{32}", headers.get("X-Request-ID", ""))), "a request id from nginx")
    check("Server" not in headers or "nginx/" not in headers["Server"], "no server version")

    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', login_page.text)
    check(stylesheet is not None, "the page links a stylesheet")
    assert stylesheet is not None
    static = browser.send("GET", stylesheet.group(1))
    check(static.status == 200 and "text/css" in static.headers["Content-Type"], "the stylesheet is served")
    check("max-age=31536000" in static.headers.get("Cache-Control", ""), "static files cached for a year")
    check("immutable" in static.headers.get("Cache-Control", ""), "static files immutable")
    compressed = browser.send("GET", stylesheet.group(1), extra_headers={"Accept-Encoding": "gzip"})
    check(compressed.headers.get("Content-Encoding") == "gzip", "static files sent compressed when asked")

    log_in_with_second_factor(browser, username, password)
    own_password = choose_own_password(browser, password)
    one_time_password_is_spent(int(port), username, password)
    password_alone_cannot_replace_the_second_factor(int(port), username, own_password)
    home = browser.send("GET", "/hjem/")
    check(home.status == 200 and "Logg ut" in home.text, "a page after login")
    check("no-store" in home.headers.get("Cache-Control", ""), "signed-in pages are not stored")
    plan = browser.send("GET", "/plan/")
    check(plan.status == 200, "the plan dashboard")

    raw = wait_for_mail(Path(maildir), email)
    check(b"Varde" in raw, "the worker sent the reminder e-mail")

    logs = "\n".join(path.read_text(errors="replace") for path in Path(logdir).glob("*.log"))
    json_lines = [line for line in logs.splitlines() if line.startswith("{")]
    check(
        any('"request_id": "' + home.headers["X-Request-ID"] in line for line in json_lines),
        "the request id is in the logs",
    )
    check(
        password not in logs and own_password not in logs and email not in logs,
        "no password or e-mail address in the logs",
    )
    one_address_is_refused_after_failures_across_names(int(port))


if __name__ == "__main__":
    main()
