import type { LevellingAnswerJson, LevellingOffer, LevellingProposalJson } from '@cd/shared';
import { shiftWords } from '@cd/shared/plan-changes';
import type { ReactNode } from 'react';
import { useFormat } from '../../../lib/format';
import { useI18n, useT } from '../../../lib/i18n';
import { levellingMessages } from '../messages';

export type OfferMove = LevellingOffer['moves'][number];

/** A move of a levelling proposal with its answer so far; an offered move also knows whether its window changed since. */
export type MoveWithAnswer = LevellingProposalJson['moves'][number] & {
  answer: LevellingAnswerJson | null;
  stale?: boolean;
  current?: OfferMove['current'];
};

/** Whether a move still waits for an answer: never answered, or its acceptance was undone. */
export function offerMoveIsOpen(m: OfferMove): boolean {
  return m.answer === null || m.answer.undone;
}

/**
 * The moves of a levelling proposal, one row each: kenmerk, from, to, the shift in words, messages and the answer so
 * far (or that the window changed since the proposal), with a caption and a last cell that the caller fills with its
 * buttons where it passes them. Used by the proposal on /nivellering (per Afnemer, no buttons), the offers there and
 * the conflict's case file.
 */
export function LevellingMovesTable<Row extends { key: string; move: MoveWithAnswer }>({
  rows,
  testId,
  caption,
  action,
}: {
  rows: Row[];
  testId: string;
  caption?: ReactNode;
  action?: (row: Row) => ReactNode;
}) {
  const t = useT(levellingMessages);
  const f = useFormat();
  const { lang } = useI18n();
  const answerText = (m: MoveWithAnswer) => {
    if (m.answer) {
      const text = t(m.answer.answer === 'geaccepteerd' ? 'lv.accepted' : 'lv.declined', { by: m.answer.by, at: f.dateTime(m.answer.at) });
      return m.answer.undone ? `${text} ${t('lv.undone')}` : text;
    }
    return m.stale && m.current ? t('lv.stale', { period: f.period(m.current.start, m.current.end) }) : t('lv.open');
  };
  return (
    <table className="table" data-testid={testId}>
      {caption !== undefined && <caption>{caption}</caption>}
      <thead>
        <tr>
          <th scope="col">{t('lv.kenmerk')}</th>
          <th scope="col">{t('lv.fromCol')}</th>
          <th scope="col">{t('lv.toCol')}</th>
          <th scope="col">{t('lv.shift')}</th>
          <th scope="col">{t('lv.messages')}</th>
          <th scope="col">{t('lv.answer')}</th>
          {action && (
            <th scope="col">
              <span className="visually-hidden">{t('lv.answer')}</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const m = row.move;
          return (
            <tr key={row.key}>
              <td className="kenmerk">{m.kenmerk}</td>
              <td>{f.period(m.from.start, m.from.end)}</td>
              <td>{f.period(m.to.start, m.to.end)}</td>
              <td>{shiftWords(Date.parse(m.from.start), Date.parse(m.to.start), lang)}</td>
              <td>{f.number(m.volume)}</td>
              <td data-testid="lv-answer">{answerText(m)}</td>
              {action && <td>{action(row)}</td>}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
