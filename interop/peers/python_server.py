#!/usr/bin/python3
"""A grpc.testing.TestService server on Python grpcio (the C core), for Spindle's interop client.

Implements the server features of grpc/grpc doc/interop-test-descriptions.md that grpcio's Python API can
express: EmptyCall, UnaryCall (payload sizes, Echo Status, Echo Metadata, CompressedResponse),
StreamingOutputCall (sizes, interval_us, per-message compression), StreamingInputCall, FullDuplexCall,
HalfDuplexCall; UnimplementedCall is left unimplemented on purpose. CompressedRequest cannot be checked:
the Python API does not show whether a request message arrived compressed.

Run with Debian's interpreter (/usr/bin/python3: grpcio and grpc_tools): the stubs are generated from
/usr/share/grpc-proto into a temporary directory at start.

Usage: python_server.py --port=N [--host=127.0.0.1] [--use_tls=false]
Prints "listening on PORT" once serving (port 0 picks a free port).
"""
import argparse
import importlib
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from concurrent import futures

PROTO_ROOT = "/usr/share/grpc-proto"


def generate_stubs():
    """Runs grpc_tools.protoc on grpc/testing/*.proto into a temp dir and imports the result."""
    from grpc_tools import protoc
    import grpc_tools

    out = tempfile.mkdtemp(prefix="spindle-interop-py-")
    include = os.path.join(os.path.dirname(grpc_tools.__file__), "_proto")
    files = ["grpc/testing/empty.proto", "grpc/testing/messages.proto", "grpc/testing/test.proto"]
    args = ["protoc", f"-I{PROTO_ROOT}", f"-I{include}", f"--python_out={out}", f"--grpc_python_out={out}"] + files
    if protoc.main(args) != 0:
        raise SystemExit("grpc_tools.protoc failed")
    # The generated modules live in package grpc.testing, inside grpcio's own "grpc" package: extend its
    # search path rather than shadow grpcio.
    import grpc

    grpc.__path__.append(os.path.join(out, "grpc"))
    messages = importlib.import_module("grpc.testing.messages_pb2")
    empty = importlib.import_module("grpc.testing.empty_pb2")
    test_grpc = importlib.import_module("grpc.testing.test_pb2_grpc")
    return out, messages, empty, test_grpc


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--use_tls", default="false")
    args = parser.parse_args()
    if args.use_tls.lower() in ("true", "1", "yes"):
        raise SystemExit("--use_tls is not supported by this peer")

    import grpc

    out, messages, empty, test_grpc = generate_stubs()

    def payload(size):
        return messages.Payload(type=messages.COMPRESSABLE, body=b"\0" * size)

    def echo_metadata(context):
        md = dict(context.invocation_metadata())
        if "x-grpc-test-echo-initial" in md:
            context.send_initial_metadata((("x-grpc-test-echo-initial", md["x-grpc-test-echo-initial"]),))
        if "x-grpc-test-echo-trailing-bin" in md:
            context.set_trailing_metadata((("x-grpc-test-echo-trailing-bin", md["x-grpc-test-echo-trailing-bin"]),))

    def echo_status(request, context):
        if request.HasField("response_status") and request.response_status.code != 0:
            context.abort(grpc.StatusCode(_code(request.response_status.code)), request.response_status.message)

    def _code(number):
        for code in grpc.StatusCode:
            if code.value[0] == number:
                return code.value
        return grpc.StatusCode.UNKNOWN.value

    class TestService(test_grpc.TestServiceServicer):
        def EmptyCall(self, request, context):
            echo_metadata(context)
            return empty.Empty()

        def UnaryCall(self, request, context):
            echo_metadata(context)
            echo_status(request, context)
            if request.response_compressed.value:
                context.set_compression(grpc.Compression.Gzip)
            return messages.SimpleResponse(payload=payload(request.response_size))

        def StreamingOutputCall(self, request, context):
            echo_metadata(context)
            echo_status(request, context)
            if any(p.compressed.value for p in request.response_parameters):
                context.set_compression(grpc.Compression.Gzip)
            for params in request.response_parameters:
                if params.interval_us:
                    time.sleep(params.interval_us / 1e6)
                if not params.compressed.value:
                    context.disable_next_message_compression()
                yield messages.StreamingOutputCallResponse(payload=payload(params.size))

        def StreamingInputCall(self, request_iterator, context):
            echo_metadata(context)
            total = sum(len(r.payload.body) for r in request_iterator)
            return messages.StreamingInputCallResponse(aggregated_payload_size=total)

        def FullDuplexCall(self, request_iterator, context):
            echo_metadata(context)
            for request in request_iterator:
                echo_status(request, context)
                for params in request.response_parameters:
                    if params.interval_us:
                        time.sleep(params.interval_us / 1e6)
                    yield messages.StreamingOutputCallResponse(payload=payload(params.size))

        def HalfDuplexCall(self, request_iterator, context):
            echo_metadata(context)
            requests = list(request_iterator)
            for request in requests:
                echo_status(request, context)
                for params in request.response_parameters:
                    yield messages.StreamingOutputCallResponse(payload=payload(params.size))

    server = grpc.server(futures.ThreadPoolExecutor(max_workers=16))
    test_grpc.add_TestServiceServicer_to_server(TestService(), server)
    port = server.add_insecure_port(f"{args.host}:{args.port}")
    server.start()
    print(f"listening on {port}", flush=True)

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    try:
        # Also stop when the parent closes our stdin (the test runner died without killing us).
        threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
        stop.wait()
    finally:
        server.stop(0.5).wait()
        shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
