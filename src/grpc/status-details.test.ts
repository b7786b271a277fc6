import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createRegistry, type FileDescriptorProto } from "../protobuf/index.js";
import { decodeBase64, encodeBase64 } from "./base64.js";
import { RpcError } from "./rpc-error.js";
import { Status } from "./status.js";
import {
  decodeStatusDetails,
  decodeStatusDetailsBin,
  encodeStatusDetails,
  encodeStatusDetailsBin,
  googleRpcRegistry,
} from "./status-details.js";

/**
 * Written by protoc (`protoc --encode=google.rpc.Status` of src/grpc/proto/google/rpc/*.proto) from:
 *   code: 3  message: "bad id"
 *   details: ErrorInfo { reason: "NO_ID" domain: "shop.example" metadata { k: "v" } }
 *   details: RetryInfo { retry_delay { seconds: 2 nanos: 5 } }
 *   details: BadRequest { field_violations { field: "id" description: "empty" reason: "EMPTY"
 *                         localized_message { locale: "en-US" message: "Enter an id" } } }
 */
const golden =
  "CAMSBmJhZCBpZBpJCih0eXBlLmdvb2dsZWFwaXMuY29tL2dvb2dsZS5ycGMuRXJyb3JJbmZvEh0KBU5PX0lEEgxzaG9wLmV4YW1wbGUaBgoBaxIBdhoy" +
  "Cih0eXBlLmdvb2dsZWFwaXMuY29tL2dvb2dsZS5ycGMuUmV0cnlJbmZvEgYKBAgCEAUaVwopdHlwZS5nb29nbGVhcGlzLmNvbS9nb29nbGUucnBjLkJh" +
  "ZFJlcXVlc3QSKgooCgJpZBIFZW1wdHkaBUVNUFRZIhQKBWVuLVVTEgtFbnRlciBhbiBpZA==";

const goldenDetails = [
  { typeName: "google.rpc.ErrorInfo", value: { reason: "NO_ID", domain: "shop.example", metadata: { k: "v" } } },
  { typeName: "google.rpc.RetryInfo", value: { retryDelay: { seconds: 2n, nanos: 5 } } },
  {
    typeName: "google.rpc.BadRequest",
    value: {
      fieldViolations: [
        { field: "id", description: "empty", reason: "EMPTY", localizedMessage: { locale: "en-US", message: "Enter an id" } },
      ],
    },
  },
];

describe("encodeStatusDetails", () => {
  it("writes the same bytes as protoc", () => {
    const bytes = encodeStatusDetails({ code: 3, message: "bad id", details: goldenDetails });
    assert.equal(encodeBase64(bytes, true), golden);
  });

  it("writes details given as bytes unchanged, for types it does not know", () => {
    const bytes = encodeStatusDetails({ code: 5, message: "", details: [{ typeName: "acme.Custom", bytes: new Uint8Array([8, 1]) }] });
    const back = decodeStatusDetails(bytes);
    assert.deepEqual(back, { code: 5, message: "", details: [{ typeName: "acme.Custom", bytes: new Uint8Array([8, 1]) }] });
  });

  it("refuses a detail of unknown type without bytes, naming it", () => {
    assert.throws(
      () => encodeStatusDetails({ code: 5, message: "", details: [{ typeName: "acme.Custom", value: {} }] }),
      /error detail of type "acme\.Custom"/,
    );
  });
});

