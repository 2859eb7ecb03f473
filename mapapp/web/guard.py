"""No traceback for a visitor: a fault in the page is logged on the server and told in words.

Streamlit shows an uncaught exception to whoever has the page open, with its
traceback: the server's file paths, its Python, a line of its code. A visitor
can do nothing with that, and should not see it. So the page, the upload
callback and the timed fragment run inside :func:`guarded`: the exception and
its traceback go to the server's log (``logging``, logger ``mapapp.app``) under
a short incident code, and the visitor reads what failed, what to do, and the
code to quote to whoever runs the app. Streamlit's own control flow
(``st.stop``, ``st.rerun``) is no Exception and passes through untouched.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable

import streamlit as st

log = logging.getLogger("mapapp.app")


def incident(what: str) -> str:
    """Log the exception being handled, with its traceback, under a new code; return it."""
    code = secrets.token_hex(4)
    log.exception("incident %s: %s failed", code, what)
    return code


def visitor_message(what: str, code: str, todo: str) -> str:
    """What failed, what to do, and the code that finds it in the server's log (plain text)."""
    return (f"Sorry, {what} failed on the server. {todo} If it happens again, tell whoever runs "
            f"this app and quote incident {code}: the details are in the server's log.")


def guarded(run: Callable[[], None], what: str = "showing this page",
            todo: str = "Reload the page to try again.") -> None:
    """Run ``run``; an exception is logged and told to the visitor (no traceback)."""
    try:
        run()
    except Exception:  # any fault: the whole point is that none reaches the visitor raw
        st.error(visitor_message(what, incident(what), todo), icon="⚠️")
