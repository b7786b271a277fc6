// source: product.proto — hand-written in the shape protoc-gen-js (import_style=commonjs,binary) emits; see README.md.
import { jspb, gencodeMessage as M, readString } from "./jspb-gencode.js";

/** shop.v1.Product as a jspb message. */
export class Product extends jspb.Message {
  constructor(opt_data?: unknown[]) {
    super();
    M.initialize(this, (opt_data ?? null) as jspb.Message.MessageArray, 0, -1, null, null);
  }

  /** The plain-object view protoc-gen-js emits under `GENERATE_TO_OBJECT`. */
  toObject(includeInstance?: boolean): Product.AsObject {
    return Product.toObject(includeInstance ?? false, this);
  }

  static override toObject(_includeInstance: boolean, msg: Product): Product.AsObject {
    return {
      id: M.getFieldWithDefault(msg, 1, ""),
      name: M.getFieldWithDefault(msg, 2, ""),
      price: M.getFieldWithDefault(msg, 3, 0),
    };
  }

  static override deserializeBinary(bytes: Uint8Array): Product {
    const reader = new jspb.BinaryReader(bytes);
    const msg = new Product();
    return Product.deserializeBinaryFromReader(msg, reader);
  }

  static override deserializeBinaryFromReader(msg: Product, reader: jspb.BinaryReader): Product {
    while (reader.nextField()) {
      if (reader.isEndGroup()) break;
      switch (reader.getFieldNumber()) {
        case 1:
          msg.setId(readString(reader));
          break;
        case 2:
          msg.setName(readString(reader));
          break;
        case 3:
          msg.setPrice(reader.readInt32());
          break;
        default:
          reader.skipField();
          break;
      }
    }
    return msg;
  }

  serializeBinary(): Uint8Array {
    const writer = new jspb.BinaryWriter();
    Product.serializeBinaryToWriter(this, writer);
    return writer.getResultBuffer();
  }

  static override serializeBinaryToWriter(message: Product, writer: jspb.BinaryWriter): void {
    let f: string | number;
    f = message.getId();
    if (f.length > 0) writer.writeString(1, f);
    f = message.getName();
    if (f.length > 0) writer.writeString(2, f);
    f = message.getPrice();
    if (f !== 0) writer.writeInt32(3, f);
  }

  getId(): string {
    return M.getFieldWithDefault(this, 1, "");
  }
  setId(value: string): Product {
    return M.setProto3StringField(this, 1, value);
  }
  getName(): string {
    return M.getFieldWithDefault(this, 2, "");
  }
  setName(value: string): Product {
    return M.setProto3StringField(this, 2, value);
  }
  getPrice(): number {
    return M.getFieldWithDefault(this, 3, 0);
  }
  setPrice(value: number): Product {
    return M.setProto3IntField(this, 3, value);
  }
}

export namespace Product {
  /** {@link Product.toObject}'s result. */
  export interface AsObject {
    id: string;
    name: string;
    price: number;
  }
}
