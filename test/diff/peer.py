"""The Python side of Spindle's differential tests: Debian's python3-protobuf answering codec requests.

Run with /usr/bin/python3 (the Debian interpreter that has python3-protobuf), never a pyenv python3:

    /usr/bin/python3 test/diff/peer.py MODULE_DIR

MODULE_DIR holds the *_pb2.py modules that `protoc --python_out` generated for the schema under test; all of
them are imported so that every message type (and every type an Any may hold) is in the default pool.

Protocol, on stdin/stdout, so that thousands of messages go through one process:
  request   u32le length N, then N bytes: u8 op, u8 flags, u16le name length, type name (UTF-8), payload
  response  u32le length N, then N bytes: u8 status (0 ok, 1 error), payload (result, or UTF-8 error text)
Responses come back in request order. Ops (payload in -> payload out):
  0 HELLO         ignored -> "protobuf <version> <implementation>"
  1 BIN_TO_BIN    binary -> ParseFromString then SerializeToString()
  2 BIN_TO_JSON   binary -> ParseFromString then json_format.MessageToJson
  3 JSON_TO_BIN   JSON text -> json_format.Parse then SerializeToString()
  4 JSON_TO_JSON  JSON text -> json_format.Parse then json_format.MessageToJson
  5 CANONICAL     binary -> ParseFromString then SerializeToString(deterministic=True): equal outputs mean
                  equal messages, even with NaN (which Python's == would call unequal)
  6 PARTIAL_CANONICAL  as CANONICAL, but with SerializePartialToString: missing proto2 required fields are
                  not an error (for mutated inputs, where parsing is what is being compared)
  7 JSON_TO_PARTIAL_CANONICAL  JSON text -> json_format.Parse then SerializePartialToString(deterministic=True)
Flags (JSON ops): 1 preserving_proto_field_name, 2 use_integers_for_enums, 4 including_default_value_fields,
  8 ignore_unknown_fields.
"""

import importlib
import os
import struct
import sys

from google.protobuf import __version__ as protobuf_version
from google.protobuf import json_format, symbol_database
from google.protobuf.internal import api_implementation

# The well-known types, so that they can be top-level types and Any payloads too.
from google.protobuf import (  # noqa: F401  (imported for their side effect on the default pool)
    any_pb2,
    api_pb2,
    descriptor_pb2,
    duration_pb2,
    empty_pb2,
    field_mask_pb2,
    source_context_pb2,
    struct_pb2,
    timestamp_pb2,
    type_pb2,
    wrappers_pb2,
)

HELLO, BIN_TO_BIN, BIN_TO_JSON, JSON_TO_BIN, JSON_TO_JSON, CANONICAL, PARTIAL_CANONICAL, JSON_TO_PARTIAL_CANONICAL = range(8)
FLAG_PROTO_NAMES, FLAG_ENUM_INTEGERS, FLAG_DEFAULTS, FLAG_IGNORE_UNKNOWN = 1, 2, 4, 8


def load_modules(directory):
    sys.path.insert(0, directory)
    for name in sorted(os.listdir(directory)):
        if name.endswith("_pb2.py"):
            importlib.import_module(name[: -len(".py")])


classes = {}
database = symbol_database.Default()


def message_class(type_name):
    cls = classes.get(type_name)
    if cls is None:
        cls = database.GetSymbol(type_name)
        classes[type_name] = cls
    return cls


def to_json(message, flags):
    return json_format.MessageToJson(
        message,
        including_default_value_fields=bool(flags & FLAG_DEFAULTS),
        preserving_proto_field_name=bool(flags & FLAG_PROTO_NAMES),
        use_integers_for_enums=bool(flags & FLAG_ENUM_INTEGERS),
        indent=None,
    ).encode("utf-8")


def from_json(type_name, payload, flags):
    message = message_class(type_name)()
    json_format.Parse(payload.decode("utf-8"), message, ignore_unknown_fields=bool(flags & FLAG_IGNORE_UNKNOWN))
    return message


def from_binary(type_name, payload):
    message = message_class(type_name)()
    message.ParseFromString(payload)
    return message


def answer(op, flags, type_name, payload):
    if op == HELLO:
        return ("protobuf %s %s" % (protobuf_version, api_implementation.Type())).encode("utf-8")
    if op == BIN_TO_BIN:
        return from_binary(type_name, payload).SerializeToString()
    if op == BIN_TO_JSON:
        return to_json(from_binary(type_name, payload), flags)
    if op == JSON_TO_BIN:
        return from_json(type_name, payload, flags).SerializeToString()
    if op == JSON_TO_JSON:
        return to_json(from_json(type_name, payload, flags), flags)
    if op == CANONICAL:
        return from_binary(type_name, payload).SerializeToString(deterministic=True)
    if op == PARTIAL_CANONICAL:
        return from_binary(type_name, payload).SerializePartialToString(deterministic=True)
    if op == JSON_TO_PARTIAL_CANONICAL:
        return from_json(type_name, payload, flags).SerializePartialToString(deterministic=True)
    raise ValueError("unknown op %d" % op)


def serve(stdin_fd, out):
    buffer = bytearray()
    while True:
        chunk = os.read(stdin_fd, 1 << 20)
        if not chunk:
            return
        buffer += chunk
        offset = 0
        # Answer every complete request in the buffer, then flush once: replies to a pipelined batch go out
        # together instead of one write per message.
        while len(buffer) - offset >= 4:
            (length,) = struct.unpack_from("<I", buffer, offset)
            if len(buffer) - offset - 4 < length:
                break
            frame = bytes(buffer[offset + 4 : offset + 4 + length])
            offset += 4 + length
            op, flags, name_length = struct.unpack_from("<BBH", frame, 0)
            type_name = frame[4 : 4 + name_length].decode("utf-8")
            payload = frame[4 + name_length :]
            try:
                status, result = 0, answer(op, flags, type_name, payload)
            except Exception as error:  # every failure is an answer, never a dead peer
                status, result = 1, ("%s: %s" % (type(error).__name__, error)).encode("utf-8", "replace")
            out.write(struct.pack("<IB", len(result) + 1, status))
            out.write(result)
        del buffer[:offset]
        out.flush()


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: peer.py MODULE_DIR\n")
        sys.exit(2)
    load_modules(sys.argv[1])
    serve(sys.stdin.fileno(), sys.stdout.buffer)


if __name__ == "__main__":
    main()
