// Examples of request bodies too long to sit in their route definition (each route file stays under 250 lines).
// They are checked against their schemas by the OpenAPI lint (oas3-valid-media-example) in tests/openapi.test.ts.

/** POST /disruption-analyses */
export const disruptionAnalysisRequestExample = {
  incidentId: 7,
  description: 'Berichten kwamen vertraagd aan.',
  disruptionDate: '2027-01-15',
  desiredDeliveryDate: '2027-01-29',
  contactName: 'J. de Vries',
  contactEmail: 'planning@belastingdienst.example',
  contactPhone: '+31 70 123 45 67',
  questions: 'Welke berichten zijn geraakt?',
};

/** PUT /disruption-analyses/{id}/analysis */
export const disruptionAnalysisExample = {
  status: 'Opgelost',
  startedAt: '2027-01-15T09:00:00+01:00',
  resolvedAt: '2027-01-15T13:00:00+01:00',
  cause: 'Defecte loadbalancer',
  impact: { afnemer: { level: 'middel' }, logius: { level: 'laag' }, klanten: { level: 'middel' } },
  solutionIncidental: 'Loadbalancer vervangen',
  solutionStructural: 'Tweede loadbalancer',
  communication: { who: 'Afnemers', what: 'Storingsmelding', when: 'Direct', bottlenecks: '' },
  improvements: '',
};
