# shellcheck shell=bash
# port_open HOST PORT: something accepts TCP connections there (sourced by scripts/lib.sh and scripts/infra/lib.sh).
port_open() {
  timeout 2 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$1" "$2" 2>/dev/null
}
