#!/usr/bin/env bash
# The HTML report in a real browser (Debian's headless Chromium):
# - the page names nothing outside itself: no src=, every href a #fragment, no url(), @import or
#   http(s):// in a tag or the stylesheet, no <script>;
# - Chromium loads it (--dump-dom): the document is complete, with the gauges, the charts (<svg
#   class="pc-chart">) and the tables the file holds;
# - nothing was requested from the network on the page's behalf: Chromium's net log has no
#   request in the page's network partition (file://). Chromium's own background requests (its
#   updater, its account check) are in other partitions and do not count; the resolver and a dead
#   proxy stop all of them from leaving the machine. A control page with a remote <img> proves
#   the net log check sees a request when there is one.
# Registered in CTest only when `chromium` is found (tests/CMakeLists.txt).
#
# Usage: test_browser_html.sh PLANCHECK_BINARY SOURCE_DIR CHROMIUM
set -euo pipefail
bin=$1
source=$2
chromium=$3
work=$(mktemp -d "${TMPDIR:-/tmp}/plancheck-browser-XXXXXX")
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAILED: $*" >&2; failures=$((failures + 1)); }

# The example trajectory, as in docs/html-report.md; exit 1 = some targets missed.
status=0
"$bin" check "$source/examples/nmg-2016-illustrative.csv" "$source/examples/nmg-2018-illustrative.csv" \
    "$source/examples/nmg-2020-illustrative.csv" --format html --output "$work/report.html" 2>"$work/plancheck.err" || status=$?
[[ $status == 0 || $status == 1 ]] || { cat "$work/plancheck.err" >&2; echo "FAILED: plancheck exit $status" >&2; exit 1; }
page=$work/report.html

# 1. Self-contained, read from the file itself. Input text cannot form a tag (its < is escaped),
#    so the tags are the renderer's own.
tags=$(grep -o '<[^>]*>' "$page")
grep -qi '<script' <<<"$tags" && fail "a <script> element"
grep -qiE '[[:space:]]src=' <<<"$tags" && fail "a src= attribute: $(grep -iE '[[:space:]]src=' <<<"$tags" | head -1)"
bad_links=$(grep -oiE '[[:space:]](xlink:)?href="[^"]*"' <<<"$tags" | grep -v 'href="#' || true)
[[ -z $bad_links ]] || fail "links out of the page: $(head -3 <<<"$bad_links" | xargs)"
grep -qiE 'https?:|//|url\(' <<<"$tags" && fail "a URL in a tag: $(grep -iE 'https?:|//|url\(' <<<"$tags" | head -1)"
style=$(sed -n '/<style>/,/<\/style>/p' "$page")
grep -qiE 'url\(|@import|@font-face|https?:' <<<"$style" && fail "the stylesheet fetches something"
links=$(grep -o 'href="#' "$page" | wc -l)
echo "page: $(wc -c <"$page") bytes, $(wc -l <<<"$tags") tags, $links links (all #fragments if nothing failed above)"

# Chromium with a fresh profile, no background services where flags can stop them, names that
# resolve to nothing and a proxy that answers nothing: the page cannot reach the network, and
# the net log records whatever it tried.
render() {  # URL DOM_OUT NETLOG
    timeout 25 "$chromium" --headless --no-sandbox --disable-gpu --no-first-run --no-default-browser-check \
        --disable-background-networking --disable-component-update --disable-sync --disable-default-apps \
        --disable-breakpad --no-pings --disable-domain-reliability --user-data-dir="$work/profile" \
        --host-resolver-rules="MAP * ~NOTFOUND" --proxy-server=127.0.0.1:9 \
        --log-net-log="$3" --dump-dom "$1" >"$2" 2>>"$work/chromium.log"
}
# URLs the page asked for: requests in the file:// network partition of the net log.
page_requests() { grep '"network_isolation_key":"file://' "$1" | grep -o '"url":"[^"]*"' | sort -u || true; }

# 2. The report in the browser.
start=$EPOCHREALTIME
render "file://$page" "$work/dom.html" "$work/net.json" || { tail -20 "$work/chromium.log" >&2; fail "chromium did not render the page"; }
seconds=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
grep -q '</html>' "$work/dom.html" || fail "the DOM Chromium dumped is incomplete"
for element in '<svg class="pc-gauge"' '<svg class="pc-chart"' '<figure class="chart"' '<table class="targets">' '<polyline class="expected"' '<circle class="point g-'; do
    in_file=$(grep -o "$element" "$page" | wc -l)
    in_dom=$(grep -o "$element" "$work/dom.html" | wc -l)
    ((in_file > 0)) || fail "the report has no $element"
    ((in_dom == in_file)) || fail "$element: $in_file in the file, $in_dom in the DOM"
done
echo "DOM: $(grep -o '<svg class="pc-chart"' "$work/dom.html" | wc -l) charts, $(grep -o '<svg class="pc-gauge"' "$work/dom.html" | wc -l) gauges, $(grep -o '<table class="targets">' "$work/dom.html" | wc -l) tables (rendered in ${seconds} s)"
[[ -s $work/net.json ]] || fail "Chromium wrote no net log"
requested=$(page_requests "$work/net.json")
[[ -z $requested ]] || fail "the page requested: $requested"

# 3. Control: the same page with one remote image; the net log check must see the request.
sed 's|<div class="page">|<div class="page"><img src="http://plancheck.invalid/probe.png" alt="">|' "$page" >"$work/control.html"
render "file://$work/control.html" "$work/control-dom.html" "$work/control-net.json" || true
grep -q 'plancheck.invalid/probe.png' <<<"$(page_requests "$work/control-net.json")" ||
    fail "the net log check did not see the control page's request (is --log-net-log working?)"

if ((failures > 0)); then
    echo "chromium log, last lines:" >&2
    tail -5 "$work/chromium.log" >&2
    exit 1
fi
echo "browser: the report loads with its charts and requests nothing"
