#!/usr/bin/env python3
"""A mail relay like the ones operators rent, for tests: aiosmtpd (the real
SMTP server library Debian ships) with STARTTLS or TLS from the start under a
given certificate, and AUTH PLAIN/LOGIN for one user. Messages go to a
Maildir (tests/fakes/read_mail.py reads it); every AUTH attempt and accepted
message is a JSON line on stdout (with whether TLS was on), so a test can tell
whether a password ever crossed the wire in clear.

  smtp_relay.py --port N --maildir DIR --mode starttls|smtps|plain
                [--cert PEM --key PEM] [--user U --password P]

--mode plain offers AUTH without any TLS (a relay an attacker stands in for):
a client that requires STARTTLS must send it nothing.
"""
import argparse
import json
import ssl
import sys
import time

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Mailbox
from aiosmtpd.smtp import AuthResult, LoginPassword


def say(event, **fields):
    print(json.dumps(dict(event=event, **fields)), flush=True)


class LoggingMailbox(Mailbox):
    async def handle_DATA(self, server, session, envelope):
        say("message", rcpt=envelope.rcpt_tos, tls=session.ssl is not None, authenticated=bool(session.authenticated))
        return await super().handle_DATA(server, session, envelope)



def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--maildir", required=True)
    ap.add_argument("--mode", choices=["starttls", "smtps", "plain"], required=True)
    ap.add_argument("--cert")
    ap.add_argument("--key")
    ap.add_argument("--user", default="")
    ap.add_argument("--password", default="")
    args = ap.parse_args()

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == args.user and \
            auth_data.password.decode() == args.password
        # aiosmtpd fills session.ssl after STARTTLS only; an smtps session is TLS from its first byte.
        say("auth", mechanism=mechanism, tls=session.ssl is not None or args.mode == "smtps", ok=ok,
            login=auth_data.login.decode() if isinstance(auth_data, LoginPassword) else "")
        return AuthResult(success=ok)

    context = None
    if args.mode != "plain":
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.cert, args.key)
    # aiosmtpd counts only STARTTLS as TLS for offering AUTH; under smtps the whole session is TLS already.
    params = dict(authenticator=authenticator, auth_required=bool(args.user),
                  auth_require_tls=args.mode == "starttls")
    if args.mode == "starttls":
        params.update(tls_context=context, require_starttls=True)
    controller = Controller(LoggingMailbox(args.maildir), hostname="127.0.0.1", port=args.port,
                            ssl_context=context if args.mode == "smtps" else None,
                            server_hostname="127.0.0.1", **params)
    controller.start()
    say("listening", port=args.port, mode=args.mode)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()


if __name__ == "__main__":
    sys.exit(main())
