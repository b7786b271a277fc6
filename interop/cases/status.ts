// Status cases: status_code_and_message, special_status_message, unimplemented_method, unimplemented_service.
import { Status } from "../../src/grpc/index.js";
import { collect, expectStatus, type InteropContext } from "./context.js";

async function echoStatus({ client }: InteropContext, message: string): Promise<void> {
  const responseStatus = { code: 2, message };
  await expectStatus(() => client.unaryCall({ responseStatus }), Status.UNKNOWN, message);
  await expectStatus(() => collect(client.fullDuplexCall([{ responseStatus }])), Status.UNKNOWN, message);
}

/** status_code_and_message: code 2 and "test status message" come back from UnaryCall and FullDuplexCall. */
export async function statusCodeAndMessage(ctx: InteropContext): Promise<void> {
  await echoStatus(ctx, "test status message");
}

/** special_status_message: whitespace and non-ASCII (BMP and astral) survive grpc-message percent-encoding. */
export async function specialStatusMessage({ client }: InteropContext): Promise<void> {
  const message = "\t\ntest with whitespace\r\nand Unicode BMP ☺ and non-BMP 😈\t\n";
  await expectStatus(() => client.unaryCall({ responseStatus: { code: 2, message } }), Status.UNKNOWN, message);
}

/** unimplemented_method: TestService/UnimplementedCall → UNIMPLEMENTED. */
export async function unimplementedMethod({ client }: InteropContext): Promise<void> {
  await expectStatus(() => client.unimplementedCall({}), Status.UNIMPLEMENTED);
}

/** unimplemented_service: UnimplementedService/UnimplementedCall → UNIMPLEMENTED. */
export async function unimplementedService({ unimplemented }: InteropContext): Promise<void> {
  await expectStatus(() => unimplemented.unimplementedCall({}), Status.UNIMPLEMENTED);
}
