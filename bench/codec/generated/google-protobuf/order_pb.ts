// source: order.proto — hand-written in the shape protoc-gen-js (import_style=commonjs,binary) emits; see README.md.
// 64-bit fields are JS numbers, protoc-gen-js's default, except trace_id: its values pass 2^53, so it has the
// shape protoc-gen-js emits for `[jstype = JS_STRING]` (decimal strings, `*Fixed64String` reader and writer).
import { jspb, gencodeInternal, gencodeMap, gencodeMessage as M, gencodeReader, readString } from "./jspb-gencode.js";
import { Product } from "./product_pb.js";

/** bench.v1.OrderStatus. */
export const OrderStatus = {
  ORDER_STATUS_UNSPECIFIED: 0,
  ORDER_STATUS_PLACED: 1,
  ORDER_STATUS_PAID: 2,
  ORDER_STATUS_SHIPPED: 3,
} as const;
/** A bench.v1.OrderStatus value. */
export type OrderStatus = (typeof OrderStatus)[keyof typeof OrderStatus];

const writeString = jspb.BinaryWriter.prototype.writeString as (this: jspb.BinaryWriter, field: number, value: string) => void;
const writeInt64 = jspb.BinaryWriter.prototype.writeInt64 as (this: jspb.BinaryWriter, field: number, value: number) => void;

/** bench.v1.Address as a jspb message. */
export class Address extends jspb.Message {
  constructor(opt_data?: unknown[]) {
    super();
    M.initialize(this, (opt_data ?? null) as jspb.Message.MessageArray, 0, -1, null, null);
  }

  /** The plain-object view protoc-gen-js emits under `GENERATE_TO_OBJECT`. */
  toObject(includeInstance?: boolean): Address.AsObject {
    return Address.toObject(includeInstance ?? false, this);
  }

  static override toObject(_includeInstance: boolean, msg: Address): Address.AsObject {
    return {
      line1: M.getFieldWithDefault(msg, 1, ""),
      line2: M.getFieldWithDefault(msg, 2, ""),
      city: M.getFieldWithDefault(msg, 3, ""),
      postalCode: M.getFieldWithDefault(msg, 4, ""),
      countryCode: M.getFieldWithDefault(msg, 5, ""),
    };
  }

  static override deserializeBinary(bytes: Uint8Array): Address {
    const reader = new jspb.BinaryReader(bytes);
    const msg = new Address();
    return Address.deserializeBinaryFromReader(msg, reader);
  }

