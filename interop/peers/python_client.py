#!/usr/bin/python3
"""A Python grpcio (C core) interop client: the official cases of grpc/grpc
doc/interop-test-descriptions.md, run against any TestService server (here: Spindle's).

Run with Debian's interpreter (it has grpcio, protobuf and grpc_tools):
  /usr/bin/python3 interop/peers/python_client.py --server_host=127.0.0.1 --server_port=N --test_case=all

The stubs are generated at start-up with grpc_tools.protoc from Debian's grpc-proto into a temporary
directory. Prints one line per case; exits non-zero if any case fails.
"""
import argparse
import importlib
import os
import shutil
import sys
import tempfile
import time

import grpc

PROTO_ROOT = "/usr/share/grpc-proto"


def generate_stubs():
    """Generates grpc/testing/*_pb2(_grpc).py into a temporary directory; returns the directory."""
    from grpc_tools import protoc
    import grpc_tools

    out = tempfile.mkdtemp(prefix="spindle-interop-py-")
    include = os.path.join(os.path.dirname(grpc_tools.__file__), "_proto")
    args = ["protoc", "-I" + PROTO_ROOT, "-I" + include, "--python_out=" + out, "--grpc_python_out=" + out]
    files = ["grpc/testing/test.proto", "grpc/testing/messages.proto", "grpc/testing/empty.proto"]
    if protoc.main(args + files) != 0:
        raise RuntimeError("grpc_tools.protoc failed")
    return out


def load_modules(out):
    """Imports the generated modules. Their package, grpc.testing, lives inside grpcio's own "grpc"
    package name, so it is registered by hand with its path pointing at the generated files."""
    import types

    package = types.ModuleType("grpc.testing")
    package.__path__ = [os.path.join(out, "grpc", "testing")]
    sys.modules["grpc.testing"] = package
    grpc.testing = package
    empty = importlib.import_module("grpc.testing.empty_pb2")
    messages = importlib.import_module("grpc.testing.messages_pb2")
    test_grpc = importlib.import_module("grpc.testing.test_pb2_grpc")
    return empty, messages, test_grpc


class Failure(Exception):
    pass


def check(cond, what):
    if not cond:
        raise Failure(what)


def expect_code(fn, code, message=None):
    try:
        fn()
    except grpc.RpcError as e:
        check(e.code() == code, "status: got %s (%r), want %s" % (e.code(), e.details(), code))
        if message is not None:
            check(e.details() == message, "message: got %r, want %r" % (e.details(), message))
        return
    raise Failure("expected %s, the call succeeded" % code)


