import type { Server } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { statusForCode } from '../errors/error-status';
import { PROBLEM_CONTENT_TYPE, titleForStatus, typeForCode } from '../errors/problem-details';

/**
 * Requests Node's HTTP server refuses before the application sees them (headers over its size
 * limit, a malformed request line, a request that did not arrive in time) are answered as
 * problem+json too, instead of Node's bare status line. The connection is closed after the answer:
 * the parser cannot tell where the next request starts.
 */
export function answerMalformedRequests(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    socket.end(malformedRequestAnswer(refusalOf(error.code)));
  });
}

/** Why the HTTP server refused a request before routing it. */
export type ServerRefusal = 'headers_too_large' | 'too_slow' | 'unparsable';

function refusalOf(errorCode: string | undefined): ServerRefusal {
  if (errorCode === 'HPE_HEADER_OVERFLOW') return 'headers_too_large';
  // The request (headers, or headers and body) did not arrive within the server's time limits.
  if (errorCode === 'ERR_HTTP_REQUEST_TIMEOUT' || errorCode === 'HPE_HEADERS_TIMEOUT') return 'too_slow';
  return 'unparsable';
}

const ANSWERS: Readonly<Record<ServerRefusal, { code: string; detail: string }>> = {
  headers_too_large: {
    code: 'REQUEST.HEADERS_TOO_LARGE',
    detail: 'The request headers are larger than the server accepts',
  },
  too_slow: {
    code: 'REQUEST.RECEIVE_TIMEOUT',
    detail: 'The request did not arrive completely in the time the server allows',
  },
  unparsable: { code: 'REQUEST.BAD_REQUEST', detail: 'The request could not be parsed as HTTP' },
};

export function malformedRequestAnswer(refusal: ServerRefusal): string {
  const { code, detail } = ANSWERS[refusal];
  const status = statusForCode(code);
  const body = JSON.stringify({
    type: typeForCode(code),
    title: titleForStatus(status),
    status,
    code,
    detail,
  });
  return [
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
    `Content-Type: ${PROBLEM_CONTENT_TYPE}`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}
