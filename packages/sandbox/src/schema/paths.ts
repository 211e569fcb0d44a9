/** Field paths as `field.Path` prints them: `spec.replicas`, `spec.containers[0].name`, `spec.map.key`. */
export function child(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

export function index(path: string, i: number): string {
  return `${path}[${i}]`;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
