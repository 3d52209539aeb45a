// Curated exports; each area keeps its own index.
export * from './metrics/index.js';
