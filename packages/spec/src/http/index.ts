// Curated exports of the HTTP area: request specs, variables and secrets, cURL, arrays to tabulate, paging.

export { type ToCurlOptions, toCurl } from './curl-export.js';
export { type CurlParse, parseCurl } from './curl-parse.js';
export { detectPagination } from './detect-pagination.js';
export {
  type ArraySuggestion,
  type HttpEnvironmentView,
  type HttpExchangeView,
  type HttpHistoryEntry,
  type HttpRedirect,
  type HttpSaveTableResult,
  type HttpTimings,
  type OpenApiImport,
  type OpenApiOperation,
  SECRET_MASK,
} from './exchange.js';
export { formatJsonPath, getJsonPath, type JsonPathStep, parseJsonPath } from './json-path.js';
export { base64Utf8, maskEnvironment, maskRequest, maskSecretsInText, secretStrings } from './mask.js';
export {
  emptyHttpRequest,
  HTTP_METHODS,
  type HttpAuth,
  HttpAuthSchema,
  type HttpBody,
  HttpBodySchema,
  type HttpEnvironment,
  HttpEnvironmentSchema,
  type HttpMethod,
  type HttpPagination,
  HttpPaginationSchema,
  type HttpPair,
  HttpPairSchema,
  type HttpRequestSpec,
  type HttpRequestSpecInput,
  HttpRequestSpecSchema,
  type HttpSaveTableSpec,
  type HttpSaveTableSpecInput,
  HttpSaveTableSpecSchema,
  type HttpVariable,
  HttpVariableSchema,
} from './schema.js';
export { quoteShellWord, splitShellWords } from './shell-words.js';
export { suggestArrays } from './suggest-arrays.js';
export {
  formatQueryString,
  joinUrl,
  parseLinkHeader,
  parseQueryString,
  splitUrl,
} from './url-parts.js';
export {
  fillTemplate,
  findVariables,
  mapRequestStrings,
  requestVariables,
  resolveVariables,
} from './variables.js';
