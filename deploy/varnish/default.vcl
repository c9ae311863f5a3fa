# Varnish in front of Cinema One (Varnish 7.1, vmod xkey from varnish-modules 0.20).
#
# What it keeps: the public pages the app tagged for a cache in front, for anonymous readers,
# for as long as the app says (Surrogate-Control), emptied by tag the moment the app changes
# one of the objects they show. The app's own rules decide what a public page is
# (pagecache.middleware): this file only refuses to keep anything else.
#
# Lifetime. The app sends `Cache-Control: public, max-age=0, must-revalidate` (browsers
# revalidate every time: a page can end at any moment) and, when it purges this cache
# (PURGE_URL set), `Surrogate-Control: max-age=N` on the pages it stored itself: N is what is
# left of the page's life in the app's cache (PAGE_CACHE_SECONDS, or less when a scheduled film
# goes live before, which changes the catalog and home without any save to purge them). Varnish
# keeps the page exactly that long, so it never outlives the app's own copy; a page without
# Surrogate-Control is not kept (an app that does not purge must not have its pages kept).
# s-maxage would say the same, but to every shared cache on the way, including ones nobody
# purges; Surrogate-Control is for the reverse proxy alone, and Varnish strips it.
#
# Purge. The app sends `PURGE /` with `xkey-purge: <tags>` (pagecache.purge) after each change
# commits. It is a soft purge: the page's life ends, but the copy stays for the grace period, so
# that while the app is down readers get the last copy of a dossier instead of an error. While
# the app is up, no expired copy is ever served (req.grace is 0): the next reader gets the
# new page. After a deploy, `manage.py purge_pages` empties it: Varnish cannot tell an old
# release's pages (naming CSS files the new one no longer has) from the new one's.
#
# Run: varnishd -F -a :80 -f /etc/varnish/default.vcl -s malloc,256m, with backend.vcl (the
# app's address and its probe) beside this file or anywhere in vcl_path.

vcl 4.1;

import std;
import xkey;

include "backend.vcl";

# Who may purge: the app's hosts. Localhost and the private networks (docker compose's network
# is one); narrow it to the web hosts' own network in production if others share it.
acl purgers {
    "127.0.0.1";
    "::1";
    "10.0.0.0"/8;
    "172.16.0.0"/12;
    "192.168.0.0"/16;
    "fc00::"/7;
}

sub vcl_recv {
    # Set here only, never taken from a client.
    unset req.http.X-C1-Cache;
    if (req.restarts == 0) {
        unset req.http.X-C1-Stale-OK;
    }

    if (req.method == "PURGE") {
        call purge_by_tag;
    }

    # The probes say how this app process is doing now: never an answer kept from before.
    if (req.url ~ "^/(healthz|readyz)/?(\?|$)") {
        return (pass);
    }
    # Forms, sign-ins and anything that is not a plain read go to the app every time. (Varnish
    # alone would pipe an unknown method; passing it lets the app answer 405.)
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/admin(/|\?|$)" || req.http.Authorization) {
        return (pass);
    }
    # A session (staff) or a pending message (a reader being thanked) means a page for that
    # person alone. The names are Django's SESSION_COOKIE_NAME and MESSAGES_COOKIE_NAME
    # (cinemaone/settings.py): change them together.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    # Any other cookie (analytics, an old csrftoken) changes nothing on a public page, and
    # would make every reader a page of their own.
    unset req.http.Cookie;

    # An expired copy is for when the app cannot answer: served then (grace, below, and the
    # retry in vcl_deliver), never while it is healthy.
    if (std.healthy(req.backend_hint) && !req.http.X-C1-Stale-OK) {
        set req.grace = 0s;
    }
    return (hash);
}

sub purge_by_tag {
    if (client.ip !~ purgers) {
        return (synth(403, "Forbidden"));
    }
    # Varnish has added the peer to X-Forwarded-For: a comma means another proxy relayed the
    # request (nginx in front sits on a private network too), so it came from a reader.
    if (req.http.X-Forwarded-For ~ ",") {
        return (synth(403, "Forbidden"));
    }
    if (!req.http.xkey-purge) {
        return (synth(400, "Name the tags to purge in xkey-purge"));
    }
    set req.http.X-C1-Purged = xkey.softpurge(req.http.xkey-purge);
    return (synth(200, "Purged " + req.http.X-C1-Purged + " objects"));
}

sub vcl_hash {
    # The scheme is part of the page (canonical links, og:url are absolute), as in the app's
    # own cache key. Then Varnish's own: the URL and the Host.
    hash_data(req.http.X-Forwarded-Proto);
}

sub vcl_hit {
    if (obj.ttl <= 0s) {
        set req.http.X-C1-Cache = "STALE";
    } else {
        set req.http.X-C1-Cache = "HIT";
    }
}

