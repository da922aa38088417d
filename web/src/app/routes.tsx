import type { Role } from '@cd/shared';
import { lazy, type ReactNode } from 'react';
import { matchPath } from '../lib/router';

// Every page is its own chunk: the first load carries only the shell and the sign-in form.
const OverviewPage = lazy(() => import('./routes/overview-page'));
const UploadPage = lazy(() => import('./routes/upload-page'));
const WindowsPage = lazy(() => import('./routes/windows-page'));
const ConflictsPage = lazy(() => import('./routes/conflicts-page'));
const ConflictPage = lazy(() => import('./routes/conflict-page'));
const EscalationsPage = lazy(() => import('./routes/escalations-page'));
const ProfilePage = lazy(() => import('./routes/capacity-profile-page'));
const MaintenancePage = lazy(() => import('./routes/maintenance-page'));
const KlantraadPage = lazy(() => import('./routes/klantraad-page'));
const NotificationsPage = lazy(() => import('./routes/notifications-page'));
const IncidentsPage = lazy(() => import('./routes/incidents-page'));
const IncidentPage = lazy(() => import('./routes/incident-page'));
const RfcPage = lazy(() => import('./routes/rfc-page'));
const ChangesPage = lazy(() => import('./routes/changes-page'));
const NotFoundPage = lazy(() => import('./routes/not-found-page'));
const TokensPage = lazy(() => import('./routes/tokens-page'));
const ServiceRequestsPage = lazy(() => import('./routes/service-requests-page'));
const FraudPage = lazy(() => import('./routes/fraud-page'));
const AnalysesPage = lazy(() => import('./routes/analyses-page'));
const ContactsPage = lazy(() => import('./routes/contacts-page'));
const ServiceReportPage = lazy(() => import('./routes/service-report-page'));
const SubscriptionsPage = lazy(() => import('./routes/subscriptions-page'));
const SettingsPage = lazy(() => import('./routes/settings-page'));
const UsageTargetsPage = lazy(() => import('./routes/usage-targets-page'));
const SecurityIncidentsPage = lazy(() => import('./routes/security-incidents-page'));
const SecurityIncidentPage = lazy(() => import('./routes/security-incident-page'));
const AccuracyPage = lazy(() => import('./routes/accuracy-page'));

/** The page for a path, as the given role sees it. */
export function pageFor(pathname: string, role: Role): ReactNode {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return role === 'klantraad-manager' ? <KlantraadPage /> : role === 'fraudeteam' ? <FraudPage /> : <OverviewPage />;
  if (path === '/overzicht') return <OverviewPage />;
  if (path === '/aanleveren') return <UploadPage />;
  if (path === '/verzendmomenten') return <WindowsPage />;
  if (path === '/conflicten') return <ConflictsPage />;
  const conflict = matchPath('/conflicten/:id', path);
  if (conflict && /^\d+$/.test(conflict.id!)) return <ConflictPage id={Number(conflict.id)} />;
  if (path === '/escalaties') return <EscalationsPage />;
  if (path === '/capaciteitsprofiel') return <ProfilePage />;
  if (path === '/onderhoud') return <MaintenancePage />;
  if (path === '/klantraad') return <KlantraadPage />;
  if (path === '/meldingen') return <NotificationsPage />;
  if (path === '/incidenten') return <IncidentsPage />;
  const incident = matchPath('/incidenten/:id', path);
  if (incident && /^\d+$/.test(incident.id!)) return <IncidentPage id={Number(incident.id)} />;
  if (path === '/wijzigingen') return <ChangesPage />;
  const rfc = matchPath('/wijzigingen/:id', path);
  if (rfc && /^\d+$/.test(rfc.id!)) return <RfcPage id={Number(rfc.id)} />;
  if (path === '/api-tokens') return <TokensPage />;
  if (path === '/serviceverzoeken') return <ServiceRequestsPage />;
  if (path === '/fraude') return <FraudPage />;
  if (path === '/verstoringsanalyses') return <AnalysesPage />;
  if (path === '/contacten') return <ContactsPage />;
  if (path === '/rapportage') return <ServiceReportPage />;
  if (path === '/abonnementen') return <SubscriptionsPage />;
  if (path === '/instellingen') return <SettingsPage />;
  if (path === '/doelstellingen') return <UsageTargetsPage />;
  if (path === '/beveiligingsincidenten') return <SecurityIncidentsPage />;
  const securityIncident = matchPath('/beveiligingsincidenten/:id', path);
  if (securityIncident && /^\d+$/.test(securityIncident.id!)) return <SecurityIncidentPage id={Number(securityIncident.id)} />;
  if (path === '/betrouwbaarheid') return <AccuracyPage />;
  return <NotFoundPage />;
}
