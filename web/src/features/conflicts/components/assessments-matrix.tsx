import { useAfnemerName } from '../../../lib/afnemer-names';
import { useFormat } from '../../../lib/format';
import { useT } from '../../../lib/i18n';
import { ASPECTS, type AssessmentJson, type Level } from '../types';
import { ASPECT_LABEL, LEVEL_LABEL } from './labels';
import { ScrollRegion } from '../../../components/scroll-region';

/** The Afnemers' assessments side by side: one column per Afnemer, one row per aspect, then the motivation. */
export function AssessmentsMatrix({ assessments, afnemers, caption }: { assessments: AssessmentJson[]; afnemers: string[]; caption: string }) {
  const t = useT();
  const f = useFormat();
  const name = useAfnemerName();
  const byAfnemer = new Map(assessments.map((a) => [a.afnemer, a]));
  const level = (l: Level) => <span className={`level level--${l}`}>{t(LEVEL_LABEL[l])}</span>;
  return (
    <ScrollRegion label={caption}>
      <table className="table assessments">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('assessment.aspect')}</th>
            {afnemers.map((oin) => (
              <th key={oin} scope="col">
                {name(oin)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ASPECTS.map((aspect) => (
            <tr key={aspect}>
              <th scope="row">{t(ASPECT_LABEL[aspect])}</th>
              {afnemers.map((oin) => {
                const a = byAfnemer.get(oin)?.aspects[aspect];
                return (
                  <td key={oin}>
                    {a ? (
                      <>
                        {t('assessment.urgency')}: {level(a.urgency)}
                        <br />
                        {t('assessment.impact')}: {level(a.impact)}
                      </>
                    ) : (
                      <span className="muted">{t('assessment.missing')}</span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
          <tr>
            <th scope="row">{t('assessment.motivation')}</th>
            {afnemers.map((oin) => {
              const a = byAfnemer.get(oin);
              return (
                <td key={oin} className="motivation">
                  {a ? (
                    <>
                      <p>{a.motivation}</p>
                      <p className="cell-sub">
                        {a.by}, {f.dateTimeShort(a.at)}
                      </p>
                    </>
                  ) : (
                    <span className="muted">{t('assessment.missing')}</span>
                  )}
                </td>
              );
            })}
          </tr>
        </tbody>
      </table>
    </ScrollRegion>
  );
}
