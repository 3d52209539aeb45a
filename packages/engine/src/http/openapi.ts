import {
  emptyHttpRequest,
  HTTP_METHODS,
  type HttpAuth,
  type HttpMethod,
  type HttpRequestSpec,
  type OpenApiImport,
  type OpenApiOperation,
} from '@sightline/spec';
import { parse as parseYaml } from 'yaml';
import { SightlineError } from '../errors.js';

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => x !== null && typeof x === 'object' && !Array.isArray(x);

function parseDocument(text: string): Obj {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    try {
      doc = parseYaml(text);
    } catch (err) {
      throw new SightlineError(
        `This OpenAPI document can't be read: it is neither JSON nor YAML (${(err as Error).message.split('\n')[0]}).`,
        {
          hints: ['Paste the whole document (openapi.json or openapi.yaml), as the API publishes it.'],
          cause: err,
        },
      );
    }
  }
  if (!isObj(doc))
    throw new SightlineError(
      'This is not an OpenAPI document: it should be an object with an "openapi" field.',
    );
  if (typeof doc.swagger === 'string') {
    throw new SightlineError(`This is a Swagger ${doc.swagger} document; Sightline reads OpenAPI 3.`, {
      hints: [
        'Convert it to OpenAPI 3 (e.g. with the converter at converter.swagger.io), then import it again.',
      ],
    });
  }
  if (typeof doc.openapi !== 'string' || !doc.openapi.startsWith('3.')) {
    throw new SightlineError('This is not an OpenAPI 3 document: it has no "openapi: 3.x" field.', {
      hints: ['Paste the document the API publishes as openapi.json or openapi.yaml.'],
    });
  }
  return doc;
}

/** Follows a local `$ref` (`#/components/...`), a few levels deep. */
function deref(doc: Obj, node: unknown, depth = 0): unknown {
  if (!isObj(node) || typeof node.$ref !== 'string' || depth > 10) return node;
  const ref = node.$ref;
  if (!ref.startsWith('#/')) return {};
  let cur: unknown = doc;
  for (const part of ref.slice(2).split('/')) {
    cur = isObj(cur) ? cur[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  }
  return deref(doc, cur, depth + 1);
}

/** An example value for a schema: its example, default or first enum value, else one built from its type. */
function exampleOf(doc: Obj, schemaIn: unknown, depth = 0): unknown {
  const schema = deref(doc, schemaIn);
  if (!isObj(schema) || depth > 6) return null;
  if (schema.example !== undefined) return schema.example;
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  const all = Array.isArray(schema.allOf) ? schema.allOf : null;
  if (all) return Object.assign({}, ...all.map((s) => exampleOf(doc, s, depth + 1)).filter(isObj));
  const one = Array.isArray(schema.oneOf)
    ? schema.oneOf[0]
    : Array.isArray(schema.anyOf)
      ? schema.anyOf[0]
      : undefined;
  if (one !== undefined) return exampleOf(doc, one, depth + 1);
  switch (schema.type) {
    case 'object': {
      const props = isObj(schema.properties) ? schema.properties : {};
      return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, exampleOf(doc, v, depth + 1)]));
    }
    case 'array':
      return [exampleOf(doc, schema.items, depth + 1)];
    case 'integer':
    case 'number':
      return 0;
    case 'boolean':
      return false;
    case 'string':
      return schema.format === 'date-time'
        ? '2026-01-01T00:00:00Z'
        : schema.format === 'date'
          ? '2026-01-01'
          : 'string';
    default:
      return isObj(schema.properties) ? exampleOf(doc, { ...schema, type: 'object' }, depth) : null;
  }
}

