// Curated public API of the error teacher, the SQL linter and "explain this query".
export { type ExplainStep, type Explanation, explainParsed, explainQuery } from './explain-query.js';
export type { Lesson, LessonFix, SchemaTable, TeachContext } from './lesson.js';
export { lintSql } from './lint-sql.js';
export { type ParsedSql, parseSql } from './parsed-sql.js';
export { readLiveSchema } from './read-live-schema.js';
export { readSchema } from './read-schema.js';
export { isTeachable, teachError } from './teach-error.js';
export { lintQuery, teachQuery } from './teach-query.js';
