#!/usr/bin/env bash
# Figures need a scalable font: without one SkiaSharp draws no text at all, silently.
# Installs DejaVu Sans from Debian when no font is present (needs root, as on the project's machines).
set -euo pipefail
if command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list 2>/dev/null | head -n 1)" ]; then
  exit 0
fi
echo "No fonts found; installing fonts-dejavu-core and fontconfig." >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-dejavu-core fontconfig >/dev/null
