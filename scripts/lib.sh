# Shared by scripts/run and scripts/test: install what is missing, build.
# Sourced, not run. Every step is idempotent and quick when already done.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

# Go build tags: the desktop window (WebKitGTK 4.1 is the only one Debian 12
# ships) and SQLite's full-text search module, which Roster's search needs.
DESKTOP_TAGS="desktop,production,webkit2_41,sqlite_fts5"
TEST_TAGS="sqlite_fts5"
# roster: every command, serve included, without the window; it opens the
# window by running roster-desktop, beside it (main.go, openDesktop).
BIN="$ROOT/build/bin/roster"
DESKTOP_BIN="$ROOT/build/bin/roster-desktop"

# roster_version prints Roster's version; a git tag vX.Y.Z is its one source.
# On the tag: X.Y.Z; N commits after it: X.Y.Z+N.g<commit>; no tag yet:
# 0.0.0-dev+<commit>; uncommitted changes add .dirty to the build part.
roster_version() {
  local d commit
  if d=$(git describe --tags --match 'v[0-9]*' --dirty 2>/dev/null); then
    d=${d#v}
    local dirty=""
    [[ $d == *-dirty ]] && { d=${d%-dirty}; dirty=.dirty; }
    if [[ $d =~ ^(.*)-([0-9]+)-(g[0-9a-f]+)$ ]]; then
      d="${BASH_REMATCH[1]}+${BASH_REMATCH[2]}.${BASH_REMATCH[3]}$dirty"
    elif [ -n "$dirty" ]; then
      d="$d+dirty"
    fi
    echo "$d"
  elif commit=$(git rev-parse --short=12 HEAD 2>/dev/null); then
    [ -z "$(git status --porcelain --untracked-files=no 2>/dev/null)" ] || commit="$commit.dirty"
    echo "0.0.0-dev+$commit"
  else
    echo "0.0.0-dev"
  fi
}
VERSION=$(roster_version)

APT_PACKAGES=(build-essential pkg-config libgtk-3-dev libwebkit2gtk-4.1-dev
  xvfb xauth x11-utils xdotool imagemagick chromium fonts-liberation dbus-daemon)

step() { printf '\n==> %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# ensure_apt installs the Debian packages that are missing (only those).
ensure_apt() {
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  step "Installing Debian packages: ${missing[*]}"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "need root or sudo to install: ${missing[*]}"
    sudo="sudo"
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# ensure_toolchains checks Go and Node, which the machine image provides.
ensure_toolchains() {
  command -v go >/dev/null || die "Go is not installed (need Go 1.26+: https://go.dev/dl/)"
  command -v npm >/dev/null || die "Node.js and npm are not installed (need Node 20.19+)"
  local node_major
  node_major=$(node -p 'process.versions.node.split(".")[0]')
  [ "$node_major" -ge 20 ] || die "Node $(node --version) is too old; Vite needs Node 20.19+"
}

# ensure_frontend installs npm packages (npm install, not npm ci: the
# registry here serves no non-Linux optional packages a lockfile may name).
ensure_frontend() {
  if [ ! -d frontend/node_modules ] || [ frontend/package.json -nt frontend/node_modules/.package-lock.json ] \
     || [ frontend/package-lock.json -nt frontend/node_modules/.package-lock.json ]; then
    step "Installing frontend packages"
    (cd frontend && npm install --no-audit --no-fund --loglevel=error)
  fi
}

# ensure_wails installs the Wails CLI at the pinned version (v2.9.x, what
# @latest resolves to, does not compile with Go 1.26).
ensure_wails() {
  WAILS="$(go env GOPATH)/bin/wails"
  if ! "$WAILS" version 2>/dev/null | grep -q "v2.16.0"; then
    step "Installing the Wails CLI v2.16.0"
    go install github.com/wailsapp/wails/v2/cmd/wails@v2.16.0
  fi
}

# ensure_staticcheck installs staticcheck at a version that knows Go 1.26.
ensure_staticcheck() {
  STATICCHECK="$(go env GOPATH)/bin/staticcheck"
  if ! "$STATICCHECK" -version 2>/dev/null | grep -q "(0.8.2)"; then
    step "Installing staticcheck v0.8.2"
    go install honnef.co/go/tools/cmd/staticcheck@v0.8.2
  fi
}

build_frontend() {
  step "Building the frontend"
  (cd frontend && npm run --silent build)
}

# build_desktop builds Roster's two programs from the one main package:
# roster-desktop, the window (linked with GTK and WebKit), and roster, the
# commands without them, which starts in 20 ms instead of 150-400 ms of
# loading some 170 shared libraries (roster serve's launch, every command).
build_desktop() {
  step "Building build/bin/roster and build/bin/roster-desktop"
  go mod download
  go build -tags "$DESKTOP_TAGS" -ldflags "-s -w -X main.version=$VERSION" -o "$DESKTOP_BIN" .
  go build -tags "$TEST_TAGS" -ldflags "-s -w -X main.version=$VERSION" -o "$BIN" .
}

ensure_all() {
  ensure_apt
  ensure_toolchains
  ensure_frontend
}
