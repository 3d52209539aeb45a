import type { AreaProps } from '../app/areas.js';

/** This area of the workbench (not built yet: it says so rather than pretending). */
export default function LessonsArea(_props: AreaProps) {
  return (
    <div className="area-empty">
      <p>This part of Sightline is not built yet.</p>
    </div>
  );
}
