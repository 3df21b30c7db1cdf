# Varnish in front of the portal's gunicorn (make serve): keeps what the application marks
# "public, s-maxage=…", passes everything personal, and takes purges from the application.
vcl 4.1;

import std;

backend portal {
    .host = "127.0.0.1";
    .port = "8001";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
    .probe = {
        .url = "/healthz";
        # The probe waits in gunicorn's queue like any request: under full load (64 connections of
        # passed searches) it may take seconds without anything being wrong. Sick means 4 of 5 probes
        # failed, i.e. /healthz said 503 (database away) or gunicorn did not answer for about 15 s.
        .interval = 3s;
        .timeout = 5s;
        .window = 5;
        .threshold = 2;
        .initial = 2;
    }
}

# Only the application servers may purge.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "BAN" || req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (req.method == "PURGE") {
            # One path with all its query-string variants (Wagtail's single-URL purge).
            if (!std.ban("obj.http.x-path == " + regsub(req.url, "\?.*$", ""))) {
                return (synth(400, std.ban_error()));
            }
            return (synth(200, "Purged"));
        }
        # The application sends one anchored regular expression over many paths and subtrees.
        if (req.http.X-Ban-Path !~ "^\^\(.*\)\$$") {
            return (synth(400, "X-Ban-Path missing"));
        }
        if (!std.ban("obj.http.x-path ~ " + req.http.X-Ban-Path)) {
            return (synth(400, std.ban_error()));
        }
        return (synth(200, "Banned"));
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }

    # Tracking parameters change nothing on a page: out of the cache key and away from the application.
    if (req.url ~ "[?&](utm_[a-z_]+|fbclid|gclid|gclsrc|dclid|msclkid|mc_cid|mc_eid|_ga|_gl|yclid|igshid)=") {
        set req.url = regsuball(req.url, "&(utm_[a-z_]+|fbclid|gclid|gclsrc|dclid|msclkid|mc_cid|mc_eid|_ga|_gl|yclid|igshid)=[^&]*", "");
        set req.url = regsuball(req.url, "\?(utm_[a-z_]+|fbclid|gclid|gclsrc|dclid|msclkid|mc_cid|mc_eid|_ga|_gl|yclid|igshid)=[^&]*&?", "?");
        set req.url = regsub(req.url, "\?$", "");
    }

    # Editors, forms and searches are personal: never from the cache. deploy/render_vcl.py puts ADMIN_PATH
    # in place of "admin".
    if (req.url ~ "^/(admin|barriere-melden|dokumente)(/|$)" || req.url ~ "^/suche/\?(.*&)?q=") {
        return (pass);
    }
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # Cached pages never depend on cookies or the language header (the site is German only).
    unset req.http.Cookie;
    unset req.http.Accept-Language;

    # A stale copy only while the application is down; otherwise an expired page is fetched afresh,
    # so that a move taking effect at midnight is right from the first request of the day.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 0s;
    }
    return (hash);
}

sub vcl_pass {
    set req.http.x-cache = "PASS";
}

sub vcl_backend_response {
    # The path without query string, for bans (a ban on it removes every filtered variant).
    set beresp.http.x-path = regsub(bereq.url, "\?.*$", "");
    if (bereq.uncacheable) {
        return (deliver);
    }
    if (beresp.status >= 500) {
        if (bereq.is_bgfetch) {
            return (abandon);
        }
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
    # Only what the application explicitly shares; static files carry their own long max-age.
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control ~ "(private|no-store|no-cache)"
        || (beresp.http.Cache-Control !~ "s-maxage" && bereq.url !~ "^/static/")) {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    set beresp.grace = 6h;
    return (deliver);
}

# Varnish could not get an answer from gunicorn (down, restarting, sick): the same German page as the
# application's own 503, never Varnish's English "Backend fetch failed".
sub vcl_backend_error {
    set beresp.status = 503;
    set beresp.http.Content-Type = "text/html; charset=utf-8";
    set beresp.http.Retry-After = "30";
    set beresp.http.Cache-Control = "no-store";
    set beresp.http.X-Content-Type-Options = "nosniff";
    synthetic({"<!DOCTYPE html>
<html lang="de">
    <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Vorübergehend nicht erreichbar – Stadt Dortmund</title>
    </head>
    <body>
        <main>
            <h1>Vorübergehend nicht erreichbar</h1>
            <p>Das Integrationsportal ist gerade vorübergehend nicht erreichbar. Bitte versuchen Sie es in einer Minute noch einmal.</p>
        </main>
    </body>
</html>
"});
    return (deliver);
}

sub vcl_deliver {
    if (req.http.x-cache == "PASS") {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    unset resp.http.x-path;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
}