  static override deserializeBinaryFromReader(msg: Address, reader: jspb.BinaryReader): Address {
    while (reader.nextField()) {
      if (reader.isEndGroup()) break;
      switch (reader.getFieldNumber()) {
        case 1:
          msg.setLine1(readString(reader));
          break;
        case 2:
          msg.setLine2(readString(reader));
          break;
        case 3:
          msg.setCity(readString(reader));
          break;
        case 4:
          msg.setPostalCode(readString(reader));
          break;
        case 5:
          msg.setCountryCode(readString(reader));
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
    Address.serializeBinaryToWriter(this, writer);
    return writer.getResultBuffer();
  }

  static override serializeBinaryToWriter(message: Address, writer: jspb.BinaryWriter): void {
    let f: string;
    f = message.getLine1();
    if (f.length > 0) writer.writeString(1, f);
    f = message.getLine2();
    if (f.length > 0) writer.writeString(2, f);
    f = message.getCity();
    if (f.length > 0) writer.writeString(3, f);
    f = message.getPostalCode();
    if (f.length > 0) writer.writeString(4, f);
    f = message.getCountryCode();
    if (f.length > 0) writer.writeString(5, f);
  }

  getLine1(): string {
    return M.getFieldWithDefault(this, 1, "");
  }
  setLine1(value: string): Address {
    return M.setProto3StringField(this, 1, value);
  }
  getLine2(): string {
    return M.getFieldWithDefault(this, 2, "");
  }
  setLine2(value: string): Address {
    return M.setProto3StringField(this, 2, value);
  }
  getCity(): string {
    return M.getFieldWithDefault(this, 3, "");
  }
  setCity(value: string): Address {
    return M.setProto3StringField(this, 3, value);
  }
  getPostalCode(): string {
    return M.getFieldWithDefault(this, 4, "");
  }
  setPostalCode(value: string): Address {
    return M.setProto3StringField(this, 4, value);
  }
  getCountryCode(): string {
    return M.getFieldWithDefault(this, 5, "");
  }
  setCountryCode(value: string): Address {
    return M.setProto3StringField(this, 5, value);
  }
}

export namespace Address {
  /** {@link Address.toObject}'s result. */
  export interface AsObject {
    line1: string;
    line2: string;
    city: string;
    postalCode: string;
    countryCode: string;
  }
}

/** bench.v1.Customer as a jspb message. */
export class Customer extends jspb.Message {
  constructor(opt_data?: unknown[]) {
    super();
    M.initialize(this, (opt_data ?? null) as jspb.Message.MessageArray, 0, -1, null, null);
  }

  /** The plain-object view protoc-gen-js emits under `GENERATE_TO_OBJECT`. */
  toObject(includeInstance?: boolean): Customer.AsObject {
    return Customer.toObject(includeInstance ?? false, this);
  }

  static override toObject(includeInstance: boolean, msg: Customer): Customer.AsObject {
    const address = msg.getAddress();
    return {
      id: M.getFieldWithDefault(msg, 1, ""),
      name: M.getFieldWithDefault(msg, 2, ""),
      email: M.getFieldWithDefault(msg, 3, ""),
      sinceMs: M.getFieldWithDefault(msg, 4, 0),
      address: address && Address.toObject(includeInstance, address),
      vip: M.getBooleanFieldWithDefault(msg, 6, false),
    };
  }

  static override deserializeBinary(bytes: Uint8Array): Customer {
    const reader = new jspb.BinaryReader(bytes);
    const msg = new Customer();
    return Customer.deserializeBinaryFromReader(msg, reader);
  }

  static override deserializeBinaryFromReader(msg: Customer, reader: jspb.BinaryReader): Customer {
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
          msg.setEmail(readString(reader));
          break;
        case 4:
          msg.setSinceMs(reader.readInt64());
          break;
        case 5: {
          const value = new Address();
          reader.readMessage(value, Address.deserializeBinaryFromReader);
          msg.setAddress(value);
          break;
        }
        case 6:
          msg.setVip(reader.readBool());
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
    Customer.serializeBinaryToWriter(this, writer);
    return writer.getResultBuffer();
  }

  static override serializeBinaryToWriter(message: Customer, writer: jspb.BinaryWriter): void {
    let f: string | number | boolean | Address | undefined;
    f = message.getId();
    if (f.length > 0) writer.writeString(1, f);
    f = message.getName();
    if (f.length > 0) writer.writeString(2, f);
    f = message.getEmail();
    if (f.length > 0) writer.writeString(3, f);
    f = message.getSinceMs();
    if (f !== 0) writer.writeInt64(4, f);
    f = message.getAddress();
    if (f != null) writer.writeMessage(5, f, Address.serializeBinaryToWriter);
    f = message.getVip();
    if (f) writer.writeBool(6, f);
  }

  getId(): string {
    return M.getFieldWithDefault(this, 1, "");
  }
  setId(value: string): Customer {
    return M.setProto3StringField(this, 1, value);
  }
  getName(): string {
    return M.getFieldWithDefault(this, 2, "");
  }
  setName(value: string): Customer {
    return M.setProto3StringField(this, 2, value);
  }
  getEmail(): string {
    return M.getFieldWithDefault(this, 3, "");
  }
  setEmail(value: string): Customer {
    return M.setProto3StringField(this, 3, value);
  }
  getSinceMs(): number {
    return M.getFieldWithDefault(this, 4, 0);
  }
  setSinceMs(value: number): Customer {
    return M.setProto3IntField(this, 4, value);
  }
  getAddress(): Address | undefined {
    return M.getWrapperField(this, Address, 5) as Address | undefined;
  }
  setAddress(value: Address | undefined): Customer {
    M.setWrapperField(this, 5, value);
    return this;
  }
  clearAddress(): Customer {
    return this.setAddress(undefined);
  }
  hasAddress(): boolean {
    return M.getField(this, 5) != null;
  }
  getVip(): boolean {
    return M.getBooleanFieldWithDefault(this, 6, false);
  }
  setVip(value: boolean): Customer {
    return M.setProto3BooleanField(this, 6, value);
  }
}

export namespace Customer {
  /** {@link Customer.toObject}'s result. */
  export interface AsObject {
    id: string;
    name: string;
    email: string;
    sinceMs: number;
    address: Address.AsObject | undefined;
    vip: boolean;
  }
}

/** bench.v1.LineItem as a jspb message. */
export class LineItem extends jspb.Message {
  constructor(opt_data?: unknown[]) {
    super();
    M.initialize(this, (opt_data ?? null) as jspb.Message.MessageArray, 0, -1, LineItem.repeatedFields_, null);
  }

  /** Field numbers of the repeated fields, as protoc-gen-js lists them for `initialize`. */
  static readonly repeatedFields_ = [4];

  /** The plain-object view protoc-gen-js emits under `GENERATE_TO_OBJECT`. */
  toObject(includeInstance?: boolean): LineItem.AsObject {
    return LineItem.toObject(includeInstance ?? false, this);
  }

  static override toObject(includeInstance: boolean, msg: LineItem): LineItem.AsObject {
    const product = msg.getProduct();
    return {
      product: product && Product.toObject(includeInstance, product),
      quantity: M.getFieldWithDefault(msg, 2, 0),
      priceCents: M.getFieldWithDefault(msg, 3, 0),
      optionIdsList: M.getRepeatedField(msg, 4) as number[],
      discount: M.getFloatingPointFieldWithDefault(msg, 5, 0.0),
    };
  }

  static override deserializeBinary(bytes: Uint8Array): LineItem {
    const reader = new jspb.BinaryReader(bytes);
    const msg = new LineItem();
    return LineItem.deserializeBinaryFromReader(msg, reader);
  }

  static override deserializeBinaryFromReader(msg: LineItem, reader: jspb.BinaryReader): LineItem {
    while (reader.nextField()) {
      if (reader.isEndGroup()) break;
      switch (reader.getFieldNumber()) {
        case 1: {
          const value = new Product();
          reader.readMessage(value, Product.deserializeBinaryFromReader);
          msg.setProduct(value);
          break;
        }
        case 2:
          msg.setQuantity(reader.readInt32());
          break;
        case 3:
          msg.setPriceCents(reader.readInt64());
          break;
        case 4:
          // 4.x gencode appends packed and unpacked elements straight into the field's array.
          gencodeReader.readPackableInt32Into.call(reader, msg.getOptionIdsList());
          break;
        case 5:
          msg.setDiscount(reader.readDouble());
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
    LineItem.serializeBinaryToWriter(this, writer);
    return writer.getResultBuffer();
  }

  static override serializeBinaryToWriter(message: LineItem, writer: jspb.BinaryWriter): void {
    const product = message.getProduct();
    if (product != null) writer.writeMessage(1, product, Product.serializeBinaryToWriter);
    let f: number | number[];
    f = message.getQuantity();
    if (f !== 0) writer.writeInt32(2, f);
    f = message.getPriceCents();
    if (f !== 0) writer.writeInt64(3, f);
    f = message.getOptionIdsList();
    if (f.length > 0) writer.writePackedInt32(4, f);
    f = message.getDiscount();
    if (f !== 0.0) writer.writeDouble(5, f);
  }

  getProduct(): Product | undefined {
    return M.getWrapperField(this, Product, 1) as Product | undefined;
  }
  setProduct(value: Product | undefined): LineItem {
    M.setWrapperField(this, 1, value);
    return this;
  }
  clearProduct(): LineItem {
    return this.setProduct(undefined);
  }
  hasProduct(): boolean {
    return M.getField(this, 1) != null;
  }
  getQuantity(): number {
    return M.getFieldWithDefault(this, 2, 0);
  }
  setQuantity(value: number): LineItem {
    return M.setProto3IntField(this, 2, value);
  }
  getPriceCents(): number {
    return M.getFieldWithDefault(this, 3, 0);
  }
  setPriceCents(value: number): LineItem {
    return M.setProto3IntField(this, 3, value);
  }
  getOptionIdsList(): number[] {
    return M.getRepeatedField(this, 4) as number[];
  }
  setOptionIdsList(value: number[]): LineItem {
    M.setField(this, 4, value || []);
    return this;
  }
  addOptionIds(value: number, opt_index?: number): LineItem {
    M.addToRepeatedField(this, 4, value, opt_index);
    return this;
  }
  clearOptionIdsList(): LineItem {
    return this.setOptionIdsList([]);
  }
  getDiscount(): number {
    return M.getFloatingPointFieldWithDefault(this, 5, 0.0);
  }
  setDiscount(value: number): LineItem {
    return M.setProto3FloatField(this, 5, value);
  }
}

export namespace LineItem {
  /** {@link LineItem.toObject}'s result. */
  export interface AsObject {
    product: Product.AsObject | undefined;
    quantity: number;
    priceCents: number;
    optionIdsList: number[];
    discount: number;
  }
}

/** bench.v1.Order as a jspb message. */
export class Order extends jspb.Message {
  constructor(opt_data?: unknown[]) {
    super();
    M.initialize(this, (opt_data ?? null) as jspb.Message.MessageArray, 0, -1, Order.repeatedFields_, null);
  }

  /** Field numbers of the repeated fields, as protoc-gen-js lists them for `initialize`. */
  static readonly repeatedFields_ = [4, 8];

  /** The plain-object view protoc-gen-js emits under `GENERATE_TO_OBJECT`. */
  toObject(includeInstance?: boolean): Order.AsObject {
    return Order.toObject(includeInstance ?? false, this);
  }

  static override toObject(includeInstance: boolean, msg: Order): Order.AsObject {
    const customer = msg.getCustomer();
    const shipping = msg.getShipping();
    return {
      id: M.getFieldWithDefault(msg, 1, ""),
      createdAtMs: M.getFieldWithDefault(msg, 2, 0),
      customer: customer && Customer.toObject(includeInstance, customer),
      itemsList: M.toObjectList(msg.getItemsList(), LineItem.toObject, includeInstance) as LineItem.AsObject[],
      attributesMap: msg.getAttributesMap(true)?.toObject(includeInstance) ?? [],
      signature: msg.getSignature_asB64(),
      shipping: shipping && Address.toObject(includeInstance, shipping),
      tagsList: M.getRepeatedField(msg, 8) as string[],
      status: M.getFieldWithDefault(msg, 9, 0),
      totalCents: M.getFieldWithDefault(msg, 10, 0),
      countersMap: msg.getCountersMap(true)?.toObject(includeInstance) ?? [],
      traceId: M.getFieldWithDefault(msg, 12, "0"),
      priority: M.getFieldWithDefault(msg, 13, 0),
    };
  }

  static override deserializeBinary(bytes: Uint8Array): Order {
    const reader = new jspb.BinaryReader(bytes);
    const msg = new Order();
    return Order.deserializeBinaryFromReader(msg, reader);
  }

  static override deserializeBinaryFromReader(msg: Order, reader: jspb.BinaryReader): Order {
    while (reader.nextField()) {
      if (reader.isEndGroup()) break;
      switch (reader.getFieldNumber()) {
        case 1:
          msg.setId(readString(reader));
          break;
        case 2:
          msg.setCreatedAtMs(reader.readInt64());
          break;
        case 3: {
          const value = new Customer();
          reader.readMessage(value, Customer.deserializeBinaryFromReader);
          msg.setCustomer(value);
          break;
        }
        case 4: {
          const value = new LineItem();
          reader.readMessage(value, LineItem.deserializeBinaryFromReader);
          msg.addItems(value);
          break;
        }
        case 5: {
          const value = msg.getAttributesMap();
          reader.readMessage(value, (message: jspb.Map<string, string>, reader: jspb.BinaryReader) => {
            gencodeMap.deserializeBinary(message, reader, gencodeReader.readStringRequireUtf8, gencodeReader.readStringRequireUtf8, null, "", "");
          });
          break;
        }
        case 6:
          msg.setSignature(reader.readBytes());
          break;
        case 7: {
          const value = new Address();
          reader.readMessage(value, Address.deserializeBinaryFromReader);
          msg.setShipping(value);
          break;
        }
        case 8:
          msg.addTags(readString(reader));
          break;
        case 9:
          msg.setStatus(reader.readEnum() as OrderStatus);
          break;
        case 10:
          msg.setTotalCents(reader.readUint64());
          break;
        case 11: {
          const value = msg.getCountersMap();
          reader.readMessage(value, (message: jspb.Map<string, number>, reader: jspb.BinaryReader) => {
            gencodeMap.deserializeBinary(message, reader, gencodeReader.readStringRequireUtf8, jspb.BinaryReader.prototype.readInt64 as (this: jspb.BinaryReader) => number, null, "", 0);
          });
          break;
        }
        case 12:
          msg.setTraceId(reader.readFixed64String());
          break;
        case 13:
          msg.setPriority(reader.readSint32());
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
    Order.serializeBinaryToWriter(this, writer);
    return writer.getResultBuffer();
  }

  static override serializeBinaryToWriter(message: Order, writer: jspb.BinaryWriter): void {
    let f: string | number;
    f = message.getId();
    if (f.length > 0) writer.writeString(1, f);
    f = message.getCreatedAtMs();
    if (f !== 0) writer.writeInt64(2, f);
    const customer = message.getCustomer();
    if (customer != null) writer.writeMessage(3, customer, Customer.serializeBinaryToWriter);
    const items = message.getItemsList();
    if (items.length > 0) writer.writeRepeatedMessage(4, items, LineItem.serializeBinaryToWriter);
    const attributes = message.getAttributesMap(true);
    if (attributes && attributes.getLength() > 0) gencodeInternal.serializeMapToBinary(attributes, 5, writer, writeString, writeString);
    const signature = message.getSignature_asU8();
    if (signature.length > 0) writer.writeBytes(6, signature);
    const shipping = message.getShipping();
    if (shipping != null) writer.writeMessage(7, shipping, Address.serializeBinaryToWriter);
    const tags = message.getTagsList();
    if (tags.length > 0) writer.writeRepeatedString(8, tags);
    f = message.getStatus();
    if (f !== 0.0) writer.writeEnum(9, f);
    f = message.getTotalCents();
    if (f !== 0) writer.writeUint64(10, f);
    const counters = message.getCountersMap(true);
    if (counters && counters.getLength() > 0) gencodeInternal.serializeMapToBinary(counters, 11, writer, writeString, writeInt64);
    f = message.getTraceId();
    if (parseInt(f, 10) !== 0) writer.writeFixed64String(12, f);
    f = message.getPriority();
    if (f !== 0) writer.writeSint32(13, f);
  }

  getId(): string {
    return M.getFieldWithDefault(this, 1, "");
  }
  setId(value: string): Order {
    return M.setProto3StringField(this, 1, value);
  }
  getCreatedAtMs(): number {
    return M.getFieldWithDefault(this, 2, 0);
  }
  setCreatedAtMs(value: number): Order {
    return M.setProto3IntField(this, 2, value);
  }
  getCustomer(): Customer | undefined {
    return M.getWrapperField(this, Customer, 3) as Customer | undefined;
  }
  setCustomer(value: Customer | undefined): Order {
    M.setWrapperField(this, 3, value);
    return this;
  }
  clearCustomer(): Order {
    return this.setCustomer(undefined);
  }
  hasCustomer(): boolean {
    return M.getField(this, 3) != null;
  }
  getItemsList(): LineItem[] {
    return M.getRepeatedWrapperField(this, LineItem, 4) as LineItem[];
  }
  setItemsList(value: LineItem[]): Order {
    M.setRepeatedWrapperField(this, 4, value);
    return this;
  }
  addItems(opt_value?: LineItem, opt_index?: number): LineItem {
    return M.addToRepeatedWrapperField(this, 4, opt_value, LineItem, opt_index) as LineItem;
  }
  clearItemsList(): Order {
    return this.setItemsList([]);
  }
  getAttributesMap(opt_noLazyCreate?: boolean): jspb.Map<string, string> {
    return M.getMapField(this, 5, opt_noLazyCreate ?? false, undefined) as jspb.Map<string, string>;
  }
  clearAttributesMap(): Order {
    this.getAttributesMap().clear();
    return this;
  }
  getSignature(): string | Uint8Array {
    return M.getFieldWithDefault(this, 6, "") as string | Uint8Array;
  }
  getSignature_asB64(): string {
    return M.bytesAsB64(this.getSignature());
  }
  getSignature_asU8(): Uint8Array {
    return M.bytesAsU8(this.getSignature());
  }
  setSignature(value: Uint8Array | string): Order {
    return M.setProto3BytesField(this, 6, value);
  }
  getShipping(): Address | undefined {
    return M.getWrapperField(this, Address, 7) as Address | undefined;
  }
  setShipping(value: Address | undefined): Order {
    M.setWrapperField(this, 7, value);
    return this;
  }
  clearShipping(): Order {
    return this.setShipping(undefined);
  }
  hasShipping(): boolean {
    return M.getField(this, 7) != null;
  }
  getTagsList(): string[] {
    return M.getRepeatedField(this, 8) as string[];
  }
  setTagsList(value: string[]): Order {
    M.setField(this, 8, value || []);
    return this;
  }
  addTags(value: string, opt_index?: number): Order {
    M.addToRepeatedField(this, 8, value, opt_index);
    return this;
  }
  clearTagsList(): Order {
    return this.setTagsList([]);
  }
  getStatus(): OrderStatus {
    return M.getFieldWithDefault(this, 9, 0) as OrderStatus;
  }
  setStatus(value: OrderStatus): Order {
    return M.setProto3EnumField(this, 9, value);
  }
  getTotalCents(): number {
    return M.getFieldWithDefault(this, 10, 0);
  }
  setTotalCents(value: number): Order {
    return M.setProto3IntField(this, 10, value);
  }
  getCountersMap(opt_noLazyCreate?: boolean): jspb.Map<string, number> {
    return M.getMapField(this, 11, opt_noLazyCreate ?? false, undefined) as jspb.Map<string, number>;
  }
  clearCountersMap(): Order {
    this.getCountersMap().clear();
    return this;
  }
  getTraceId(): string {
    return M.getFieldWithDefault(this, 12, "0");
  }
  setTraceId(value: string): Order {
    return M.setProto3StringIntField(this, 12, value);
  }
  getPriority(): number {
    return M.getFieldWithDefault(this, 13, 0);
  }
  setPriority(value: number): Order {
    return M.setProto3IntField(this, 13, value);
  }
}

export namespace Order {
  /** {@link Order.toObject}'s result. */
  export interface AsObject {
    id: string;
    createdAtMs: number;
    customer: Customer.AsObject | undefined;
    itemsList: LineItem.AsObject[];
    attributesMap: Array<[string, string]>;
    signature: string;
    shipping: Address.AsObject | undefined;
    tagsList: string[];
    status: OrderStatus;
    totalCents: number;
    countersMap: Array<[string, number]>;
    traceId: string;
    priority: number;
  }
}
