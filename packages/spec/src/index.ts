// Curated exports; each area keeps its own index.

export * from './abtest/index.js';
export * from './active/index.js';
export * from './builder/index.js';
export * from './funnel/index.js';
export * from './http/index.js';
export * from './metrics/index.js';
export * from './retention/index.js';
