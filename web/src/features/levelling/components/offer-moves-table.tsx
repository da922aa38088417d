import type { LevellingOffer } from '@cd/shared';
import { shiftWords } from '@cd/shared/plan-changes';
import type { ReactNode } from 'react';
import { useFormat } from '../../../lib/format';
import { useI18n, useT } from '../../../lib/i18n';
import { levellingMessages } from '../messages';

export type OfferMove = LevellingOffer['moves'][number];

/** Whether a move still waits for an answer: never answered, or its acceptance was undone. */
export function offerMoveIsOpen(m: OfferMove): boolean {
  return m.answer === null || m.answer.undone;
}

/**
 * The moves of levelled plans offered to an Afnemer, one row each: kenmerk, from, to, the shift in words, messages,
 * the answer so far (or that the window changed since the proposal), and a last cell that the caller fills with its
 * buttons. Used by the offers on /nivellering and by the conflict's case file.
 */
export function OfferMovesTable<Row extends { key: string; move: OfferMove }>({
  rows,
  testId,
  action,
}: {
  rows: Row[];
  testId: string;
  action: (row: Row) => ReactNode;
}) {
  const t = useT(levellingMessages);
  const f = useFormat();
  const { lang } = useI18n();
  const answerText = (m: OfferMove) => {
    if (m.answer) {
      const text = t(m.answer.answer === 'geaccepteerd' ? 'lv.accepted' : 'lv.declined', { by: m.answer.by, at: f.dateTime(m.answer.at) });
      return m.answer.undone ? `${text} ${t('lv.undone')}` : text;
    }
    return m.stale ? t('lv.stale', { period: f.period(m.current.start, m.current.end) }) : t('lv.open');
  };
  return (
    <table className="table" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">{t('lv.kenmerk')}</th>
          <th scope="col">{t('lv.fromCol')}</th>
          <th scope="col">{t('lv.toCol')}</th>
          <th scope="col">{t('lv.shift')}</th>
          <th scope="col">{t('lv.messages')}</th>
          <th scope="col">{t('lv.answer')}</th>
          <th scope="col">
            <span className="visually-hidden">{t('lv.answer')}</span>
          </th>
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
              <td>{answerText(m)}</td>
              <td>{action(row)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
