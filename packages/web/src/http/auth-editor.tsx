import { useState } from 'react';
import type { HttpAuth } from './http-types.js';
import { isReferenceOnly } from './request-draft.js';
import { TemplateInput } from './template-input.js';

const KINDS: { kind: HttpAuth['kind']; label: string }[] = [
  { kind: 'none', label: 'None' },
  { kind: 'bearer', label: 'Bearer token' },
  { kind: 'basic', label: 'Username and password (Basic)' },
  { kind: 'apiKey', label: 'API key' },
];

function blank(kind: HttpAuth['kind']): HttpAuth {
  switch (kind) {
    case 'none':
      return { kind: 'none' };
    case 'bearer':
      return { kind: 'bearer', token: '' };
    case 'basic':
      return { kind: 'basic', username: '', password: '' };
    case 'apiKey':
      return { kind: 'apiKey', name: 'X-API-Key', value: '', in: 'header' };
  }
}

/** A secret field: dots unless revealed; `{{variables}}` are shown as they are (they hold no secret). */
function SecretField(props: {
  value: string;
  onChange(v: string): void;
  label: string;
  variables: readonly string[] | null;
  placeholder: string;
}) {
  const [reveal, setReveal] = useState(false);
  const hidden = !reveal && !isReferenceOnly(props.value);
  return (
    <div className="secret-field">
      <TemplateInput
        className="secret-input"
        value={props.value}
        onChange={props.onChange}
        variables={props.variables}
        label={props.label}
        placeholder={props.placeholder}
        type={hidden ? 'password' : 'text'}
      />
      <button
        type="button"
        className="btn ghost small"
        aria-pressed={reveal}
        onClick={() => setReveal((r) => !r)}
        disabled={isReferenceOnly(props.value)}
      >
        {reveal ? 'Hide' : 'Show'}
      </button>
    </div>
  );
}

/** The auth tab: none, bearer, basic or an API key in a header or the query string. */
export function AuthEditor(props: {
  auth: HttpAuth;
  onChange(a: HttpAuth): void;
  variables: readonly string[] | null;
}) {
  const { auth, onChange, variables } = props;
  const typed =
    (auth.kind === 'bearer' && !isReferenceOnly(auth.token)) ||
    (auth.kind === 'basic' && !isReferenceOnly(auth.password)) ||
    (auth.kind === 'apiKey' && !isReferenceOnly(auth.value));
  return (
    <div className="auth-editor">
      <label className="field">
        Kind
        <select
          aria-label="Auth kind"
          value={auth.kind}
          onChange={(e) => onChange(blank(e.target.value as HttpAuth['kind']))}
        >
          {KINDS.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.label}
            </option>
          ))}
        </select>
      </label>
      {auth.kind === 'bearer' ? (
        <div className="field">
          <span>Token</span>
          <SecretField
            value={auth.token}
            onChange={(token) => onChange({ ...auth, token })}
            label="Bearer token"
            variables={variables}
            placeholder="{{token}} or the token itself"
          />
        </div>
      ) : null}
      {auth.kind === 'basic' ? (
        <div className="auth-row">
          <div className="field">
            <span>Username</span>
            <TemplateInput
              value={auth.username}
              onChange={(username) => onChange({ ...auth, username })}
              variables={variables}
              label="Username"
            />
          </div>
          <div className="field">
            <span>Password</span>
            <SecretField
              value={auth.password}
              onChange={(password) => onChange({ ...auth, password })}
              label="Password"
              variables={variables}
              placeholder="{{password}} or the password"
            />
          </div>
        </div>
      ) : null}
      {auth.kind === 'apiKey' ? (
        <div className="auth-row">
          <div className="field">
            <span>Name</span>
            <TemplateInput
              value={auth.name}
              onChange={(name) => onChange({ ...auth, name })}
              variables={variables}
              label="API key name"
            />
          </div>
          <div className="field">
            <span>Value</span>
            <SecretField
              value={auth.value}
              onChange={(value) => onChange({ ...auth, value })}
              label="API key value"
              variables={variables}
              placeholder="{{api_key}} or the key"
            />
          </div>
          <label className="field">
            Sent in
            <select
              value={auth.in}
              onChange={(e) => onChange({ ...auth, in: e.target.value as 'header' | 'query' })}
            >
              <option value="header">a header</option>
              <option value="query">the query string</option>
            </select>
          </label>
        </div>
      ) : null}
      {auth.kind !== 'none' ? (
        <p className={typed ? 'auth-note warn small' : 'auth-note muted small'}>
          {typed
            ? 'A value typed here is kept only until you reload the page, and never written to disk. To keep it, store it as a secret in an environment and write {{its_name}} here.'
            : 'Values from an environment’s secrets are filled in by the server when the request is sent; they never reach this page, the history or exports.'}
        </p>
      ) : null}
    </div>
  );
}
