#!/usr/bin/env python3
"""Fake X API v2 (api.x.com/2), per api-reference.md 5.1-5.3:

  GET /2/tweets/search/recent?query=conversation_id:ID&tweet.fields=&expansions=author_id&user.fields=&max_results=&next_token=&since_id=
  GET /2/tweets/{id}?tweet.fields=public_metrics
  GET /2/tweets/{id}/retweeted_by|liking_users?user.fields=&max_results=&pagination_token=   (5.2)
  GET /2/users/me
  GET /2/users/{id}/tweets?max_results=&pagination_token=

Conversation 1858000000000000000 has --comments replies, newest first (10 per
page by default, 100 at most); the first page also holds the giveaway post
itself (same conversation_id), as search does; every 5th reply answers another
reply; every 30th reply's author is missing from includes.users. Every answer
carries x-rate-limit-limit/-remaining/-reset for a 15-minute window of
"rate_limit" calls (450; set through /_fake/config); an exhausted window gives
429 until it resets. Errors use X's problem shape ({"title","detail","type"}).
The throttle fault answers 429 with remaining 0 and a reset 1 s ahead.
Every 3rd replier reposted the giveaway and every 2nd liked it; like X, the
fake names at most 100 accounts for either, however many there are.

Reply i has id 1858000000000000001 + i, so raising "comments" through
/_fake/config adds newer replies, as a running giveaway gets them. `since_id`
keeps only replies with a greater id (the giveaway post too is older); a
since_id below config "oldest_since_id" is refused with 400, as X refuses a
since_id older than its 7-day window. /_fake/stats also lists "since_ids",
the since_id of each search request ("" when absent).
"""
import time

from platform_fake import BASE_TIME, Fake, comment_text, decode_cursor, encode_cursor, iso_z, main

ROOT = "1858000000000000000"
ME = "1100000000000000001"


def problem(status, title, detail, kind):
    return {"title": title, "detail": detail, "type": "https://api.x.com/2/problems/" + kind, "status": status}


