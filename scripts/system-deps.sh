#!/usr/bin/env bash
# Installs the system packages that the test suite needs and that npm cannot
# bring: Debian's Chromium (Playwright drives it; `playwright install` cannot
# download browsers here) and ffmpeg (Playwright's video recording).
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/ffmpeg ] || missing+=(ffmpeg)
command -v git >/dev/null 2>&1 || missing+=(git)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ] && ! command -v sudo >/dev/null 2>&1; then
    echo "golive: the tests need ${missing[*]}; install them with apt-get as root" >&2
    exit 1
  fi
  sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  echo "golive: installing ${missing[*]} from Debian's packages"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Playwright looks for its own ffmpeg build under PLAYWRIGHT_BROWSERS_PATH;
# point it at Debian's.
browsers_json="node_modules/playwright-core/browsers.json"
if [ -f "$browsers_json" ]; then
  rev="$(node -p "require('./$browsers_json').browsers.find(b => b.name === 'ffmpeg').revision")"
  dir="${PLAYWRIGHT_BROWSERS_PATH:-$HOME/.cache/ms-playwright}/ffmpeg-$rev"
  if [ ! -x "$dir/ffmpeg-linux" ]; then
    mkdir -p "$dir"
    ln -sf /usr/bin/ffmpeg "$dir/ffmpeg-linux"
  fi
fi
