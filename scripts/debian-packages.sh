# Sourced by the baseline scripts: install_packages PKG… installs the named Debian packages quietly, without recommended
# extras (needs root, as on the project's machines); with no names it does nothing.
install_packages() {
  [ $# -gt 0 ] || return 0
  echo "Installing $*." >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
