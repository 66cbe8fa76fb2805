"""A provider's login page as a browser meets it, the person already signed in there (or the QR
code already scanned): the address it sends the browser back to."""

import urllib.error
import urllib.request


class _Stay(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def sent_back_from(url: str) -> str:
    try:
        urllib.request.build_opener(_Stay).open(url, timeout=5)
    except urllib.error.HTTPError as answer:
        assert answer.code == 302, answer.read()
        return answer.headers["Location"]
    raise AssertionError("the login page did not send the browser back")
