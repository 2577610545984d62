#!/usr/bin/env python3
"""Fake Instagram Graph API (Instagram Login host graph.instagram.com), per
api-reference.md 1.2-1.4 and 2.3-2.5:

  GET /{v}/{media-id}/comments?fields=...&limit=&after=   (25 per page by default, 50 at most)
  GET /{v}/{comment-id}/replies?fields=...&limit=&after=
  GET /{v}/{media-id}?fields=comments_count
  GET /{v}/me/media?fields=...&limit=&after=

Media 17900000000000001 has --comments top-level comments; every 10th has 3
replies, of which the nested `replies` field shows 2 with a paging.next (so
the client must list the rest through /replies); every 97th is hidden by the
owner. comments_count counts replies plus 2 deleted comments the API does not
return. Errors use Meta's {"error":{"code",...}} shape: 190/463 for an expired
token, 100/33 for an unknown media, 80002 (Business Use Case throttling) with
X-Business-Use-Case-Usage for the throttle fault. Every answer carries
X-Business-Use-Case-Usage keyed by the IG account id.
"""
import json
import re
import time

from platform_fake import (BASE_TIME, Fake, comment_text, decode_cursor, encode_cursor, iso_meta, main)

MEDIA = "17900000000000001"
IG_USER = "17841400000000001"
VERSION = r"(?:/v\d+\.\d+)?"
REPLIES_EVERY, REPLIES_PER, NESTED_SHOWN, DELETED = 10, 3, 2, 2


def error(code, message, subcode=None, typ="OAuthException", transient=False):
    e = {"message": message, "type": typ, "code": code, "fbtrace_id": "AFakeTrace%d" % int(time.time())}
    if subcode:
        e["error_subcode"] = subcode
    if transient:
        e["is_transient"] = True
    return {"error": e}


