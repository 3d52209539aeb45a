/** The wildcard Drain puts where lines of one pattern differ. */
export const WILDCARD = '<*>';

/** Options of the Drain parse tree (He et al. 2017). */
export interface DrainOptions {
  /** Depth of the tree: the length level plus `depth - 2` first-token levels (default 4). */
  depth?: number;
  /** Share of equal tokens a line needs to join a cluster (default 0.4). */
  similarity?: number;
  /** Children per tree node before new first tokens share the wildcard child (default 100). */
  maxChildren?: number;
}

/** One pattern: its template tokens, how many lines joined it, and its first line. */
export interface DrainCluster {
  id: number;
  tokens: string[];
  count: number;
  example: string;
  /** Lines per timeline bucket (indexes as given to `add`). */
  series: Map<number, number>;
}

interface TreeNode {
  children: Map<string, TreeNode>;
  clusters: DrainCluster[];
}

const newNode = (): TreeNode => ({ children: new Map(), clusters: [] });

/**
 * Drain: a fixed-depth parse tree routes each (masked, tokenised) line by its token count and first tokens to a
 * small list of clusters; it joins the most similar one when enough tokens agree (differing tokens become `<*>`),
 * or starts a new one. One pass, so 100k lines cluster in well under a second.
 */
export class Drain {
  private readonly depth: number;
  private readonly similarity: number;
  private readonly maxChildren: number;
  private readonly root = new Map<number, TreeNode>();
  private readonly all: DrainCluster[] = [];

  constructor(options: DrainOptions = {}) {
    this.depth = Math.max(3, options.depth ?? 4);
    this.similarity = options.similarity ?? 0.4;
    this.maxChildren = options.maxChildren ?? 100;
  }

  /** Adds a line (already tokenised, see `tokenize`) seen `times` times in `bucket`; returns its cluster. */
  add(tokens: string[], original: string, bucket = 0, times = 1): DrainCluster {
    const leaf = this.leafFor(tokens);
    let cluster = this.bestMatch(leaf.clusters, tokens);
    if (cluster) {
      for (let i = 0; i < tokens.length; i++) {
        if (cluster.tokens[i] !== tokens[i]) cluster.tokens[i] = WILDCARD;
      }
    } else {
      cluster = { id: this.all.length, tokens: [...tokens], count: 0, example: original, series: new Map() };
      leaf.clusters.push(cluster);
      this.all.push(cluster);
    }
    cluster.count += times;
    cluster.series.set(bucket, (cluster.series.get(bucket) ?? 0) + times);
    return cluster;
  }

  /** The clusters, most lines first (ties in order of appearance). */
  clusters(): DrainCluster[] {
    return [...this.all].sort((a, b) => b.count - a.count || a.id - b.id);
  }

  private leafFor(tokens: string[]): TreeNode {
    let node: TreeNode = this.root.get(tokens.length) ?? newNode();
    this.root.set(tokens.length, node);
    const levels = Math.min(this.depth - 2, tokens.length);
    for (let i = 0; i < levels; i++) {
      const token = tokens[i]!;
      // Drain sends tokens with digits down the wildcard branch; numbers are masked already, so only placeholders
      // go there (a digit left in `v1` or `http2` is part of a word, and /api/v1/... paths must not all merge).
      const key = token.startsWith('<') ? WILDCARD : token;
      let child: TreeNode | undefined = node.children.get(key);
      if (!child) {
        const full = node.children.size >= this.maxChildren;
        const at = full ? WILDCARD : key;
        child = node.children.get(at);
        if (!child) {
          child = newNode();
          node.children.set(at, child);
        }
      }
      node = child;
    }
    return node;
  }

  private bestMatch(clusters: DrainCluster[], tokens: string[]): DrainCluster | undefined {
    let best: DrainCluster | undefined;
    let bestSim = -1;
    let bestParams = -1;
    for (const c of clusters) {
      let same = 0;
      let params = 0;
      for (let i = 0; i < tokens.length; i++) {
        const t = c.tokens[i];
        if (t === WILDCARD) params++;
        else if (t === tokens[i]) same++;
      }
      const sim = tokens.length === 0 ? 1 : same / tokens.length;
      if (sim > bestSim || (sim === bestSim && params > bestParams)) {
        best = c;
        bestSim = sim;
        bestParams = params;
      }
    }
    return best && bestSim >= this.similarity ? best : undefined;
  }
}
