#!/usr/bin/env bash
# Writes interop/certs/: a test CA, a server certificate (localhost, 127.0.0.1, ::1 and the interop host
# override foo.test.google.fr) and a client certificate for mTLS. Test material only, never for production.
set -euo pipefail
cd "$(dirname "$0")/.."
out=interop/certs
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
openssl req -x509 -newkey rsa:2048 -nodes -days 36500 -subj "/CN=Spindle Test CA" \
  -keyout "$out/ca.key" -out "$out/ca.pem" 2>/dev/null
for who in server client; do
  openssl req -newkey rsa:2048 -nodes -subj "/CN=spindle-test-$who" -keyout "$out/$who.key" -out "$tmp/$who.csr" 2>/dev/null
  printf 'subjectAltName=DNS:localhost,DNS:foo.test.google.fr,IP:127.0.0.1,IP:::1\nbasicConstraints=CA:FALSE\n' > "$tmp/ext"
  openssl x509 -req -in "$tmp/$who.csr" -CA "$out/ca.pem" -CAkey "$out/ca.key" -CAcreateserial -days 36500 \
    -extfile "$tmp/ext" -out "$out/$who.pem" 2>/dev/null
done
rm -f "$out/ca.srl"
echo "wrote $out: ca.pem ca.key server.pem server.key client.pem client.key"