class Instagram(Fake):
    """Fake Instagram Graph API for Tirage's tests (see the module docstring)."""

    name = "instagram"
    oauth_providers = ("instagram",)  # whose tokens --token-check accepts
    default_port = 8701

    def comment(self, i):
        return {"id": str(17870000000000000 + i), "text": comment_text(i), "timestamp": iso_meta(BASE_TIME + 3 * i),
                "username": "fan_%d" % i, "from": {"id": str(6790000000000000 + i), "username": "fan_%d" % i},
                "like_count": i % 7, "hidden": i % 97 == 96}

    def reply(self, parent, k):
        rid = 18000000000000000 + parent * 10 + k
        return {"id": str(rid), "text": "good luck %d" % k, "timestamp": iso_meta(BASE_TIME + 3 * parent + 1 + k),
                "username": "friend_%d_%d" % (parent, k), "from": {"id": str(6800000000000000 + parent * 10 + k),
                                                                    "username": "friend_%d_%d" % (parent, k)},
                "like_count": 0, "parent_id": str(17870000000000000 + parent)}

    def usage(self, pct, regain=0):
        return {"X-Business-Use-Case-Usage": json.dumps({IG_USER: [{"type": "instagram", "call_count": pct,
                                                                    "total_cputime": pct // 2, "total_time": pct // 2,
                                                                    "estimated_time_to_regain_access": regain}]})}

    def paging(self, path, offset, n, total, limit, query_fields):
        page = {"cursors": {"before": encode_cursor(offset), "after": encode_cursor(offset + n)}}
        if offset + n < total:
            page["next"] = ("https://graph.instagram.com/v23.0%s?fields=%s&limit=%d&after=%s&access_token=IGQVJfake"
                            % (path, query_fields, limit, encode_cursor(offset + n)))
        return page

    def route(self, h, method, path, query, body, token):
        total = int(self.config["comments"])
        state = self.token_state(token)
        if state != "ok":
            msg = ("Error validating access token: Session has expired on Tuesday, 24-Nov-26 10:00:00 PST."
                   if state == "expired" else "Invalid OAuth access token - Cannot parse access token")
            return h.send(400 if state == "expired" else 401, error(190, msg, 463 if state == "expired" else None))
        limit = min(int(query.get("limit", ["25"])[0] or 25), 50)
        fields = query.get("fields", [""])[0]
        m = re.fullmatch(VERSION + r"/(\d+)/comments", path)
        if m:
            if m.group(1) != MEDIA:
                return h.send(400, error(100, "Unsupported get request. Object with ID '%s' does not exist, cannot be "
                                              "loaded due to missing permissions, or does not support this operation"
                                         % m.group(1), 33, "GraphMethodException"))
            after = query.get("after", [None])[0]
            offset = 0 if after is None else decode_cursor(after)
            if offset is None:
                return h.send(400, error(100, "Invalid parameter", None, "OAuthException"))
            fault = self.page_request(offset)
            if fault == "throttle_at":
                return h.send(400, error(80002, "There have been too many calls to this Instagram account. Wait a "
                                                "bit and try again."), self.usage(100, 1))
            if fault == "http429_at":
                return h.send(429, error(4, "(#4) Application request limit reached", transient=True), {"Retry-After": "1"})
            if fault == "error5xx_at":
                return h.send(500, error(2, "An unexpected error has occurred. Please retry your request later.",
                                         transient=True))
            items = []
            for i in range(offset, min(offset + limit, total)):
                c = self.comment(i)
                if "replies" in fields and i % REPLIES_EVERY == REPLIES_EVERY - 1:
                    shown = [self.reply(i, k) for k in range(NESTED_SHOWN)]
                    nested = {"data": shown}
                    if REPLIES_PER > NESTED_SHOWN:
                        nested["paging"] = {"cursors": {"after": encode_cursor(NESTED_SHOWN)},
                                            "next": "https://graph.instagram.com/v23.0/%s/replies?after=%s"
                                                    % (c["id"], encode_cursor(NESTED_SHOWN))}
                    c["replies"] = nested
                items.append(c)
            n = len(items)
            return h.send(200, {"data": items, "paging": self.paging(path, offset, n, total, limit, fields)},
                          self.usage(min(95, 5 + self.stats["page_requests"] % 40)), fault)
        m = re.fullmatch(VERSION + r"/(\d+)/replies", path)
        if m:
            parent = int(m.group(1)) - 17870000000000000
            if not (0 <= parent < total) or parent % REPLIES_EVERY != REPLIES_EVERY - 1:
                if 0 <= parent < total:
                    return h.send(200, {"data": []})
                return h.send(400, error(100, "Object does not exist", 33, "GraphMethodException"))
            after = query.get("after", [None])[0]
            offset = 0 if after is None else decode_cursor(after)
            fault = self.page_request(-1)
            items = [self.reply(parent, k) for k in range(offset, min(offset + limit, REPLIES_PER))]
            return h.send(200, {"data": items, "paging": self.paging(path, offset, len(items), REPLIES_PER, limit, fields)},
                          self.usage(10), fault)
        if re.fullmatch(VERSION + r"/me/media", path):
            media = [{"id": MEDIA, "caption": "GIVEAWAY! Comment to win", "media_type": "IMAGE",
                      "media_product_type": "FEED", "permalink": "https://www.instagram.com/p/DAbCdEfGh1J/",
                      "shortcode": "DAbCdEfGh1J", "timestamp": iso_meta(BASE_TIME - 3600),
                      "comments_count": total + total // REPLIES_EVERY * REPLIES_PER + DELETED, "like_count": 1030}]
            media += [{"id": str(17900000000000002 + k), "caption": "post %d" % k, "media_type": "IMAGE",
                       "media_product_type": "FEED", "permalink": "https://www.instagram.com/p/Older%05d/" % k,
                       "shortcode": "Older%05d" % k, "timestamp": iso_meta(BASE_TIME - 86400 * (k + 2)),
                       "comments_count": 0, "like_count": 3} for k in range(40)]
            after = query.get("after", [None])[0]
            offset = 0 if after is None else (decode_cursor(after) or 0)
            lim = min(int(query.get("limit", ["25"])[0] or 25), 100)
            items = media[offset:offset + lim]
            return h.send(200, {"data": items, "paging": self.paging(path, offset, len(items), len(media), lim, fields)},
                          self.usage(3))
        m = re.fullmatch(VERSION + r"/(\d+)", path)
        if m:
            if m.group(1) != MEDIA:
                return h.send(400, error(100, "Object does not exist", 33, "GraphMethodException"))
            return h.send(200, {"comments_count": total + total // REPLIES_EVERY * REPLIES_PER + DELETED, "id": MEDIA},
                          self.usage(2))
        return h.send(400, error(100, "Unknown path components: %s" % path))


if __name__ == "__main__":
    main(Instagram)
