export { CauseReason, invalidStatusMessage, strictDecodingMessage } from './field-errors.js';
export { validateCustomResource } from './validate-custom-resource.js';
export type { CustomResourceValidation } from './validate-custom-resource.js';
export type { JSONSchemaPropsLike, StatusCause } from './types.js';
