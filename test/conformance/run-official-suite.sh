#!/usr/bin/env bash
# Runs the official protobuf conformance suite (binary + JSON, and text format, which our testee skips)
# against `spindle conformance-testee`. Not part of `npm test`: it builds the C++ runner first (about two
# minutes on two cores).
#
# The runner is built from protocolbuffers/protobuf at tag v21.12, the release of Debian's libprotobuf-dev
# 3.21.12 it links against, so it needs a git clone of that repository (any clone with the tag):
#
#   PROTOBUF_GIT=/path/to/protobuf/.git bash test/conformance/run-official-suite.sh [runner options]
#
# Needs: g++, protoc and libprotobuf-dev (3.21.12), libjsoncpp-dev, and `npx tsc -p .` run first (dist/).
# Runner options pass through, e.g. --enforce_recommended, --failure_list FILE, --verbose.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
repo="${PROTOBUF_GIT:?set PROTOBUF_GIT to a git clone of protocolbuffers/protobuf (with tag v21.12)}"
tag=v21.12
work="${CONFORMANCE_WORK:-${TMPDIR:-/tmp}/spindle-conformance-runner}"
mkdir -p "$work/protos/google/protobuf" "$work/google/protobuf/stubs" "$work/third_party/jsoncpp"
cd "$work"

if [ ! -x conformance_test_runner ]; then
  for f in conformance_test.cc conformance_test.h conformance_test_runner.cc conformance_test_main.cc \
           binary_json_conformance_suite.cc binary_json_conformance_suite.h \
           text_format_conformance_suite.cc text_format_conformance_suite.h conformance.proto; do
    git -C "$repo" show "$tag:conformance/$f" > "$f"
  done
  for f in test_messages_proto3.proto test_messages_proto2.proto; do
    git -C "$repo" show "$tag:src/google/protobuf/$f" > "protos/google/protobuf/$f"
  done
  # Debian's headers leave out this internal one; the runner includes it.
  git -C "$repo" show "$tag:src/google/protobuf/stubs/stringprintf.h" > google/protobuf/stubs/stringprintf.h
  git -C "$repo" show "$tag:src/google/protobuf/stubs/stringprintf.cc" > stringprintf.cc
  echo '#include <json/json.h>' > third_party/jsoncpp/json.h
  protoc -I. --cpp_out=. conformance.proto
  protoc -Iprotos --cpp_out=protos protos/google/protobuf/test_messages_proto3.proto protos/google/protobuf/test_messages_proto2.proto
  sources=(conformance_test.cc conformance_test_runner.cc conformance_test_main.cc binary_json_conformance_suite.cc
           text_format_conformance_suite.cc stringprintf.cc conformance.pb.cc
           protos/google/protobuf/test_messages_proto3.pb.cc protos/google/protobuf/test_messages_proto2.pb.cc)
  for f in "${sources[@]}"; do g++ -std=c++17 -c -I. -Iprotos -I/usr/include/jsoncpp "$f" -o "$(basename "$f" .cc).o" & done
  wait
  g++ -o conformance_test_runner ./*.o -lprotobuf -ljsoncpp -lpthread
fi

protoc -Iprotos -I/usr/include --include_imports -o set.pb \
  google/protobuf/test_messages_proto3.proto google/protobuf/test_messages_proto2.proto
# The runner starts the testee with its own path as an argument: the wrapper drops it.
printf '#!/bin/sh\nexec node "%s/dist/src/cli/main.js" conformance-testee --descriptor-set "%s/set.pb"\n' "$root" "$work" > testee.sh
chmod +x testee.sh
exec ./conformance_test_runner "$@" ./testee.sh
