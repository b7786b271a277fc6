#!/usr/bin/env bash
# Installs the real peers the tests talk to: Debian's protoc, the well-known .proto files, gRPC's own protos,
# Python grpcio and protobuf, h2load, nginx (grpc_pass proxy tests), chromium (gRPC-Web browser test). Idempotent: does nothing when everything is already there.
set -euo pipefail
need=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
for pkg in protobuf-compiler libprotobuf-dev libprotoc-dev python3-protobuf python3-grpcio python3-grpc-tools grpc-proto nghttp2-client nginx chromium; do
  have_pkg "$pkg" || need+=("$pkg")
done
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "spindle tests need these Debian packages: ${need[*]}" >&2
  echo "install them as root: apt-get install -y ${need[*]}" >&2
  exit 1
fi
echo "installing test peers: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
