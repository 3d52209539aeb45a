import type { ApiClient } from '../api/client.js';
import { EventMatchEditor } from './event-picker.js';
import type { EventSourceInfo } from './metric-answer.js';
import type { ActiveState } from './metric-state.js';
import { Segmented } from './retention-builder.js';

/** The active-users builder: which event makes a user active (any by default) and the histogram's period. */
export function ActiveBuilder(props: {
  value: ActiveState;
  source: EventSourceInfo | null;
  api: ApiClient;
  from: string;
  on: string;
  onChange(next: ActiveState): void;
}) {
  const a = props.value;
  return (
    <div className="builder" data-testid="active-builder">
      <EventMatchEditor
        label="Active means doing"
        emptyLabel="Any event"
        value={a.event}
        source={props.source}
        api={props.api}
        from={props.from}
        on={props.on}
        onChange={(event) => props.onChange({ ...a, event })}
      />
      <div className="builder-options">
        <Segmented
          label="Stickiness histogram per"
          value={a.histogram}
          options={[
            ['week', 'Week'],
            ['month', 'Month'],
          ]}
          onChange={(histogram) => props.onChange({ ...a, histogram })}
        />
      </div>
    </div>
  );
}
