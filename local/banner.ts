import type { LocalSystem } from './system';

/** The one start-up message: where everything is, the admin token, and three commands to try. */
export function banner(system: LocalSystem, staffToken: string): string {
  const { baseUrl, endpoints, sesViewerUrl } = system;
  const storage = system.dataDirectory ? `persisted in ${system.dataDirectory}` : 'in memory (--memory)';
  const placement = JSON.stringify({
    client: { name: 'Dana Client', email: 'dana@client.example.com', company: 'Client Co', timezone: 'America/New_York' },
    candidate: { name: 'Vera Assistant', email: 'vera@ve.example.com', phone: '+15555550123' },
    interviewAt: system.clock.now().toISOString(),
  });
  return `
VE Certification — local system (no AWS account needed)
  Virtual clock     ${system.clock.now().toISOString()}

  API               ${baseUrl}
  Staff console     ${baseUrl}/console   sign in with the admin token ${staffToken}
  Emails (viewer)   ${sesViewerUrl}
  DocuSign sandbox  ${endpoints.sandbox.docusign}
  Billing sandbox   ${endpoints.sandbox.billing}
  DynamoDB          ${endpoints.dynamodb}   table ${system.tableName}, ${storage}
  Step Functions    ${endpoints.stepfunctions}
  Admin token       ${staffToken}   (STAFF_TOKEN)

Try:
  curl -s -X POST ${baseUrl}/placements -H 'Authorization: Bearer ${staffToken}' -H 'Content-Type: application/json' -d '${placement}'
  open ${baseUrl}/console    # the staff console: the board, a selection form, exams, cases
  open ${sesViewerUrl}        # the mailbox (xdg-open on Linux)
  curl -s -X POST ${baseUrl}/_local/clock -H 'Content-Type: application/json' -d '{"advanceBy":"P1D"}'

Control API: GET/POST ${baseUrl}/_local/clock, GET ${baseUrl}/_local/emails, GET ${baseUrl}/_local/endpoints
Ctrl-C stops everything.
`;
}
