import fs from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

/** The shared reference documents (never copied into the project). */
export const referencePath = (name: string) => path.resolve(import.meta.dirname, '../../../shared/reference', name);

/**
 * Whether a suite that checks against the reference documents can run. On a fresh clone without
 * ../shared it is skipped with a notice; in CI (which must have them) it fails instead.
 */
export function referencesPresent(suite: string, file: string): boolean {
  if (fs.existsSync(referencePath(file))) return true;
  const ci = process.env.CI === 'true' || process.env.CI === '1';
  if (ci) throw new Error(`${suite} cannot run without ../shared/reference/${file}, and CI must run them.`);
  console.warn(`\n*** NOTICE: ${suite} SKIPPED: ../shared/reference/${file} is not beside this checkout. ***\n`);
  return false;
}

/** OpenAPI 3.0's `nullable` becomes JSON Schema's null alternative, so Ajv reads the document as Plaid meant it. */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const { nullable, example: _example, ...rest } = node as Record<string, unknown>;
  // OpenAPI 3.0 writes `exclusiveMinimum: true` beside `minimum`; JSON Schema wants the number itself.
  for (const [exclusive, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
    if (typeof rest[exclusive] === 'boolean') {
      if (rest[exclusive] === true && typeof rest[bound] === 'number') {
        rest[exclusive] = rest[bound];
        delete rest[bound];
      } else delete rest[exclusive];
    }
  }
  const converted = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, toJsonSchema(value)]));
  return nullable === true ? { anyOf: [converted, { type: 'null' }] } : converted;
}

/** Validators for the named component schemas of one OpenAPI document. */
export function openApiValidator(file: string) {
  const doc = toJsonSchema(parse(fs.readFileSync(referencePath(file), 'utf8'), { maxAliasCount: -1 })) as Record<string, unknown>;
  const ajv = new Ajv({ strict: false, validateSchema: false, allErrors: true, logger: false });
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  ajv.addFormat('date-time-rfc-2822', /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$/);
  ajv.addSchema({ ...doc, $id: 'doc' });
  const cache = new Map<string, ValidateFunction>();
  return (schemaRef: string, value: unknown): string[] => {
    let validate = cache.get(schemaRef);
    if (!validate) {
      validate = ajv.compile({ $ref: `doc#${schemaRef}` });
      cache.set(schemaRef, validate);
    }
    return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
  };
}
