// Shapes of the generated Go struct table (go-types.generated.ts).
//
// Type grammar (a string):
//   string | bool | int | float | bytes        Go scalars ([]byte is base64 text)
//   quantity | intOrString | time | microTime | duration | rawJson
//                                              types with a custom MarshalJSON
//   *T                                         pointer: absent/null → nil
//   []T                                        slice
//   map[]T                                     map with string keys (sorted on output)
//   pkg/version.Name                           a struct listed in the table

/** `[jsonName, type, omitempty, omitzero]` for one field, in Go declaration order. */
export type GoFieldSpec = readonly [json: string, type: string, omitEmpty: boolean, omitZero: boolean];

export type GoStructTable = Readonly<Record<string, readonly GoFieldSpec[]>>;

export const GO_ROOT = {
  podTemplateSpec: 'core/v1.PodTemplateSpec',
  canarySteps: '[]rollouts/v1alpha1.CanaryStep',
} as const;