describe("decodeStatusDetails", () => {
  it("reads protoc's bytes, decoding every google.rpc detail type", () => {
    const status = decodeStatusDetails(decodeBase64(golden)!);
    assert.equal(status.code, 3);
    assert.equal(status.message, "bad id");
    assert.deepEqual(
      status.details.map((d) => d.typeName),
      goldenDetails.map((d) => d.typeName),
    );
    const errorInfo = status.details[0]!.value!;
    assert.equal(errorInfo["reason"], "NO_ID");
    assert.deepEqual(errorInfo["metadata"], { k: "v" });
    assert.deepEqual((status.details[1]!.value!["retryDelay"] as { seconds: bigint }).seconds, 2n);
    const violations = status.details[2]!.value!["fieldViolations"] as { localizedMessage: { message: string } }[];
    assert.equal(violations[0]!.localizedMessage.message, "Enter an id");
    for (const d of status.details) assert.ok(d.bytes instanceof Uint8Array);
  });

  it("knows all ten google.rpc error-detail types", () => {
    for (const name of [
      "ErrorInfo",
      "RetryInfo",
      "DebugInfo",
      "QuotaFailure",
      "PreconditionFailure",
      "BadRequest",
      "RequestInfo",
      "ResourceInfo",
      "Help",
      "LocalizedMessage",
    ]) {
      assert.ok(googleRpcRegistry().getMessage(`google.rpc.${name}`), name);
    }
  });

  it("round-trips every detail type with its fields set", () => {
    const details = [
      { typeName: "google.rpc.DebugInfo", value: { stackEntries: ["a", "b"], detail: "d" } },
      {
        typeName: "google.rpc.QuotaFailure",
        value: {
          violations: [
            {
              subject: "s",
              description: "d",
              apiService: "api",
              quotaMetric: "m",
              quotaId: "q",
              quotaDimensions: { region: "eu" },
              quotaValue: 10n,
              futureQuotaValue: 20n,
            },
          ],
        },
      },
      { typeName: "google.rpc.PreconditionFailure", value: { violations: [{ type: "TOS", subject: "s", description: "d" }] } },
      { typeName: "google.rpc.RequestInfo", value: { requestId: "r", servingData: "x" } },
      { typeName: "google.rpc.ResourceInfo", value: { resourceType: "t", resourceName: "n", owner: "o", description: "d" } },
      { typeName: "google.rpc.Help", value: { links: [{ description: "docs", url: "https://example.com" }] } },
      { typeName: "google.rpc.LocalizedMessage", value: { locale: "fr-CH", message: "Salut" } },
      { typeName: "google.protobuf.Duration", value: { seconds: 1n, nanos: 0 } },
    ];
    const back = decodeStatusDetails(encodeStatusDetails({ code: 9, message: "m", details }));
    assert.deepEqual(
      back.details.map((d) => ({ typeName: d.typeName, value: d.value })),
      details,
    );
  });

  it("decodes custom detail types from a given registry, and keeps unknown ones as bytes", () => {
    const file: FileDescriptorProto = {
      name: "acme/detail.proto",
      package: "acme",
      syntax: "proto3",
      dependency: [],
      publicDependency: [],
      weakDependency: [],
      messageType: [
        {
          name: "Custom",
          field: [{ name: "n", number: 1, label: 1, type: 5, jsonName: "n" }],
          extension: [],
          nestedType: [],
          enumType: [],
          extensionRange: [],
          oneofDecl: [],
          reservedRange: [],
          reservedName: [],
        },
      ],
      enumType: [],
      service: [],
      extension: [],
    } as unknown as FileDescriptorProto;
    const registry = createRegistry(file);
    const bytes = encodeStatusDetails({ code: 5, message: "", details: [{ typeName: "acme.Custom", value: { n: 7 } }] }, { registry });
    assert.deepEqual(decodeStatusDetails(bytes, { registry }).details[0]!.value, { n: 7 });
    const unknown = decodeStatusDetails(bytes).details[0]!;
    assert.equal(unknown.value, undefined);
    assert.deepEqual(unknown.bytes, new Uint8Array([8, 7]));
  });

  it("keeps a detail whose bytes do not decode as its type, without a value", () => {
    const bytes = encodeStatusDetails({ code: 5, message: "", details: [{ typeName: "google.rpc.ErrorInfo", bytes: new Uint8Array([0xff]) }] });
    const [detail] = decodeStatusDetails(bytes).details;
    assert.equal(detail!.value, undefined);
    assert.deepEqual(detail!.bytes, new Uint8Array([0xff]));
  });

  it("fails with INTERNAL on bytes that are not a google.rpc.Status", () => {
    for (const junk of [new Uint8Array([0xff]), new Uint8Array([0x0a, 0x05, 1])]) {
      assert.throws(() => decodeStatusDetails(junk), (e: unknown) => e instanceof RpcError && e.code === Status.INTERNAL);
    }
  });
});

describe("encodeStatusDetailsBin / decodeStatusDetailsBin", () => {
  it("round-trips an RpcError's details through the trailer value", () => {
    const err = new RpcError(Status.INVALID_ARGUMENT, "bad id", { details: goldenDetails });
    const value = encodeStatusDetailsBin(err)!;
    assert.doesNotMatch(value, /=/);
    const details = decodeStatusDetailsBin(value, Status.INVALID_ARGUMENT);
    assert.deepEqual(
      details.map((d) => d.value),
      goldenDetails.map((d) => d.value),
    );
  });

  it("sends no trailer for an error without details", () => {
    assert.equal(encodeStatusDetailsBin(new RpcError(Status.INTERNAL, "x")), undefined);
  });

  it("ignores absent, malformed and mismatching trailers", () => {
    const other = encodeBase64(encodeStatusDetails({ code: 5, message: "", details: goldenDetails }));
    const cases: (string | string[] | undefined)[] = [undefined, "", "!!!", "AAAA", encodeBase64(new Uint8Array([0xff])), other];
    for (const value of cases) assert.deepEqual(decodeStatusDetailsBin(value, Status.INVALID_ARGUMENT), [], JSON.stringify(value));
    assert.equal(decodeStatusDetailsBin([other], 5).length, 3);
  });
});
