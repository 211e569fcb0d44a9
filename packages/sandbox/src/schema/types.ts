/** The parts of a CRD `openAPIV3Schema` (apiextensions.k8s.io/v1 JSONSchemaProps) the sandbox interprets. */
export interface JSONSchemaPropsLike {
  type?: string;
  format?: string;
  description?: string;
  properties?: Record<string, JSONSchemaPropsLike>;
  required?: string[];
  items?: JSONSchemaPropsLike;
  additionalProperties?: boolean | JSONSchemaPropsLike;
  enum?: unknown[];
  default?: unknown;
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  multipleOf?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  maxProperties?: number;
  allOf?: JSONSchemaPropsLike[];
  anyOf?: JSONSchemaPropsLike[];
  oneOf?: JSONSchemaPropsLike[];
  not?: JSONSchemaPropsLike;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  'x-kubernetes-list-type'?: string;
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-map-type'?: string;
}

/** One entry of `Status.details.causes`. */
export interface StatusCause {
  reason: string;
  message: string;
  field: string;
}
