#!/usr/bin/env python3
"""Fake Facebook Graph API for Page posts (graph.facebook.com), per
api-reference.md 1.2-1.4 and 3.2-3.4:

  GET /{v}/{page-post-id}/comments?fields=...&filter=stream|toplevel&order=chronological&summary=true&limit=&after=
  GET /{v}/me/posts?fields=id,message,created_time,permalink_url&limit=&after=   (with a Page token)
  GET /{v}/{page-post-id}/reactions?summary=total_count&limit=&after=   (api-reference.md 3.3)

Post 104857600000001_122100000000000123 has --comments top-level comments
(so has {page}_122100000000000123 of any other Page: the giveaway post of
each Page, listed first by that Page's /me/posts; with --token-check, a Page
token fake_oauth.py issued lists its own Page's posts, any other token Page
104857600000001's);
every 10th has 2 replies (flat with `parent` under filter=stream, absent
under toplevel); every 50th comment has no `from` (Meta withholds the author).
summary.total_count counts all of them plus 1 deleted (config {"deleted": n}
for n; {"authors_withheld": true} drops `from` from every comment, as Meta
answers a token of another Page: 18 announced, 15 served without `from`;
{"replies": false}: no comment has replies). Every 2nd commenter
reacted (LIKE or LOVE); with config {"reactions_unnamed": true} reactions come
without id and name, as Meta answers Pages short of permissions. Errors in Meta's shape:
190/463 expired token, 100/33 unknown post, 17 (user request limit) with
X-App-Usage at 100 for the throttle fault. Every answer carries X-App-Usage.
"""
import json
import re
import time

from platform_fake import (BASE_TIME, Fake, comment_text, decode_cursor, encode_cursor, iso_meta, main)

PAGE = "104857600000001"
POST = PAGE + "_122100000000000123"
VERSION = r"(?:/v\d+\.\d+)?"
REPLIES_EVERY, REPLIES_PER, NO_FROM_EVERY = 10, 2, 50


def is_giveaway_post(post_id):
    """The giveaway post of Page 104857600000001, or of any other Page (same post number)."""
    return re.fullmatch(r"[0-9]{1,32}" + re.escape(POST[len(PAGE):]), post_id) is not None


def error(code, message, subcode=None, typ="OAuthException"):
    e = {"message": message, "type": typ, "code": code, "fbtrace_id": "AFbTrace%d" % int(time.time())}
    if subcode:
        e["error_subcode"] = subcode
    return {"error": e}


