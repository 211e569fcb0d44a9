// The Argo `expr` condition language (successCondition / failureCondition / rangeQuery times).
// Hand-written lexer, parser, checker and interpreter — see docs/adr/0004-condition-language.md.
export {
  CONDITION_TYPE,
  evaluateCondition,
  evaluateExpression,
  evaluateMetricCondition,
  evaluateResult,
  evaluateTime,
  formatConditionError,
  isNilOrEmpty,
  parseCondition,
} from './condition.js';
export type { ConditionAssessment, ConditionOptions, ConditionType, MetricConditions, ParsedCondition } from './condition.js';
export { EXPR_LIMITS, ExprError } from './errors.js';
export { GoDuration, GoTime } from './values.js';
