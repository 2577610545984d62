#!/usr/bin/env python3
"""Fake YouTube Data API v3 (www.googleapis.com/youtube/v3), per
api-reference.md 4.1-4.3 and 4.5:

  GET /youtube/v3/commentThreads?part=snippet[,replies]&videoId=&maxResults=&pageToken=&order=time&textFormat=plainText
  GET /youtube/v3/comments?part=snippet&parentId=&maxResults=&pageToken=
  GET /youtube/v3/videos?part=statistics&id=
  GET /youtube/v3/channels?part=contentDetails&mine=true
  GET /youtube/v3/playlistItems?part=snippet&playlistId=&maxResults=&pageToken=

Video vidGiveaway has --comments threads (20 per page by default, 100 at most);
every 8th thread has 4 replies of which replies.comments shows 2 (the client
must call comments.list for the rest); every 40th top-level comment's channel
is deleted (no authorChannelId). Video vidNoCommnt has comments disabled
(403 commentsDisabled on its threads; no commentCount in its statistics). Every call costs 1 quota unit out of "quota" (set
through /_fake/config; 10000 by default): then 403 quotaExceeded. Errors use
Google's {"error":{"code","message","errors":[{"reason","domain"}]}} shape;
an expired token gets 401 authError; the throttle fault 403 rateLimitExceeded.
"""
from platform_fake import BASE_TIME, Fake, comment_text, decode_cursor, encode_cursor, iso_z, main

VIDEO, NO_COMMENTS, UPLOADS = "vidGiveaway", "vidNoCommnt", "UUdemoUploads000000000"
REPLIES_EVERY, REPLIES_PER, SHOWN, DELETED_EVERY = 8, 4, 2, 40


def gerror(status, reason, message, domain="youtube.commentThread"):
    return {"error": {"code": status, "message": message,
                      "errors": [{"message": message, "domain": domain, "reason": reason}]}}