function asText(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function paramExample(doc: Obj, p: Obj): string | null {
  if (p.example !== undefined) return asText(p.example);
  if (isObj(p.examples)) {
    const first = deref(doc, Object.values(p.examples)[0]);
    if (isObj(first) && first.value !== undefined) return asText(first.value);
  }
  const s = deref(doc, p.schema);
  if (isObj(s) && (s.example !== undefined || s.default !== undefined || Array.isArray(s.enum)))
    return asText(exampleOf(doc, s));
  return null;
}

function bodyExample(doc: Obj, op: Obj): string | null {
  const body = deref(doc, op.requestBody);
  if (!isObj(body) || !isObj(body.content)) return null;
  const key = Object.keys(body.content).find((k) => /json/i.test(k));
  const media = key ? body.content[key] : undefined;
  if (!isObj(media)) return null;
  if (media.example !== undefined) return JSON.stringify(media.example, null, 2);
  if (isObj(media.examples)) {
    const first = deref(doc, Object.values(media.examples)[0]);
    if (isObj(first) && first.value !== undefined) return JSON.stringify(first.value, null, 2);
  }
  const ex = exampleOf(doc, media.schema);
  return ex === null ? null : JSON.stringify(ex, null, 2);
}

function authFor(doc: Obj, op: Obj): HttpAuth {
  const security = Array.isArray(op.security) ? op.security : Array.isArray(doc.security) ? doc.security : [];
  const schemes =
    isObj(doc.components) && isObj(doc.components.securitySchemes) ? doc.components.securitySchemes : {};
  for (const requirement of security) {
    if (!isObj(requirement)) continue;
    for (const name of Object.keys(requirement)) {
      const s = deref(doc, schemes[name]);
      if (!isObj(s)) continue;
      if (s.type === 'http' && String(s.scheme).toLowerCase() === 'bearer')
        return { kind: 'bearer', token: '{{token}}' };
      if (s.type === 'oauth2' || s.type === 'openIdConnect') return { kind: 'bearer', token: '{{token}}' };
      if (s.type === 'http' && String(s.scheme).toLowerCase() === 'basic') {
        return { kind: 'basic', username: '{{username}}', password: '{{password}}' };
      }
      if (s.type === 'apiKey' && typeof s.name === 'string' && (s.in === 'header' || s.in === 'query')) {
        return { kind: 'apiKey', name: s.name, value: '{{api_key}}', in: s.in };
      }
    }
  }
  return { kind: 'none' };
}

function serverUrls(doc: Obj): string[] {
  const servers = Array.isArray(doc.servers) ? doc.servers : [];
  return servers.filter(isObj).flatMap((s) => {
    if (typeof s.url !== 'string') return [];
    const vars = isObj(s.variables) ? s.variables : {};
    return [
      s.url.replace(/\{([^}]+)\}/g, (whole, name: string) => {
        const v = vars[name];
        return isObj(v) && v.default !== undefined ? String(v.default) : whole;
      }),
    ];
  });
}

/**
 * Reads an OpenAPI 3 document (JSON or YAML): its title, servers and operations, each with its parameters and
 * examples and as a request on `{{base_url}}` (path parameters become `{{name}}` placeholders).
 */
export function importOpenApi(text: string): OpenApiImport {
  const doc = parseDocument(text);
  const info = isObj(doc.info) ? doc.info : {};
  const paths = isObj(doc.paths) ? doc.paths : {};
  const operations: OpenApiOperation[] = [];
  for (const [path, itemIn] of Object.entries(paths)) {
    const item = deref(doc, itemIn);
    if (!isObj(item)) continue;
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    for (const method of HTTP_METHODS) {
      const op = item[method.toLowerCase()];
      if (!isObj(op)) continue;
      const own = Array.isArray(op.parameters) ? op.parameters : [];
      const byKey = new Map<string, Obj>();
      for (const p of [...shared, ...own].map((x) => deref(doc, x)).filter(isObj))
        byKey.set(`${p.in}:${p.name}`, p);
      const parameters = [...byKey.values()]
        .filter(
          (p) => typeof p.name === 'string' && (p.in === 'query' || p.in === 'header' || p.in === 'path'),
        )
        .map((p) => ({
          name: p.name as string,
          in: p.in as 'query' | 'header' | 'path',
          required: p.required === true || p.in === 'path',
          example: paramExample(doc, p),
        }));
      const requestBodyExample = bodyExample(doc, op);
      const request: HttpRequestSpec = {
        ...emptyHttpRequest(`{{base_url}}${path.replace(/\{([^}]+)\}/g, '{{$1}}')}`),
        method: method as HttpMethod,
        query: parameters
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name, value: p.example ?? '', enabled: p.required || p.example !== null })),
        headers: parameters
          .filter((p) => p.in === 'header')
          .map((p) => ({ name: p.name, value: p.example ?? '', enabled: p.required })),
        body: requestBodyExample === null ? { kind: 'none' } : { kind: 'json', text: requestBodyExample },
        auth: authFor(doc, op),
      };
      operations.push({
        method,
        path,
        operationId: typeof op.operationId === 'string' ? op.operationId : null,
        summary: typeof op.summary === 'string' ? op.summary : null,
        tags: Array.isArray(op.tags) ? op.tags.filter((t): t is string => typeof t === 'string') : [],
        parameters,
        requestBodyExample,
        request,
      });
    }
  }
  return {
    title: typeof info.title === 'string' ? info.title : 'Untitled API',
    version: info.version === undefined ? null : String(info.version),
    servers: serverUrls(doc),
    operations,
  };
}
