import { SightlineError } from '../errors.js';
import { builtInLogFormats } from '../logs/registry.js';
import { stageLogs } from '../logs/stage-log.js';
import { stageCsv } from './csv-stage.js';
import type { FileFormat } from './format.js';
import { stageJson } from './json-stage.js';
import { stageParquet } from './parquet-stage.js';
import type { SourceGroup } from './source-files.js';
import type { StageContext, StagedImport } from './stage.js';
import type { ImportRequest } from './types.js';
import { stageXlsx } from './xlsx-stage.js';

/** Stages one group of files with the reader for its format. */
export async function stageFiles(
  ctx: StageContext,
  group: SourceGroup,
  req: ImportRequest,
  format: FileFormat,
  label: string,
): Promise<StagedImport> {
  switch (format) {
    case 'csv':
    case 'tsv':
      return stageCsv(ctx, group.files, group.many, req, format, label);
    case 'json':
    case 'ndjson':
      return stageJson(ctx, group.files, group.many, req, format, label);
    case 'parquet':
      return stageParquet(ctx, group.files, group.many, req, label);
    case 'xlsx':
      if (group.files.length > 1)
        throw new SightlineError(`Several Excel files can't go into one table yet ("${label}").`, {
          hints: ['Import each workbook on its own, then append them with --mode append.'],
        });
      return stageXlsx(ctx, group.files[0]!, req, label);
    case 'log':
      return stageLogs(ctx, group.files, group.many, req, label, ctx.logFormats ?? builtInLogFormats());
  }
}
