#!/usr/bin/env bash
# Installs the Debian 12 packages mbharness builds and tests with, when any is missing.
# Every dependency is a Debian package: nothing is downloaded at build time.
set -euo pipefail

# python3-serial-asyncio: pymodbus 3.0 only recommends it, yet its client package imports it.
# chromium: the HTML report's test loads the page headless, screenshots and prints it.
packages=(
  cmake ninja-build zip unzip time g++-12 clang-14 libclang-rt-14-dev llvm-14
  libasio-dev libboost1.81-dev librapidcheck-dev libgtest-dev libgmock-dev libbenchmark-dev
  libcli11-dev libfmt-dev nlohmann-json3-dev
  libpcap-dev
  libmodbus-dev python3-pymodbus python3-serial-asyncio tshark
  chromium
)

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$package")
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  echo "install-deps: missing ${missing[*]}; run as root (apt-get) or install them first" >&2
  exit 1
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
