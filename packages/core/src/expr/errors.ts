/**
 * Errors and hard limits of the condition language.
 *
 * Every failure — lexing, parsing, checking, evaluating — is an {@link ExprError} whose `message` is the text
 * upstream's expr-lang/expr would put in `file.Error.Message` (Argo unwraps to exactly that string).
 */
export class ExprError extends Error {
  override readonly name = 'ExprError';
}

/** Safety bounds. Argo conditions are one-liners; these are orders of magnitude above real use. */
export const EXPR_LIMITS = {
  /** Longest accepted expression, in UTF-16 code units. */
  maxExpressionLength: 4096,
  /** Deepest nesting of the syntax tree (parentheses, unary chains, nested calls). */
  maxDepth: 64,
  /** Most syntax-tree nodes (expr-lang's own MaxNodes default is 10 000). */
  maxNodes: 2000,
  /** Most evaluation steps (node visits, predicate iterations, allocated elements) per evaluation. */
  maxSteps: 1_000_000,
} as const;

export const exprError = (message: string): ExprError => new ExprError(message);