class X(Fake):
    """Fake X API v2 for Tirage's tests (see the module docstring)."""

    name = "x"
    oauth_providers = ("x",)  # whose tokens --token-check accepts
    default_port = 8704

    def __init__(self, args):
        super().__init__(args)
        self.config["rate_limit"] = 450
        self.window_start, self.window_calls = time.time(), 0
        self.config["oldest_since_id"] = None
        self.stats["since_ids"] = []

    def limits(self):
        with self.lock:
            if time.time() - self.window_start >= 900:
                self.window_start, self.window_calls = time.time(), 0
            self.window_calls += 1
            limit = int(self.config["rate_limit"])
            remaining = max(0, limit - self.window_calls)
            reset = int(self.window_start + 900)
            over = self.window_calls > limit
        return {"x-rate-limit-limit": str(limit), "x-rate-limit-remaining": str(remaining),
                "x-rate-limit-reset": str(reset)}, over

    def reply(self, i):
        parent = ROOT if i % 5 != 4 else str(int(ROOT) + i)  # every 5th answers the reply before it
        t = {"id": str(int(ROOT) + 1 + i), "text": "@demoshop " + comment_text(i), "author_id": str(2244990000 + i),
             "created_at": iso_z(BASE_TIME + 3 * i, True), "conversation_id": ROOT,
             "in_reply_to_user_id": ME, "referenced_tweets": [{"type": "replied_to", "id": parent}],
             "edit_history_tweet_ids": [str(int(ROOT) + 1 + i)]}
        user = {"id": str(2244990000 + i), "name": "Fan %d" % i, "username": "fan_%d" % i,
                "created_at": iso_z(1386995755 + 86400 * i, True), "verified": False,
                "public_metrics": {"followers_count": 10 * i, "following_count": 300, "tweet_count": 4100,
                                   "listed_count": 2, "like_count": 900}}
        return t, (None if i % 30 == 29 else user)

    def route(self, h, method, path, query, body, token):
        headers, over = self.limits()
        state = self.token_state(token)
        if state != "ok":
            return h.send(401, {"title": "Unauthorized", "type": "about:blank", "status": 401, "detail": "Unauthorized"},
                          headers)
        if over:
            return h.send(429, problem(429, "Too Many Requests", "Too Many Requests", "rate-limit-exceeded"), headers)
        total = int(self.config["comments"])
        q = lambda k, d="": query.get(k, [d])[0]
        if path == "/2/tweets/search/recent":
            if q("query") != "conversation_id:" + ROOT:
                if not q("query"):
                    return h.send(400, problem(400, "Invalid Request", "The 'query' parameter is required.",
                                               "invalid-request"), headers)
                return h.send(200, {"meta": {"result_count": 0}}, headers)
            limit = max(10, min(int(q("max_results", "10") or 10), 100))
            since = q("since_id", "")
            with self.lock:
                self.stats["since_ids"].append(since)
                oldest = self.config["oldest_since_id"]
            if since and not since.isdigit():
                return h.send(400, problem(400, "Invalid Request", "The `since_id` query parameter value [%s] is not valid"
                                           % since, "invalid-request"), headers)
            if since and oldest is not None and int(since) < int(oldest):
                return h.send(400, problem(400, "Invalid Request", "Invalid 'since_id':'%s'. 'since_id' must be a tweet id "
                                           "created after %s." % (since, oldest), "invalid-request"), headers)
            # replies lo..total-1 are newer than since_id
            lo = max(0, int(since) - int(ROOT)) if since else 0
            nt = q("next_token", None)
            offset = 0 if nt is None else decode_cursor(nt)
            if offset is None:
                return h.send(400, problem(400, "Invalid Request", "The `next_token` query parameter value is not valid",
                                           "invalid-request"), headers)
            fault = self.page_request(offset)
            if fault in ("throttle_at", "http429_at"):
                headers.update({"x-rate-limit-remaining": "0", "x-rate-limit-reset": str(int(time.time()) + 1)})
                return h.send(429, {"title": "Too Many Requests", "detail": "Too Many Requests", "type": "about:blank",
                                    "status": 429}, headers)
            if fault == "error5xx_at":
                return h.send(503, {"title": "Service Unavailable", "detail": "Service Unavailable",
                                    "type": "about:blank", "status": 503}, headers)
            data, users = [], []
            # newest first, as X returns: reply total-1 down to 0
            for i in range(total - 1 - offset, max(lo - 1, total - 1 - offset - limit), -1):
                t, u = self.reply(i)
                data.append(t)
                if u:
                    users.append(u)
            if offset == 0 and (not since or int(since) < int(ROOT)):
                data.insert(0, {"id": ROOT, "text": "GIVEAWAY! Reply to win", "author_id": ME,
                                "created_at": iso_z(BASE_TIME - 60, True), "conversation_id": ROOT,
                                "edit_history_tweet_ids": [ROOT]})
                users.append({"id": ME, "name": "Demo Shop", "username": "demoshop",
                              "created_at": "2012-01-01T00:00:00.000Z"})
            n = max(0, min(limit, total - lo - offset))
            page = {"meta": {"result_count": len(data)}}
            if data:
                page["data"] = data
                page["includes"] = {"users": users}
                page["meta"].update({"newest_id": data[0]["id"], "oldest_id": data[-1]["id"]})
            if offset + n < total - lo:
                page["meta"]["next_token"] = encode_cursor(offset + n)
            return h.send(200, page, headers, fault)
        if path in ("/2/tweets/%s/retweeted_by" % ROOT, "/2/tweets/%s/liking_users" % ROOT):
            every = 3 if path.endswith("retweeted_by") else 2
            who = [i for i in range(total) if i % every == 0][:100]  # X's cap: 100 accounts per post
            limit = max(1, min(int(q("max_results", "100") or 100), 100))
            pt = q("pagination_token", None)
            offset = 0 if pt is None else decode_cursor(pt)
            if offset is None:
                return h.send(400, problem(400, "Invalid Request", "The `pagination_token` query parameter value is not valid",
                                           "invalid-request"), headers)
            users = [{"id": str(2244990000 + i), "name": "Fan %d" % i, "username": "fan_%d" % i}
                     for i in who[offset:offset + limit]]
            page = {"meta": {"result_count": len(users)}}
            if users:
                page["data"] = users
            if offset + len(users) < len(who):
                page["meta"]["next_token"] = encode_cursor(offset + len(users))
            return h.send(200, page, headers)
        if path == "/2/tweets/" + ROOT:
            return h.send(200, {"data": {"id": ROOT, "text": "GIVEAWAY! Reply to win", "edit_history_tweet_ids": [ROOT],
                                         "public_metrics": {"retweet_count": 3, "reply_count": total + 1,
                                                            "like_count": 40, "quote_count": 0}}}, headers)
        if path.startswith("/2/tweets/"):
            return h.send(200, {"errors": [{"value": path[10:], "detail": "Could not find tweet with id: [%s]." % path[10:],
                                            "title": "Not Found Error", "resource_type": "tweet", "parameter": "id",
                                            "resource_id": path[10:],
                                            "type": "https://api.x.com/2/problems/resource-not-found"}]}, headers)
        if path == "/2/users/me":
            return h.send(200, {"data": {"id": ME, "name": "Demo Shop", "username": "demoshop"}}, headers)
        if path == "/2/users/%s/tweets" % ME:
            posts = [{"id": ROOT, "text": "GIVEAWAY! Reply to win", "created_at": iso_z(BASE_TIME - 60, True),
                      "edit_history_tweet_ids": [ROOT], "public_metrics": {"reply_count": total + 1}}]
            posts += [{"id": str(1857000000000000000 + k), "text": "post %d" % k, "created_at": iso_z(BASE_TIME - 86400 * k, True),
                       "edit_history_tweet_ids": [str(1857000000000000000 + k)], "public_metrics": {"reply_count": k}}
                      for k in range(30)]
            pt = q("pagination_token", None)
            offset = 0 if pt is None else (decode_cursor(pt) or 0)
            limit = max(5, min(int(q("max_results", "10") or 10), 100))
            items = posts[offset:offset + limit]
            page = {"data": items, "meta": {"result_count": len(items)}}
            if offset + len(items) < len(posts):
                page["meta"]["next_token"] = encode_cursor(offset + len(items))
            return h.send(200, page, headers)
        return h.send(404, problem(404, "Not Found Error", "Unknown endpoint " + path, "resource-not-found"), headers)


if __name__ == "__main__":
    main(X)
