// Curated exports of the builder: SQL parse-back, compile and run on a target, saved builder queries.
export { type ParsedBuilderSql, parseBuilderSql } from './parse.js';
export { BuilderCompileFailure, type BuilderRunOptions, compileBuilderFor, runBuilder } from './run.js';
export { checkSavedName, SavedBuilderQueries, type SavedBuilderQuery } from './saved.js';
