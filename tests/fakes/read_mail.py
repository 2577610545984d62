#!/usr/bin/env python3
"""Prints what tests need from a maildir written by aiosmtpd's Mailbox
handler: for each message to RECIPIENT, oldest first, a JSON line with its
subject (decoded), its text/plain part and whether it has an HTML part.

  read_mail.py MAILDIR RECIPIENT
"""
import email
import email.header
import email.policy
import json
import mailbox
import sys


def main():
    box = mailbox.Maildir(sys.argv[1], factory=None, create=False)
    found = []
    for key in box.keys():
        raw = box.get_bytes(key)
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        if sys.argv[2] not in str(msg["To"]):
            continue
        text = msg.get_body(preferencelist=("plain",))
        html = msg.get_body(preferencelist=("html",))
        found.append((box.get_file(key)._file.name, {
            "subject": str(msg["Subject"]),
            "text": text.get_content() if text else "",
            "has_html": html is not None,
        }))
    for _, item in sorted(found, key=lambda f: f[0]):
        print(json.dumps(item, ensure_ascii=False))


if __name__ == "__main__":
    main()
