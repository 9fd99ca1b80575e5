/**
 * The EXAMPLES section that ends each help page. @effect/cli has no place for examples in a
 * command, and a description that is more than one paragraph shows as nothing in the root's
 * list of commands, so they go in the app's footer, chosen for the command whose help is asked.
 */
import * as HelpDoc from '@effect/cli/HelpDoc';

type Example = readonly [commandLine: string, what: string];

const EXAMPLES: Readonly<Record<string, ReadonlyArray<Example>>> = {
  rollcall: [
    ['rollcall export --format csv,json', 'snapshot TransactionLink (token from TRANSACTIONLINK_TOKEN)'],
    ['rollcall verify rollcall-snapshots/transactionlink-20260105T090000Z', 'check a snapshot against its manifest'],
    ['rollcall export --help', 'the flags of one command'],
  ],
  export: [
    ['rollcall export --format csv,json --out /srv/audit/2026-q1', 'TransactionLink, CSV and JSON, into a new folder'],
    ['rollcall export --source gitbook --token-file /etc/rollcall/gitbook.token', 'GitBook members and invite links'],
    [
      'rollcall export --page-size 500 --concurrency 4 --quiet',
      'bigger pages, at most 4 requests in flight, errors only',
    ],
  ],
  verify: [
    [
      'rollcall verify rollcall-snapshots/transactionlink-20260105T090000Z',
      'exit 0 if every file matches the manifest',
    ],
    ['rollcall verify "$dir" --public-key signing.pub.pem', 'also require and check the signature'],
  ],
  diff: [
    ['rollcall diff old-snapshot new-snapshot', 'the changes as tables'],
    ['rollcall diff old-snapshot new-snapshot --json > changes.json', 'the changes as JSON'],
  ],
  review: [
    [
      'rollcall review rollcall-snapshots/transactionlink-20260105T090000Z rollcall-snapshots/gitbook-20260105T090000Z',
      'findings over both systems: report.html, findings.json, worksheet.csv',
    ],
    [
      'rollcall review old-snapshot new-snapshot --idle-days 60 --format json',
      'privileged accounts over time, JSON only',
    ],
  ],
  sandbox: [
    ['rollcall sandbox --users 500', 'serve 500 seeded users; run the export lines it prints in another shell'],
    ['rollcall sandbox --port 8080 --seed demo', 'a fixed port and data set'],
  ],
  keygen: [['rollcall keygen --out /etc/rollcall/signing', 'writes signing.key.pem (0600) and signing.pub.pem']],
};

/** The EXAMPLES section for `command` (a subcommand's name, or `rollcall`); empty if it has none. */
export const examplesFor = (command: string): HelpDoc.HelpDoc => {
  const examples = EXAMPLES[command];
  if (examples === undefined) return HelpDoc.empty;
  return examples.reduce(
    (doc, [commandLine, what]) => HelpDoc.sequence(doc, HelpDoc.p(`$ ${commandLine}    # ${what}`)),
    HelpDoc.h1('EXAMPLES'),
  );
};
