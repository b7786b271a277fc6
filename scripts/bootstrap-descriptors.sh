#!/usr/bin/env bash
# Regenerates src/protobuf/wkt/bootstrap.ts from Debian's protoc and libprotobuf-dev.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp)
inc=/usr/include
protoc -I"$inc" --include_imports --descriptor_set_out="$tmp" \
  google/protobuf/descriptor.proto google/protobuf/any.proto google/protobuf/api.proto \
  google/protobuf/duration.proto google/protobuf/empty.proto google/protobuf/field_mask.proto \
  google/protobuf/source_context.proto google/protobuf/struct.proto google/protobuf/timestamp.proto \
  google/protobuf/type.proto google/protobuf/wrappers.proto google/protobuf/compiler/plugin.proto
mkdir -p src/protobuf/wkt
/usr/bin/python3 scripts/bootstrap-descriptors.py "$tmp" > src/protobuf/wkt/bootstrap.ts
rm -f "$tmp"