def make_cases(empty_pb2, messages_pb2):
    m = messages_pb2

    def zeros(n):
        return m.Payload(body=b"\0" * n)

    def empty_unary(stub, _):
        res = stub.EmptyCall(empty_pb2.Empty())
        check(res is not None, "response is None")

    def cacheable_unary(stub, _):
        req = m.SimpleRequest(payload=m.Payload(body=str(time.time_ns()).encode()))
        md = (("x-user-ip", "1.2.3.4"),)
        a = stub.CacheableUnaryCall(req, metadata=md)
        b = stub.CacheableUnaryCall(req, metadata=md)
        check(a.payload is not None and b.payload is not None, "missing payloads")

    def large_unary(stub, _):
        res = stub.UnaryCall(m.SimpleRequest(response_size=314159, payload=zeros(271828)))
        check(len(res.payload.body) == 314159, "payload size %d" % len(res.payload.body))

    def client_compressed_unary(stub, _):
        def req(expect):
            return m.SimpleRequest(expect_compressed=m.BoolValue(value=expect), response_size=314159, payload=zeros(271828))

        expect_code(lambda: stub.UnaryCall(req(True)), grpc.StatusCode.INVALID_ARGUMENT)
        res = stub.UnaryCall(req(True), compression=grpc.Compression.Gzip)
        check(len(res.payload.body) == 314159, "compressed call payload size")
        res = stub.UnaryCall(req(False))
        check(len(res.payload.body) == 314159, "uncompressed call payload size")

    def server_compressed_unary(stub, _):
        # grpcio does not expose the compressed flag of received messages; sizes are checked.
        for compressed in (True, False):
            res = stub.UnaryCall(m.SimpleRequest(response_compressed=m.BoolValue(value=compressed), response_size=314159, payload=zeros(271828)))
            check(len(res.payload.body) == 314159, "payload size")

    def client_streaming(stub, _):
        reqs = (m.StreamingInputCallRequest(payload=zeros(n)) for n in (27182, 8, 1828, 45904))
        res = stub.StreamingInputCall(reqs)
        check(res.aggregated_payload_size == 74922, "aggregated size %d" % res.aggregated_payload_size)

    def client_compressed_streaming(stub, _):
        probe = [m.StreamingInputCallRequest(expect_compressed=m.BoolValue(value=True), payload=zeros(27182))]
        expect_code(lambda: stub.StreamingInputCall(iter(probe)), grpc.StatusCode.INVALID_ARGUMENT)
        # grpcio compresses per call, not per message: both messages go compressed, which the second
        # (expect_compressed false) allows.
        reqs = [
            m.StreamingInputCallRequest(expect_compressed=m.BoolValue(value=True), payload=zeros(27182)),
            m.StreamingInputCallRequest(expect_compressed=m.BoolValue(value=False), payload=zeros(45904)),
        ]
        res = stub.StreamingInputCall(iter(reqs), compression=grpc.Compression.Gzip)
        check(res.aggregated_payload_size == 73086, "aggregated size %d" % res.aggregated_payload_size)

    def server_streaming(stub, _):
        req = m.StreamingOutputCallRequest(response_parameters=[m.ResponseParameters(size=s) for s in (31415, 9, 2653, 58979)])
        sizes = [len(r.payload.body) for r in stub.StreamingOutputCall(req)]
        check(sizes == [31415, 9, 2653, 58979], "sizes %r" % sizes)

    def server_compressed_streaming(stub, _):
        req = m.StreamingOutputCallRequest(
            response_parameters=[
                m.ResponseParameters(compressed=m.BoolValue(value=True), size=31415),
                m.ResponseParameters(compressed=m.BoolValue(value=False), size=92653),
            ]
        )
        sizes = [len(r.payload.body) for r in stub.StreamingOutputCall(req)]
        check(sizes == [31415, 92653], "sizes %r" % sizes)

    class Pipe:
        """A request iterator fed one message at a time (for ping-pong)."""

        def __init__(self):
            import queue

            self.q = queue.Queue()

        def add(self, item):
            self.q.put(item)

        def close(self):
            self.q.put(None)

        def __iter__(self):
            return self

        def __next__(self):
            item = self.q.get()
            if item is None:
                raise StopIteration
            return item

    def ping_pong(stub, _):
        pipe = Pipe()
        responses = stub.FullDuplexCall(pipe)
        got = []
        for size, body in ((31415, 27182), (9, 8), (2653, 1828), (58979, 45904)):
            pipe.add(m.StreamingOutputCallRequest(response_parameters=[m.ResponseParameters(size=size)], payload=zeros(body)))
            got.append(len(next(responses).payload.body))
        pipe.close()
        rest = list(responses)
        check(rest == [], "extra responses")
        check(got == [31415, 9, 2653, 58979], "sizes %r" % got)

    def empty_stream(stub, _):
        responses = list(stub.FullDuplexCall(iter([])))
        check(responses == [], "got %d responses" % len(responses))

    def custom_metadata(stub, _):
        md = (("x-grpc-test-echo-initial", "test_initial_metadata_value"), ("x-grpc-test-echo-trailing-bin", b"\xab\xab\xab"))

        def verify(initial, trailing):
            initial = dict(initial)
            trailing = dict(trailing)
            check(initial.get("x-grpc-test-echo-initial") == "test_initial_metadata_value", "initial metadata %r" % initial)
            check(trailing.get("x-grpc-test-echo-trailing-bin") == b"\xab\xab\xab", "trailing metadata %r" % trailing)

        res, call = stub.UnaryCall.with_call(m.SimpleRequest(response_size=314159, payload=zeros(271828)), metadata=md)
        verify(call.initial_metadata(), call.trailing_metadata())
        req = m.StreamingOutputCallRequest(response_parameters=[m.ResponseParameters(size=314159)], payload=zeros(271828))
        call = stub.FullDuplexCall(iter([req]), metadata=md)
        sizes = [len(r.payload.body) for r in call]
        check(sizes == [314159], "sizes %r" % sizes)
        verify(call.initial_metadata(), call.trailing_metadata())

    def status_code_and_message(stub, _):
        status = m.EchoStatus(code=2, message="test status message")
        expect_code(lambda: stub.UnaryCall(m.SimpleRequest(response_status=status)), grpc.StatusCode.UNKNOWN, "test status message")
        expect_code(
            lambda: list(stub.FullDuplexCall(iter([m.StreamingOutputCallRequest(response_status=status)]))),
            grpc.StatusCode.UNKNOWN,
            "test status message",
        )

    def special_status_message(stub, _):
        text = "\t\ntest with whitespace\r\nand Unicode BMP \u263a and non-BMP \U0001f608\t\n"
        status = m.EchoStatus(code=2, message=text)
        expect_code(lambda: stub.UnaryCall(m.SimpleRequest(response_status=status)), grpc.StatusCode.UNKNOWN, text)

    def unimplemented_method(stub, _):
        expect_code(lambda: stub.UnimplementedCall(empty_pb2.Empty()), grpc.StatusCode.UNIMPLEMENTED)

    def unimplemented_service(_, unimplemented_stub):
        expect_code(lambda: unimplemented_stub.UnimplementedCall(empty_pb2.Empty()), grpc.StatusCode.UNIMPLEMENTED)

    def cancel_after_begin(stub, _):
        pipe = Pipe()
        future = stub.StreamingInputCall.future(pipe)
        future.cancel()
        pipe.close()
        check(future.cancelled(), "call was not cancelled")
        try:
            future.result()
            raise Failure("call succeeded")
        except grpc.FutureCancelledError:
            pass
        except grpc.RpcError as e:
            check(e.code() == grpc.StatusCode.CANCELLED, "status %s" % e.code())

    def cancel_after_first_response(stub, _):
        pipe = Pipe()
        call = stub.FullDuplexCall(pipe)
        pipe.add(m.StreamingOutputCallRequest(response_parameters=[m.ResponseParameters(size=31415)], payload=zeros(27182)))
        first = next(call)
        check(len(first.payload.body) == 31415, "first response size")
        call.cancel()
        pipe.close()
        try:
            next(call)
            raise Failure("stream continued after cancel")
        except grpc.RpcError as e:
            check(e.code() == grpc.StatusCode.CANCELLED, "status %s" % e.code())

    def timeout_on_sleeping_server(stub, _):
        pipe = Pipe()
        call = stub.FullDuplexCall(pipe, timeout=0.001)
        pipe.add(m.StreamingOutputCallRequest(payload=zeros(27182)))
        try:
            list(call)
            raise Failure("call succeeded")
        except grpc.RpcError as e:
            check(e.code() == grpc.StatusCode.DEADLINE_EXCEEDED, "status %s" % e.code())
        finally:
            pipe.close()

    return {
        "empty_unary": empty_unary,
        "cacheable_unary": cacheable_unary,
        "large_unary": large_unary,
        "client_compressed_unary": client_compressed_unary,
        "server_compressed_unary": server_compressed_unary,
        "client_streaming": client_streaming,
        "client_compressed_streaming": client_compressed_streaming,
        "server_streaming": server_streaming,
        "server_compressed_streaming": server_compressed_streaming,
        "ping_pong": ping_pong,
        "empty_stream": empty_stream,
        "custom_metadata": custom_metadata,
        "status_code_and_message": status_code_and_message,
        "special_status_message": special_status_message,
        "unimplemented_method": unimplemented_method,
        "unimplemented_service": unimplemented_service,
        "cancel_after_begin": cancel_after_begin,
        "cancel_after_first_response": cancel_after_first_response,
        "timeout_on_sleeping_server": timeout_on_sleeping_server,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--server_host", default="127.0.0.1")
    parser.add_argument("--server_host_override", default=None)
    parser.add_argument("--server_port", type=int, required=True)
    parser.add_argument("--test_case", default="all")
    parser.add_argument("--use_tls", default="false")
    parser.add_argument("--use_test_ca", default="false")
    parser.add_argument("--ca_file", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "certs", "ca.pem"))
    args = parser.parse_args()

    out = generate_stubs()
    try:
        empty_pb2, messages_pb2, test_pb2_grpc = load_modules(out)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    cases = make_cases(empty_pb2, messages_pb2)

    target = "%s:%d" % (args.server_host, args.server_port)
    options = []
    if args.server_host_override:
        options.append(("grpc.ssl_target_name_override", args.server_host_override))
    if args.use_tls in ("true", "1", ""):
        with open(args.ca_file, "rb") as f:
            creds = grpc.ssl_channel_credentials(root_certificates=f.read())
        channel = grpc.secure_channel(target, creds, options=options)
    else:
        channel = grpc.insecure_channel(target, options=options)

    names = list(cases) if args.test_case == "all" else args.test_case.split(",")
    failed = 0
    with channel:
        stub = test_pb2_grpc.TestServiceStub(channel)
        unimplemented = test_pb2_grpc.UnimplementedServiceStub(channel)
        for name in names:
            fn = cases.get(name)
            if fn is None:
                print("FAIL %s: unknown test case" % name, flush=True)
                failed += 1
                continue
            try:
                fn(stub, unimplemented)
                print("PASS %s" % name, flush=True)
            except Exception as e:  # noqa: BLE001 - report every failure as one line
                failed += 1
                first = str(e).splitlines()[0] if str(e) else type(e).__name__
                print("FAIL %s: %s" % (name, first), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
