# ---- BACKEND: the app's gunicorn. -------------------------------------------------------------
# Kept out of default.vcl so that each setup brings its own without editing the rules: docker
# compose uses this one (the `web` service on port 8000); the integration test writes its own
# backend.vcl and puts its folder first in varnishd's vcl_path (-p vcl_path=<its dir>:<this dir>).
#
# Varnish resolves .host once, when it loads the VCL: start it after `web` exists, and reload
# the VCL (or restart Varnish) if `web` gets a new address.
backend default {
    .host = "web";
    .port = "8000";
    .connect_timeout = 2s;
    # Longer than gunicorn's own timeout (30 s), so gunicorn's answer is what Varnish relays.
    .first_byte_timeout = 35s;
    .between_bytes_timeout = 10s;
    # /healthz says the process answers (no database, no cache). While it fails, Varnish asks
    # nothing of the app and serves what it has kept, up to the grace (default.vcl).
    .probe = {
        # Django checks the Host of every request: add localhost to ALLOWED_HOSTS (or write the
        # site's own name here), or Varnish sees the app sick and answers every miss with 503.
        .request = "GET /healthz HTTP/1.1"
                   "Host: localhost"
                   "User-Agent: Varnish health probe"
                   "Connection: close";
        .interval = 1s;  # back in about 3 s once gunicorn answers again (threshold 3)
        .timeout = 2s;
        .window = 5;
        .threshold = 3;
        .initial = 3;  # healthy from the start, so the first readers are not refused
    }
}