class YouTube(Fake):
    """Fake YouTube Data API for Tirage's tests (see the module docstring)."""

    name = "youtube"
    oauth_providers = ("google",)  # whose tokens --token-check accepts
    default_port = 8703

    def __init__(self, args):
        super().__init__(args)
        self.config["quota"] = 10000

    def top(self, i):
        sn = {"channelId": "UCdemoChannel0000000000", "videoId": VIDEO, "textDisplay": comment_text(i),
              "textOriginal": comment_text(i), "authorDisplayName": "@fan%d" % i,
              "authorChannelUrl": "http://www.youtube.com/@fan%d" % i, "authorChannelId": {"value": "UCfan%018d" % i},
              "canRate": True, "viewerRating": "none", "likeCount": i % 9,
              "publishedAt": iso_z(BASE_TIME + 3 * i), "updatedAt": iso_z(BASE_TIME + 3 * i)}
        if i % DELETED_EVERY == DELETED_EVERY - 1:
            del sn["authorChannelId"]
        return {"kind": "youtube#comment", "etag": "e%d" % i, "id": "Ugthread%08d" % i, "snippet": sn}

    def reply(self, i, k):
        return {"kind": "youtube#comment", "etag": "r%d.%d" % (i, k), "id": "Ugthread%08d.reply%d" % (i, k),
                "snippet": {"videoId": VIDEO, "textDisplay": "good luck %d" % k, "textOriginal": "good luck %d" % k,
                            "parentId": "Ugthread%08d" % i, "authorDisplayName": "@friend%d_%d" % (i, k),
                            "authorChannelId": {"value": "UCfriend%010d%02d" % (i, k)}, "likeCount": 0,
                            "publishedAt": iso_z(BASE_TIME + 3 * i + 1 + k), "updatedAt": iso_z(BASE_TIME + 3 * i + 1 + k)}}

    def route(self, h, method, path, query, body, token):
        total = int(self.config["comments"])
        state = self.token_state(token)
        if state != "ok":
            return h.send(401, {"error": {"code": 401, "message": "Request had invalid authentication credentials.",
                                          "errors": [{"message": "Invalid Credentials", "domain": "global",
                                                      "reason": "authError", "location": "Authorization",
                                                      "locationType": "header"}], "status": "UNAUTHENTICATED"}})
        with self.lock:
            self.config["quota"] -= 1
            quota_left = self.config["quota"]
        if quota_left < 0:
            return h.send(403, gerror(403, "quotaExceeded", "The request cannot be completed because you have exceeded "
                                                            "your <a href=\"/youtube/v3/getting-started#quota\">quota</a>.",
                                      "youtube.quota"))
        q = lambda k, d="": query.get(k, [d])[0]
        limit = min(int(q("maxResults", "20") or 20), 100)
        token_in = q("pageToken", None)
        offset = 0 if token_in is None else decode_cursor(token_in)
        if offset is None:
            return h.send(400, gerror(400, "invalidPageToken", "The request specifies an invalid page token.",
                                      "youtube.parameter"))
        if path == "/youtube/v3/commentThreads":
            if q("videoId") == NO_COMMENTS:
                return h.send(403, gerror(403, "commentsDisabled", "The video identified by the videoId parameter has "
                                                                   "disabled comments."))
            if q("videoId") != VIDEO:
                return h.send(404, gerror(404, "videoNotFound", "The video identified by the videoId parameter could "
                                                                "not be found.", "youtube.commentThread"))
            fault = self.page_request(offset)
            if fault == "throttle_at":
                return h.send(403, gerror(403, "rateLimitExceeded", "The request rate is higher than allowed.",
                                          "youtube.quota"))
            if fault == "http429_at":
                return h.send(429, gerror(429, "rateLimitExceeded", "Too many requests", "global"), {"Retry-After": "1"})
            if fault == "error5xx_at":
                return h.send(503, gerror(503, "backendError", "Backend Error", "global"))
            items = []
            for i in range(offset, min(offset + limit, total)):
                n_replies = REPLIES_PER if i % REPLIES_EVERY == REPLIES_EVERY - 1 else 0
                t = {"kind": "youtube#commentThread", "etag": "t%d" % i, "id": "Ugthread%08d" % i,
                     "snippet": {"channelId": "UCdemoChannel0000000000", "videoId": VIDEO, "topLevelComment": self.top(i),
                                 "canReply": True, "totalReplyCount": n_replies, "isPublic": True}}
                if n_replies and "replies" in q("part"):
                    t["replies"] = {"comments": [self.reply(i, k) for k in range(SHOWN)]}
                items.append(t)
            page = {"kind": "youtube#commentThreadListResponse", "etag": "p%d" % offset,
                    "pageInfo": {"totalResults": len(items), "resultsPerPage": limit}, "items": items}
            if offset + len(items) < total:
                page["nextPageToken"] = encode_cursor(offset + len(items))
            return h.send(200, page, None, fault)
        if path == "/youtube/v3/comments":
            parent = q("parentId")
            try:
                i = int(parent[len("Ugthread"):])
            except ValueError:
                return h.send(404, gerror(404, "commentNotFound", "The comment could not be found.", "youtube.comment"))
            n = REPLIES_PER if 0 <= i < total and i % REPLIES_EVERY == REPLIES_EVERY - 1 else 0
            fault = self.page_request(-1)
            items = [self.reply(i, k) for k in range(offset, min(offset + limit, n))]
            page = {"kind": "youtube#commentListResponse", "items": items}
            if offset + len(items) < n:
                page["nextPageToken"] = encode_cursor(offset + len(items))
            return h.send(200, page, None, fault)
        if path == "/youtube/v3/videos":
            if q("id") == NO_COMMENTS:  # the video exists; Google leaves commentCount out when comments are off
                return h.send(200, {"kind": "youtube#videoListResponse",
                                    "items": [{"id": NO_COMMENTS, "statistics": {"viewCount": "10", "likeCount": "1"}}]})
            if q("id") != VIDEO:
                return h.send(200, {"kind": "youtube#videoListResponse", "items": []})
            count = total + total // REPLIES_EVERY * REPLIES_PER + 3  # 3 held for review: never returned
            return h.send(200, {"kind": "youtube#videoListResponse",
                                "items": [{"id": VIDEO, "statistics": {"viewCount": "1000", "likeCount": "50",
                                                                       "commentCount": str(count)}}]})
        if path == "/youtube/v3/channels":
            return h.send(200, {"kind": "youtube#channelListResponse",
                                "items": [{"id": "UCdemoChannel0000000000",
                                           "contentDetails": {"relatedPlaylists": {"uploads": UPLOADS}}}]})
        if path == "/youtube/v3/playlistItems":
            vids = [(VIDEO, "GIVEAWAY video")] + [("vidOld%05d" % k, "video %d" % k) for k in range(30)]
            items = [{"snippet": {"title": title, "publishedAt": iso_z(BASE_TIME - 86400 * k),
                                  "resourceId": {"kind": "youtube#video", "videoId": vid}}}
                     for k, (vid, title) in enumerate(vids)][offset:offset + limit]
            page = {"kind": "youtube#playlistItemListResponse", "items": items}
            if offset + len(items) < len(vids):
                page["nextPageToken"] = encode_cursor(offset + len(items))
            return h.send(200, page)
        return h.send(404, gerror(404, "notFound", "Not Found", "global"))


if __name__ == "__main__":
    main(YouTube)