class Facebook(Fake):
    """Fake Facebook Page comments API for Tirage's tests (see the module docstring)."""

    name = "facebook"
    oauth_providers = ("facebook",)  # whose tokens --token-check accepts
    default_port = 8702

    def stream(self, total, toplevel):
        """The flat list of (kind, index, k) in chronological order."""
        for i in range(total):
            yield ("c", i, 0)
            if not toplevel and self.config.get("replies", True) and i % REPLIES_EVERY == REPLIES_EVERY - 1:
                for k in range(REPLIES_PER):
                    yield ("r", i, k)

    def item(self, kind, i, k):
        post_num = POST.split("_")[1]
        if kind == "c":
            c = {"id": "%s_%d" % (post_num, 901234567890000 + i), "message": comment_text(i),
                 "created_time": iso_meta(BASE_TIME + 3 * i), "from": {"id": str(6543210000000000 + i), "name": "Fan %d" % i},
                 "like_count": i % 5, "comment_count": REPLIES_PER if i % REPLIES_EVERY == REPLIES_EVERY - 1 else 0}
            if i % NO_FROM_EVERY == NO_FROM_EVERY - 1 or self.config.get("authors_withheld"):
                del c["from"]
            return c
        return {"id": "%s_%d" % (post_num, 905000000000000 + i * 10 + k), "message": "reply %d" % k,
                "created_time": iso_meta(BASE_TIME + 3 * i + 1 + k),
                "from": {"id": str(6550000000000000 + i * 10 + k), "name": "Friend %d %d" % (i, k)},
                "like_count": 0, "comment_count": 0, "parent": {"id": "%s_%d" % (post_num, 901234567890000 + i)}}

    def route(self, h, method, path, query, body, token):
        total = int(self.config["comments"])
        state = self.token_state(token)
        usage = {"X-App-Usage": json.dumps({"call_count": min(95, 3 + self.stats["page_requests"] % 30),
                                            "total_cputime": 4, "total_time": 5})}
        if state != "ok":
            return h.send(400, error(190, "Error validating access token: Session has expired" if state == "expired"
                                     else "Invalid OAuth access token.", 463 if state == "expired" else None))
        limit = min(int(query.get("limit", ["25"])[0] or 25), 100)
        m = re.fullmatch(VERSION + r"/([0-9_]+)/comments", path)
        if m:
            if not is_giveaway_post(m.group(1)):
                return h.send(400, error(100, "Unsupported get request. Object with ID '%s' does not exist" % m.group(1),
                                         33, "GraphMethodException"))
            after = query.get("after", [None])[0]
            offset = 0 if after is None else decode_cursor(after)
            if offset is None:
                return h.send(400, error(100, "Invalid cursor"))
            fault = self.page_request(offset)
            if fault == "throttle_at":
                return h.send(400, error(17, "(#17) User request limit reached"),
                              {"X-App-Usage": json.dumps({"call_count": 100, "total_cputime": 20, "total_time": 30})})
            if fault == "http429_at":
                return h.send(429, error(4, "(#4) Application request limit reached"), {"Retry-After": "1"})
            if fault == "error5xx_at":
                return h.send(503, error(2, "Service temporarily unavailable"))
            toplevel = query.get("filter", ["toplevel"])[0] != "stream"
            flat = list(self.stream(total, toplevel))
            items = [self.item(*x) for x in flat[offset:offset + limit]]
            page = {"data": items, "paging": {"cursors": {"before": encode_cursor(offset),
                                                           "after": encode_cursor(offset + len(items))}}}
            if offset + len(items) < len(flat):
                page["paging"]["next"] = ("https://graph.facebook.com/v23.0/%s/comments?limit=%d&after=%s&access_token=EAAfake"
                                          % (POST, limit, encode_cursor(offset + len(items))))
            if query.get("summary", [""])[0] in ("true", "total_count"):
                deleted = int(self.config.get("deleted", 1))
                page["summary"] = {"order": "chronological", "total_count": len(list(self.stream(total, False))) + deleted,
                                   "can_comment": True}
            return h.send(200, page, usage, fault)
        m = re.fullmatch(VERSION + r"/([0-9_]+)/reactions", path)
        if m:
            if not is_giveaway_post(m.group(1)):
                return h.send(400, error(100, "Unsupported get request. Object with ID '%s' does not exist" % m.group(1),
                                         33, "GraphMethodException"))
            reactors = [i for i in range(total) if i % 2 == 0]
            after = query.get("after", [None])[0]
            offset = 0 if after is None else decode_cursor(after)
            if offset is None:
                return h.send(400, error(100, "Invalid cursor"))
            items = []
            for i in reactors[offset:offset + limit]:
                r = {"id": str(6543210000000000 + i), "name": "Fan %d" % i, "type": "LOVE" if i % 4 == 0 else "LIKE"}
                if self.config.get("reactions_unnamed"):
                    r = {"type": r["type"]}
                items.append(r)
            page = {"data": items, "paging": {"cursors": {"before": encode_cursor(offset),
                                                           "after": encode_cursor(offset + len(items))}},
                    "summary": {"total_count": len(reactors), "viewer_reaction": "NONE"}}
            if offset + len(items) < len(reactors):
                page["paging"]["next"] = ("https://graph.facebook.com/v23.0/%s/reactions?limit=%d&after=%s&access_token=EAAfake"
                                          % (POST, limit, encode_cursor(offset + len(items))))
            return h.send(200, page, usage)
        if re.fullmatch(VERSION + r"/me/posts", path):
            page_id = (self.issued_token(token) or {}).get("page_id", PAGE)  # /me is the Page of a Page token
            giveaway = "GIVEAWAY: comment to win" if page_id == PAGE else "GIVEAWAY on Page %s: comment to win" % page_id
            posts = [{"id": page_id + POST[len(PAGE):], "message": giveaway, "created_time": iso_meta(BASE_TIME - 600),
                      "permalink_url": "https://www.facebook.com/%s/posts/pfbid02FakeLink123" % page_id}]
            posts += [{"id": "%s_%d" % (page_id, 122000000000000000 + k), "message": "post %d" % k,
                       "created_time": iso_meta(BASE_TIME - 86400 * (k + 1)),
                       "permalink_url": "https://www.facebook.com/%s/posts/%d" % (page_id, 122000000000000000 + k)}
                      for k in range(30)]
            after = query.get("after", [None])[0]
            offset = 0 if after is None else (decode_cursor(after) or 0)
            items = posts[offset:offset + limit]
            page = {"data": items, "paging": {"cursors": {"before": encode_cursor(offset),
                                                           "after": encode_cursor(offset + len(items))}}}
            if offset + len(items) < len(posts):
                page["paging"]["next"] = "https://graph.facebook.com/v23.0/%s/posts?after=%s" % (PAGE, encode_cursor(offset + len(items)))
            return h.send(200, page, usage)
        return h.send(400, error(100, "Unknown path components: %s" % path))


if __name__ == "__main__":
    main(Facebook)
