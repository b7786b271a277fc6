#!/usr/bin/env bash
# Writes interop/testing.binpb: the FileDescriptorSet of grpc/testing/test.proto (Debian's grpc-proto) and
# its imports, made by Debian's protoc. interop/testing.ts loads it until src/compiler's loadProto exists.
set -euo pipefail
cd "$(dirname "$0")/.."
protoc --include_imports -I/usr/share/grpc-proto --descriptor_set_out=interop/testing.binpb grpc/testing/test.proto
echo "wrote interop/testing.binpb ($(wc -c < interop/testing.binpb) bytes)"
