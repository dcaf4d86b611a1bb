/**
 * A followed request: its live timeline (each report with its status number and time; statuses
 * the reference does not name are shown by number, described by what they carry), the result
 * when it comes (face similarity and overall score as percentages, liveness, whether the document
 * is the one requested, the document's data, device, access IP and place), and the certificate.
 * Loaded after the first send or when a request is followed, with its styles.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import {
  CERTIFICATE_STATUS,
  type RemoteVerificationEvent,
  type RemoteVerificationTimeline,
  type YesNo,
} from '../../core/remote-verification-contract.js';
import type { FollowConnection } from './follow-controller.js';
import type { RemoteStrings } from './strings/types.js';

export interface FollowView {
  strings: RemoteStrings;
  timeline: RemoteVerificationTimeline;
  connection: FollowConnection;
  /** The certificate's object URL once fetched; `undefined` while it is being fetched. */
  certificateUrl: string | undefined;
  /** The first page's canvas, drawn by the lazily loaded preview. */
  preview: HTMLCanvasElement | undefined;
  onNewRequest(): void;
}

/** What a report is about, when its status number has no name: read from what it carries. */
function kindOf(strings: RemoteStrings, event: RemoteVerificationEvent): string {
  const kinds = strings.follow.kinds;
  if (event.status === CERTIFICATE_STATUS) return kinds.certificate;
  if (event.result) return kinds.result;
  if (event.documentFront || event.documentBack) return kinds.document;
  if (event.access) return kinds.opened;
  return kinds.update;
}

function renderTimeline(strings: RemoteStrings, events: RemoteVerificationEvent[]): TemplateResult {
  const time = new Intl.DateTimeFormat(strings.locale, { dateStyle: 'short', timeStyle: 'medium' });
  return html`<h3>${strings.follow.timeline}</h3>
    <ol part="timeline">
      ${events.map(
        (event) =>
          html`<li part="timeline-item" data-status=${event.status}>
            <span part="timeline-kind">${kindOf(strings, event)}</span>
            <span part="timeline-status">${strings.follow.status(event.status)}</span>
            <time part="timeline-time" datetime=${event.receivedAt}>${time.format(new Date(event.receivedAt))}</time>
          </li>`,
      )}
    </ol>`;
}

function renderResult(strings: RemoteStrings, event: RemoteVerificationEvent): TemplateResult {
  const r = strings.result;
  const result = event.result!;
  const percent = new Intl.NumberFormat(strings.locale, { style: 'percent', maximumFractionDigits: 1 });
  const number = new Intl.NumberFormat(strings.locale, { maximumFractionDigits: 5 });
  const yesNo = (value: YesNo) => (value === true ? r.yes : value === false ? r.no : r.unknown);
  const rows: [string, string | undefined, string?][] = [
    [r.faceSimilarity, result.faceSimilarity === undefined ? undefined : percent.format(result.faceSimilarity / 100), 'face-similarity'],
    [r.score, result.score === undefined ? undefined : percent.format(result.score / 100), 'score'],
    [r.liveness, yesNo(result.liveness), 'liveness'],
    [r.samePerson, yesNo(result.samePerson)],
    [r.documentMatches, result.requestedDocument ? yesNo(result.requestedDocumentMatches) : r.notRequested, 'document-matches'],
  ];
  const document = result.document;
  const documentRows: [string, string | undefined][] = document
    ? [
        [r.documentNumber, document.number],
        [r.name, document.name],
        [r.birthDate, document.birthDate],
        [r.nationality, document.nationality],
        [r.expires, document.expires],
        [r.expired, document.expired === undefined ? undefined : yesNo(document.expired)],
      ]
    : [];
  const device = event.device
    ? [event.device.browser, event.device.system, event.device.resolution].filter(Boolean).join(' · ')
    : result.device;
  const position = event.position;
  const place =
    position?.address ??
    (position?.latitude !== undefined && position.longitude !== undefined
      ? r.coordinates(number.format(position.latitude), number.format(position.longitude))
      : undefined);
  const list = (items: [string, string | undefined, string?][]) =>
    html`<dl>
      ${items
        .filter(([, value]) => value !== undefined && value !== '')
        .map(
          ([label, value, name]) =>
            html`<div data-field=${name ?? nothing}>
              <dt>${label}</dt>
              <dd dir="auto">${value}</dd>
            </div>`,
        )}
    </dl>`;
  return html`<section part="result" aria-labelledby="result-heading">
    <h3 id="result-heading">${r.heading}</h3>
    ${list(rows)}
    ${
      documentRows.length
        ? html`<h4>${r.document}</h4>
            ${list(documentRows)}`
        : nothing
    }
    ${list([
      [r.device, device],
      [r.access, event.access?.ip],
      [r.place, place],
    ])}
  </section>`;
}

