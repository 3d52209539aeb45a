// Curated exports; each area keeps its own index.

export * from './funnel/index.js';
export * from './metrics/index.js';