sub vcl_miss {
    if (req.http.X-C1-Stale-OK) {
        # The retry (vcl_deliver) found no copy to give: asking the failing app again would only
        # add to its load, and keep the reader waiting twice.
        return (synth(503, "Service Unavailable"));
    }
    set req.http.X-C1-Cache = "MISS";
}

sub vcl_pass {
    set req.http.X-C1-Cache = "PASS";
}

sub vcl_backend_fetch {
    unset bereq.http.X-C1-Cache;
    unset bereq.http.X-C1-Stale-OK;
}

sub vcl_backend_response {
    # Compressed once, when fetched; a client that does not accept gzip gets it unpacked.
    # (An answer the app already compressed is left as it is.)
    if (beresp.http.Content-Type ~ "^(text/|image/svg\+xml|application/([a-z.+-]+\+)?(json|xml|javascript))") {
        set beresp.do_gzip = true;
    }
    if (bereq.uncacheable) {
        return (deliver);
    }
    # The app failing is never kept, and never replaces the copy a reader can still be given:
    # a background refresh that fails leaves the expired copy in place.
    if (beresp.status >= 500) {
        if (bereq.is_bgfetch) {
            return (abandon);
        }
        call do_not_keep;
        return (deliver);
    }
    # One person's answer: never kept. Hit-for-miss: the next request asks the app again, and
    # its answer may be kept.
    if (beresp.http.Set-Cookie || beresp.http.Vary == "*") {
        call do_not_keep;
        return (deliver);
    }
    # A page the app tags and keeps for us: as long as it says, then the grace.
    if (beresp.http.xkey && beresp.http.Surrogate-Control ~ "(^|[,\s])max-age=[0-9]+") {
        set beresp.ttl = std.duration(
            regsub(beresp.http.Surrogate-Control, "^(.*[,\s])?max-age=([0-9]+).*$", "\2") + "s", 0s);
        set beresp.grace = 6h;
        if (beresp.ttl <= 0s) {
            call do_not_keep;
        }
        return (deliver);
    }
    # Anything else only as long as its own Cache-Control or Expires says (the hashed static
    # files: a year), never Varnish's default_ttl for an answer that says nothing.
    if ((!beresp.http.Cache-Control && !beresp.http.Expires)
        || beresp.http.Cache-Control ~ "(?i)(private|no-cache|no-store)"
        || beresp.ttl <= 0s) {
        call do_not_keep;
    }
    return (deliver);
}

sub do_not_keep {
    set beresp.ttl = 0s;
    set beresp.grace = 0s;
    set beresp.uncacheable = true;
}

sub vcl_backend_error {
    # The app cannot be reached: nothing of this answer is kept (vcl_deliver retries with the
    # expired copy, if there is one).
    set beresp.ttl = 0s;
    set beresp.grace = 0s;
    # A form sent meanwhile never reached the app, whose own 503 would show the text kept: say
    # that nothing was sent and that the text is still in the page they came from.
    if (bereq.method == "POST") {
        set beresp.status = 503;
        set beresp.http.Content-Type = "text/html; charset=utf-8";
        set beresp.http.Retry-After = "30";
        set beresp.http.Cache-Control = "no-store";
        synthetic({"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Nothing was sent | Cinema One</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5">
<h1>Nothing was sent</h1>
<p>Cinema One cannot take your answer for a moment. Go back to the page you came from: what
you typed is still in the form there. Send it again in a minute.</p>
<p lang="fr">Rien n'a &eacute;t&eacute; envoy&eacute;. Revenez &agrave; la page pr&eacute;c&eacute;dente&nbsp;: votre
texte y est encore. Renvoyez-le dans une minute.</p>
</body></html>
"});
        return (deliver);
    }
}

sub vcl_deliver {
    # The app could not give a fresh page: once more, now allowing an expired copy (grace), or
    # else a plain 503 (vcl_miss).
    if (resp.status >= 500 && req.restarts == 0 && req.http.X-C1-Cache == "MISS"
        && (req.method == "GET" || req.method == "HEAD")) {
        set req.http.X-C1-Stale-OK = "1";
        return (restart);
    }
    # HIT (kept, fresh), STALE (kept, expired: the app could not answer), MISS (asked the app,
    # maybe kept now), PASS (asked the app, never kept).
    set resp.http.X-Cache = req.http.X-C1-Cache;
    # For this cache alone: the tags and the lifetime are no business of a browser or a CDN.
    unset resp.http.xkey;
    unset resp.http.Surrogate-Control;
}

sub vcl_synth {
    set resp.http.X-Cache = "SYNTH";
    set resp.http.Cache-Control = "no-store";
    if (resp.status == 503) {
        # As the app's own 503 says (RETRY_AFTER_SECONDS).
        set resp.http.Retry-After = "30";
        set resp.http.Content-Type = "text/plain; charset=utf-8";
        set resp.body = "Cinema One cannot answer for a moment. Please try again shortly." + {"
"};
        return (deliver);
    }
}