export function renderFollow(view: FollowView): TemplateResult {
  const { strings, timeline } = view;
  const s = strings.follow;
  const latestResult = [...timeline.events].reverse().find((event) => event.result);
  // The device and place come with earlier reports too: the latest that has them.
  const withAccess = [...timeline.events].reverse().find((event) => event.access || event.device || event.position);
  const resultEvent = latestResult ? { ...withAccess, ...latestResult, access: latestResult.access ?? withAccess?.access } : undefined;
  const connectionLine =
    view.connection === 'reconnecting' ? s.reconnecting : view.connection === 'live' ? (timeline.events.length ? s.live : s.waiting) : '';
  return html`
    <h2 part="heading" tabindex="-1">${s.heading(timeline.id)}</h2>
    <p part="summary">${s.sentTo(timeline.phone)} ${timeline.scheduledFor ? s.scheduledFor(timeline.scheduledFor) : nothing}</p>
    <p part="connection" role="status" data-connection=${view.connection}>${connectionLine}</p>
    ${timeline.events.length ? renderTimeline(strings, timeline.events) : nothing}
    ${resultEvent ? renderResult(strings, resultEvent as RemoteVerificationEvent) : nothing}
    ${
      timeline.certificateReady
        ? html`<section part="certificate" aria-labelledby="certificate-heading">
            <h3 id="certificate-heading">${strings.certificate.heading}</h3>
            ${
              view.certificateUrl
                ? html`<a part="download" href=${view.certificateUrl} download=${`certificate-${timeline.id}.pdf`}
                    >${strings.certificate.download}</a
                  >`
                : html`<p role="status">${strings.certificate.preparing}</p>`
            }
            ${
              view.preview
                ? html`<figure part="preview">
                    <figcaption>${strings.certificate.preview}</figcaption>
                    ${view.preview}
                  </figure>`
                : nothing
            }
          </section>`
        : nothing
    }
    <div class="actions">
      <button part="button" type="button" @click=${view.onNewRequest}>${s.newRequest}</button>
    </div>
  `;
}

export const styles = css`
  [part='timeline'] {
    margin: 0;
    padding: 0;
    list-style: none;
    display: grid;
    gap: calc(var(--_space) / 3);
  }
  [part='timeline-item'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.75rem;
    align-items: baseline;
    padding-block: 0.35rem;
    padding-inline-start: 0.75rem;
    border-inline-start: 3px solid var(--_color-primary);
  }
  [part='timeline-item'][data-status='${CERTIFICATE_STATUS}'] {
    border-color: var(--_color-success);
  }
  [part='timeline-kind'] {
    font-weight: 600;
  }
  [part='timeline-status'],
  [part='timeline-time'],
  [part='connection'],
  [part='summary'] {
    color: var(--_color-muted);
    font-size: 0.9em;
    margin: 0;
  }
  h3,
  h4 {
    margin: 0;
    font-size: 1rem;
  }
  dl {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
    gap: 0.25rem 1rem;
    margin: 0;
  }
  dt {
    color: var(--_color-muted);
    font-size: 0.85em;
  }
  dd {
    margin: 0;
    font-weight: 600;
  }
  [part='result'],
  [part='certificate'] {
    display: grid;
    gap: calc(var(--_space) / 2);
  }
  [part='preview'] {
    margin: 0;
    display: grid;
    gap: 0.25rem;
    justify-items: start;
  }
  [part='preview'] canvas {
    max-inline-size: 100%;
    border: 1px solid var(--_color-border);
    border-radius: calc(var(--_radius) / 2);
  }
  figcaption {
    color: var(--_color-muted);
    font-size: 0.85em;
  }
`;

export { RemoteFollowController } from './follow-controller.js';
