#!/usr/bin/python3
"""Prints a serialized FileDescriptorSet (path in argv[1]) as JSON, in the shape of
scripts/bootstrap-descriptors.py's to_plain: every repeated field present, set optional fields only, keys by
json_name. 64-bit integers are printed as strings so JSON keeps them exact."""
import json, sys
from google.protobuf import descriptor_pb2
from google.protobuf.descriptor import FieldDescriptor as FD

LONG = (FD.TYPE_INT64, FD.TYPE_UINT64, FD.TYPE_SINT64, FD.TYPE_FIXED64, FD.TYPE_SFIXED64)

def scalar(f, x):
    if f.type in LONG:
        return str(x)
    if f.type == FD.TYPE_BYTES:
        return list(x)
    if f.type in (FD.TYPE_DOUBLE, FD.TYPE_FLOAT) and x != x:
        return "NaN"
    return x

def to_plain(msg):
    d = {}
    for f in msg.DESCRIPTOR.fields:
        v = getattr(msg, f.name)
        if f.label == FD.LABEL_REPEATED:
            d[f.json_name] = [to_plain(x) if f.type == FD.TYPE_MESSAGE else scalar(f, x) for x in v]
        elif msg.HasField(f.name):
            d[f.json_name] = to_plain(v) if f.type == FD.TYPE_MESSAGE else scalar(f, v)
    return d

fds = descriptor_pb2.FileDescriptorSet.FromString(open(sys.argv[1], "rb").read())
print(json.dumps(to_plain(fds)))
