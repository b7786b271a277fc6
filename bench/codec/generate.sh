#!/usr/bin/env bash
# Regenerates bench/codec/generated/: @bufbuild/protobuf's code (protoc-gen-es, TypeScript) for the benchmark's
# .proto files. protobufjs's static code is generated at run time instead (bench/codec/pbjs-static.ts), since
# it is JavaScript and tsc would not carry it into dist/.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=bench/codec/generated/bufbuild
rm -rf "$out"
mkdir -p "$out"
protoc -I bench/codec/protos \
  --plugin=protoc-gen-es=node_modules/.bin/protoc-gen-es \
  --es_out="$out" --es_opt=target=ts,import_extension=js \
  bench/codec/protos/product.proto bench/codec/protos/order.proto
echo "generated $(ls "$out" | tr '\n' ' ')"
