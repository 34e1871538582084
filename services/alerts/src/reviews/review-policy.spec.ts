import { checkTransition } from './review-policy';

describe('review lifecycle', () => {
  it('moves new -> in_review -> a decision, and lets a decision be escalated', () => {
    expect(checkTransition('start_review', 'new', 'analyst')).toEqual({ ok: true, to: 'in_review' });
    expect(checkTransition('confirm', 'in_review', 'analyst')).toEqual({ ok: true, to: 'confirmed' });
    expect(checkTransition('dismiss', 'in_review', 'admin')).toEqual({ ok: true, to: 'dismissed' });
    expect(checkTransition('escalate', 'dismissed', 'analyst')).toEqual({ ok: true, to: 'escalated' });
  });

  it('refuses steps that skip review, repeat a decision or undo one without an admin', () => {
    expect(checkTransition('confirm', 'new', 'analyst')).toMatchObject({ ok: false, reason: 'status' });
    expect(checkTransition('start_review', 'in_review', 'analyst')).toMatchObject({ ok: false, reason: 'status' });
    expect(checkTransition('escalate', 'escalated', 'admin')).toMatchObject({ ok: false, reason: 'status' });
    expect(checkTransition('reopen', 'confirmed', 'analyst')).toMatchObject({ ok: false, reason: 'role' });
    expect(checkTransition('reopen', 'escalated', 'admin')).toEqual({ ok: true, to: 'in_review' });
    expect(checkTransition('reopen', 'new', 'admin')).toMatchObject({ ok: false, reason: 'status' });
    expect(checkTransition('confirm', 'in_review', 'investigator')).toMatchObject({ ok: false, reason: 'role' });
  });
});
