import { type ReactNode, useEffect, useRef, useState } from 'react';
import { ApiError } from './api';
import { RISK_LEVELS, type RiskLevel } from './types';

export function NotAvailable({ what }: { what: string }) {
  return (
    <p className="not-available" role="status">
      {what}
    </p>
  );
}

/** An API failure, worded for the analyst; a missing route is "not available", not an error. */
export function Failure({ error, what }: { error: unknown; what: string }) {
  if (error instanceof ApiError && error.notAvailable) return <NotAvailable what={`${what}: not available on this server yet.`} />;
  return (
    <p className="error" role="alert">
      {what}: {error instanceof Error ? error.message : String(error)}
    </p>
  );
}

export function LevelBadge({ level }: { level: RiskLevel }) {
  return <span className={`badge level-${level}`}>{level}</span>;
}

/** A labelled risk-level picker for filter forms ("any" submits an empty value). */
export function LevelSelect({ label, name, defaultValue }: { label: string; name: string; defaultValue: string | undefined }) {
  return (
    <label>
      {label}
      <select name={name} defaultValue={defaultValue ?? ''}>
        <option value="">any</option>
        {RISK_LEVELS.map((level) => (
          <option key={level} value={level}>
            {level}
          </option>
        ))}
      </select>
    </label>
  );
}

export function Kbd({ children }: { children: ReactNode }) {
  return <kbd>{children}</kbd>;
}

export function formatTime(iso: string | undefined | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

export const LEVEL_RANK: Record<RiskLevel, number> = { low: 0, medium: 1, high: 2, critical: 3 };

/** The note form of the queue and the ad view: saves through `onSave`, shows its failure, Esc cancels. */
export function NoteDialog({ label, onSave, onCancel }: { label: string; onSave: (text: string) => Promise<void>; onCancel: () => void }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className="dialog-backdrop">
      <form
        role="dialog"
        aria-modal="true"
        aria-labelledby="note-title"
        className="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          onSave(text.trim()).catch(setError);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onCancel();
        }}
      >
        <h2 id="note-title">Add a note</h2>
        <label htmlFor="note-text">{label}</label>
        <textarea
          id="note-text"
          ref={ref}
          required
          maxLength={2000}
          rows={4}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        {error !== null && <Failure error={error} what="Note not saved" />}
        <div className="actions">
          <button type="submit" disabled={!text.trim()}>
            Save note
          </button>
          <button type="button" className="secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}
