import type { ColumnInfo } from '@sightline/spec';
import type { ApiClient } from '../api/client.js';
import type { StepDraft } from './draft.js';
import { FilterEditor } from './filter-editor.js';
import { type DoctorSource, JoinEditor } from './join-editor.js';
import type { KeyMismatch } from './join-report.js';
import { CustomColumnEditor, LimitEditor, SortEditor } from './simple-editors.js';
import { SummarizeEditor } from './summarize-editor.js';

/** The editor of one step, by its type. */
export function StepEditor(props: {
  api: ApiClient;
  step: StepDraft;
  columns: ColumnInfo[];
  join: {
    rightColumns: ColumnInfo[];
    tables: string[];
    savedNames: string[];
    left: DoctorSource | null;
    right: DoctorSource | null;
    onFix(m: KeyMismatch): void;
  };
  onChange(step: StepDraft): void;
}) {
  const { step, columns, onChange } = props;
  switch (step.type) {
    case 'filter':
      return <FilterEditor step={step} columns={columns} onChange={onChange} />;
    case 'summarize':
      return <SummarizeEditor step={step} columns={columns} onChange={onChange} />;
    case 'customColumn':
      return <CustomColumnEditor step={step} columns={columns} onChange={onChange} />;
    case 'sort':
      return <SortEditor step={step} columns={columns} onChange={onChange} />;
    case 'limit':
      return <LimitEditor step={step} onChange={onChange} />;
    case 'join':
      return (
        <JoinEditor
          api={props.api}
          step={step}
          leftColumns={columns}
          rightColumns={props.join.rightColumns}
          tables={props.join.tables}
          savedNames={props.join.savedNames}
          left={props.join.left}
          right={props.join.right}
          onChange={onChange}
          onFix={props.join.onFix}
        />
      );
  }
}
