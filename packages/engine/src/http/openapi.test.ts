import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { importOpenApi } from './openapi.js';

const petstore = readFileSync(join(import.meta.dirname, 'fixtures', 'petstore.yaml'), 'utf8');

test('the petstore example: title, server and its three operations as requests on {{base_url}}', () => {
  const api = importOpenApi(petstore);
  expect(api.title).toBe('Swagger Petstore');
  expect(api.version).toBe('1.0.0');
  expect(api.servers).toEqual(['http://petstore.swagger.io/v1']);
  expect(api.operations.map((o) => [o.method, o.path, o.operationId, o.summary])).toEqual([
    ['GET', '/pets', 'listPets', 'List all pets'],
    ['POST', '/pets', 'createPets', 'Create a pet'],
    ['GET', '/pets/{petId}', 'showPetById', 'Info for a specific pet'],
  ]);
  const [list, create, show] = api.operations;
  expect(list!.parameters).toEqual([{ name: 'limit', in: 'query', required: false, example: null }]);
  expect(list!.request.url).toBe('{{base_url}}/pets');
  expect(list!.request.query).toEqual([{ name: 'limit', value: '', enabled: false }]);
  expect(JSON.parse(create!.requestBodyExample!)).toEqual({ id: 0, name: 'string', tag: 'string' });
  expect(create!.request.body).toEqual({ kind: 'json', text: create!.requestBodyExample });
  expect(show!.parameters).toEqual([{ name: 'petId', in: 'path', required: true, example: null }]);
  expect(show!.request.url).toBe('{{base_url}}/pets/{{petId}}');
  expect(show!.request.auth).toEqual({ kind: 'none' });
});

test('JSON reads as YAML does; server variables, shared and $ref parameters, security schemes', () => {
  expect(importOpenApi(JSON.stringify(parseYaml(petstore)))).toEqual(importOpenApi(petstore));
  const json = importOpenApi(
    JSON.stringify({
      openapi: '3.1.0',
      info: { title: 'T', version: 2 },
      servers: [
        {
          url: 'https://{region}.api.test/v{v}',
          variables: { region: { default: 'eu' }, v: { default: '3' } },
        },
      ],
      security: [{ key: [] }],
      components: {
        securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Api-Key' } },
        parameters: { Page: { name: 'page', in: 'query', schema: { type: 'integer', default: 1 } } },
      },
      paths: {
        '/items': {
          parameters: [{ $ref: '#/components/parameters/Page' }],
          get: {
            parameters: [{ name: 'X-Trace', in: 'header', required: true, example: 'abc' }],
            responses: {},
          },
        },
      },
    }),
  );
  expect(json.servers).toEqual(['https://eu.api.test/v3']);
  expect(json.version).toBe('2');
  const op = json.operations[0]!;
  expect(op.request.query).toEqual([{ name: 'page', value: '1', enabled: true }]);
  expect(op.request.headers).toEqual([{ name: 'X-Trace', value: 'abc', enabled: true }]);
  expect(op.request.auth).toEqual({ kind: 'apiKey', name: 'X-Api-Key', value: '{{api_key}}', in: 'header' });
});

test('not OpenAPI 3: plain messages', () => {
  expect(() => importOpenApi('swagger: "2.0"\ninfo: {title: x}')).toThrow(
    'This is a Swagger 2.0 document; Sightline reads OpenAPI 3.',
  );
  expect(() => importOpenApi('{"hello": 1}')).toThrow(
    'This is not an OpenAPI 3 document: it has no "openapi: 3.x" field.',
  );
  expect(() => importOpenApi('a: [1, 2\nb: }')).toThrow(
    /^This OpenAPI document can't be read: it is neither JSON nor YAML/,
  );
});
