/** Thrown when a tree cannot be turned into SQL (bad identifier, unsupported construct for a dialect, ...). */
export class SqlBuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SqlBuildError';
  }
}
