#!/usr/bin/python3
"""Python protobuf (Debian python3-protobuf) as a reference codec for tests.

argv[1] is a serialized FileDescriptorSet. Each stdin line is a JSON request:
  {"type": "pkg.Msg", "hex": "..."}   -> {"hex": <re-serialized>, "json": <MessageToJson>}   (parse binary)
  {"type": "pkg.Msg", "json": "..."}  -> {"hex": <serialized>}                               (parse JSON)
and gets one JSON line back; a parse failure answers {"error": "..."}.
"""
import json, sys
from google.protobuf import descriptor_pb2, descriptor_pool, json_format, message_factory

fds = descriptor_pb2.FileDescriptorSet.FromString(open(sys.argv[1], "rb").read())
pool = descriptor_pool.DescriptorPool()
factory = message_factory.MessageFactory(pool)
for f in fds.file:
    pool.Add(f)

def cls(name):
    return factory.GetPrototype(pool.FindMessageTypeByName(name))

for line in sys.stdin:
    req = json.loads(line)
    try:
        m = cls(req["type"])()
        if "hex" in req:
            m.ParseFromString(bytes.fromhex(req["hex"]))
            out = {"hex": m.SerializeToString().hex(), "json": json_format.MessageToJson(m, indent=0)}
        else:
            json_format.Parse(req["json"], m)
            out = {"hex": m.SerializeToString().hex()}
    except Exception as e:
        out = {"error": str(e)}
    print(json.dumps(out), flush=True)
