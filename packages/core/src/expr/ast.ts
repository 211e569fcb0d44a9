// Syntax tree of the condition language. Shapes follow expr-lang/expr's ast package closely enough that
// upstream's parse results (precedence, chained comparisons, `not in` → not(in)) can be compared by eye.

export type Node =
  | { readonly type: 'Nil' }
  | { readonly type: 'Bool'; readonly value: boolean }
  | { readonly type: 'Integer'; readonly value: bigint }
  | { readonly type: 'Float'; readonly value: number }
  | { readonly type: 'String'; readonly value: string }
  | { readonly type: 'Array'; readonly items: readonly Node[] }
  | { readonly type: 'Map'; readonly pairs: readonly (readonly [Node, Node])[] }
  | { readonly type: 'Identifier'; readonly name: string }
  /** `#` (name ''), `#index`, `#acc` — only inside a predicate. */
  | { readonly type: 'Pointer'; readonly name: string }
  | { readonly type: 'Unary'; readonly op: string; readonly operand: Node }
  | { readonly type: 'Binary'; readonly op: string; readonly left: Node; readonly right: Node }
  | { readonly type: 'Member'; readonly object: Node; readonly property: Node; readonly optional: boolean }
  | { readonly type: 'Slice'; readonly object: Node; readonly from?: Node; readonly to?: Node }
  /** A call of a named function: builtin or environment function. */
  | { readonly type: 'Call'; readonly name: string; readonly args: readonly Node[] }
  /** A method call on a value (`now().Year()`, `duration("1h").Seconds()`). */
  | { readonly type: 'Method'; readonly object: Node; readonly name: string; readonly args: readonly Node[] }
  | { readonly type: 'Predicate'; readonly body: Node }
  | { readonly type: 'Conditional'; readonly test: Node; readonly consequent: Node; readonly alternate: Node };

export type NodeType = Node['type'];
export type NodeOf<T extends NodeType> = Extract<Node, { type: T }>;
