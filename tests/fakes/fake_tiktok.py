#!/usr/bin/env python3
"""Fake TikTok API v2 (open.tiktokapis.com), per api-reference.md 6.1-6.5.
TikTok lists a creator's videos (Display API) but offers commercial apps no
way to list a video's comments with their authors, so this fake serves only:

  POST /v2/video/list/?fields=id,title,...   body {"max_count":1-20,"cursor":ms}

with 45 videos, newest first, `cursor` a Unix time in milliseconds and
`has_more`, inside TikTok's {"data":{...},"error":{"code":"ok",...}} envelope.
Errors: 401 access_token_invalid (expired token), 429 rate_limit_exceeded
(throttle and 429 faults), 400 invalid_params (bad body).
"""
import json

from platform_fake import BASE_TIME, Fake, main

VIDEOS = 45


def envelope(data, code="ok", message=""):
    return {"data": data, "error": {"code": code, "message": message, "log_id": "20261125000000FAKE"}}


class TikTok(Fake):
    """Fake TikTok Display API for Tirage's tests (see the module docstring)."""

    name = "tiktok"
    oauth_providers = ("tiktok",)  # whose tokens --token-check accepts
    default_port = 8705

    def route(self, h, method, path, query, body, token):
        state = self.token_state(token)
        if state != "ok":
            return h.send(401, envelope({}, "access_token_invalid",
                                        "The access token is invalid or not found in the request."))
        if path != "/v2/video/list/" or method != "POST":
            return h.send(404, envelope({}, "invalid_params", "Unknown endpoint " + path))
        try:
            req = json.loads(body or b"{}")
            count = int(req.get("max_count", 10))
            cursor = req.get("cursor")
            assert 1 <= count <= 20
        except Exception:
            return h.send(400, envelope({}, "invalid_params", "max_count must be 1-20 and the body JSON"))
        fault = self.page_request(cursor or 0)
        if fault in ("throttle_at", "http429_at"):
            return h.send(429, envelope({}, "rate_limit_exceeded", "API rate limit exceeded"))
        times = [(BASE_TIME - 3600 * k) * 1000 for k in range(VIDEOS)]
        start = 0 if cursor is None else next((k for k, t in enumerate(times) if t < int(cursor)), VIDEOS)
        chosen = list(range(start, min(start + count, VIDEOS)))
        videos = [{"id": str(7300000000000000000 + k), "title": "GIVEAWAY" if k == 0 else "video %d" % k,
                   "video_description": "comment to win" if k == 0 else "", "create_time": times[k] // 1000,
                   "share_url": "https://www.tiktok.com/@demoshop/video/%d" % (7300000000000000000 + k),
                   "comment_count": int(self.config["comments"]) if k == 0 else k} for k in chosen]
        more = bool(chosen) and chosen[-1] + 1 < VIDEOS
        return h.send(200, envelope({"videos": videos, "cursor": times[chosen[-1]] if chosen else 0, "has_more": more}),
                      None, fault)


if __name__ == "__main__":
    main(TikTok)
