/** What the API area shows before the first request: the three steps, and that nothing is sent unasked. */
export function ApiEmpty() {
  return (
    <div className="api-empty">
      <h3>Call an API and turn its answer into a table</h3>
      <ol className="muted">
        <li>
          Paste a cURL command (from an engineer or your browser's “Copy as cURL”) into the URL field, or type
          a URL.
        </li>
        <li>
          Press <strong>Send</strong> (<kbd>Ctrl</kbd>+<kbd>Enter</kbd>): the status, the time each step took
          and the body appear here.
        </li>
        <li>
          <strong>Save as table</strong> turns a list in the answer into a table, following its pages, ready
          to join with your data.
        </li>
      </ol>
      <p className="muted small">Requests go out from this machine only when you press Send.</p>
    </div>
  );
}
