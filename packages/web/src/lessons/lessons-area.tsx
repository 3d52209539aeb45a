import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiRequestError } from '../api/client.js';
import type { AreaProps } from '../app/areas.js';
import { ErrorMessage, type ShownError } from '../ui/error-message.js';
import { CURRENT_KEY } from './lesson-drafts.js';
import { LessonList } from './lesson-list.js';
import { LessonPage } from './lesson-page.js';
import type { LessonList as LessonListBody, LessonView } from './lesson-types.js';
import './lessons.css';

function shown(err: unknown, fallback: string): ShownError {
  return err instanceof ApiRequestError ? err.info : { message: fallback, hints: ['Reload the page.'] };
}

/** The Lessons area: the list with progress ticks on the left, the open lesson on the right. */
export default function LessonsArea(props: AreaProps) {
  const { api, storage } = props;
  const [list, setList] = useState<LessonListBody | null>(null);
  const [current, setCurrent] = useState<string | null>(() => storage.getItem(CURRENT_KEY));
  const [lesson, setLesson] = useState<LessonView | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const [creating, setCreating] = useState(false);

  const loadList = useCallback(async () => {
    try {
      setList(await api.request<LessonListBody>('GET', '/lessons'));
    } catch (err) {
      setError(shown(err, 'The lessons could not be loaded.'));
    }
  }, [api]);

  useEffect(() => {
    void loadList();
  }, [loadList]);

  const ready = list?.sampleReady === true;
  const firstId = list?.lessons[0]?.id ?? null;
  // The stored id may be one the error teacher links to (e.g. `quotes`): open the lesson that covers it.
  const openId =
    (current === null
      ? undefined
      : list?.lessons.find((l) => l.id === current || l.covers.includes(current))?.id) ?? firstId;

  useEffect(() => {
    if (!ready || openId === null) return;
    let live = true;
    setError(null);
    api
      .request<LessonView>('GET', `/lessons/${encodeURIComponent(openId)}`)
      .then((view) => {
        if (!live) return;
        setLesson(view);
        void loadList();
      })
      .catch((err: unknown) => live && setError(shown(err, 'The lesson could not be opened.')));
    return () => {
      live = false;
    };
  }, [api, openId, ready, loadList]);

  const open = (id: string) => {
    storage.setItem(CURRENT_KEY, id);
    setCurrent(id);
  };

  const changed = (view: LessonView) => {
    setLesson(view);
    void loadList();
  };

  const createSample = async () => {
    setCreating(true);
    setError(null);
    try {
      await api.createSample();
      props.refreshCatalog();
      await loadList();
    } catch (err) {
      setError(shown(err, 'The sample data could not be created.'));
    } finally {
      setCreating(false);
    }
  };

  const schema = useMemo(() => {
    const out: Record<string, string[]> = {};
    for (const t of props.catalog?.tables ?? []) out[t.table] = t.columns.map((c) => c.name);
    return out;
  }, [props.catalog]);

  if (!list) {
    return error ? (
      <div className="pad">
        <ErrorMessage error={error} />
      </div>
    ) : (
      <p className="area-loading muted">Loading the lessons…</p>
    );
  }

  return (
    <div className="lessons">
      <LessonList lessons={list.lessons} current={openId} completed={list.completed} onOpen={open} />
      <div className="lesson-main">
        {!ready ? (
          <div className="lesson-empty">
            <h1>Learn SQL on a realistic product</h1>
            <p>
              The lessons use the sample data: a made-up SaaS product with 20,000 users, their events and
              subscriptions, and two log files. It is created on this computer in a few seconds and nothing is
              sent anywhere.
            </p>
            <button
              type="button"
              className="btn primary"
              disabled={creating}
              onClick={() => void createSample()}
            >
              {creating ? 'Creating the sample data…' : 'Create the sample data'}
            </button>
          </div>
        ) : null}
        {error ? <ErrorMessage error={error} /> : null}
        {ready && lesson && lesson.id === openId ? (
          <LessonPage
            key={lesson.id}
            api={api}
            lesson={lesson}
            lessons={list.lessons}
            schema={schema}
            storage={storage}
            onChanged={changed}
            onOpen={open}
            onOpenSql={(sql) => props.openSql(sql, lesson.title)}
          />
        ) : null}
      </div>
    </div>
  );
}
