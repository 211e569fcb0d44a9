/** Message descriptors: field number → [json name, type, flags]; flags: r repeated, m map, p Go pointer. */
export type FieldDescriptor = readonly [name: string, type: string, flags?: string];
export type MessageTable = Readonly<Record<string, Readonly<Record<number, FieldDescriptor>>>>;
