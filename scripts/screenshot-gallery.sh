#!/usr/bin/env bash
# Screenshots the gallery page (index.html written by `all`) with Debian's headless Chromium, so a person can see it as a
# reader would. Installs the `chromium` package when it is missing (needs root, as on the project's machines).
#
# usage: scripts/screenshot-gallery.sh [OUT_DIR] [PNG] [WIDTHxHEIGHT]
#   OUT_DIR  the gallery folder holding index.html (default ./out)
#   PNG      the screenshot to write (default OUT_DIR/index-screenshot.png)
#   SIZE     the window size in pixels (default 1400x4000: the summary and the first sections)
set -euo pipefail
out="${1:-out}"
shot="${2:-$out/index-screenshot.png}"
size="${3:-1400x4000}"
page="$(cd "$out" && pwd)/index.html"
if [ ! -f "$page" ]; then
  echo "error: no gallery page at '$page'; run: dotnet run --project Dynamics.Examples -c Release -- all --out $out" >&2
  exit 2
fi

browser="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$browser" ]; then
  echo "Chromium not found; installing Debian's chromium package." >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  browser="$(command -v chromium)"
fi

profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
shot_abs="$(cd "$(dirname "$shot")" && pwd)/$(basename "$shot")"
"$browser" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$profile" \
  --hide-scrollbars --screenshot="$shot_abs" --window-size="${size/x/,}" "file://$page" 2>/dev/null
if [ ! -s "$shot_abs" ]; then
  echo "error: Chromium wrote no screenshot to '$shot_abs'" >&2
  exit 3
fi
echo "$shot_abs"
