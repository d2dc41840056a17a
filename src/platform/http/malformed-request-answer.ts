import type { Server } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { statusForCode } from '../errors/error-status';
import { PROBLEM_CONTENT_TYPE, titleForStatus, typeForCode } from '../errors/problem-details';

/**
 * Requests Node's HTTP parser refuses before the application sees them (headers over its size
 * limit, a malformed request line) are answered as problem+json too, instead of Node's bare status
 * line. The connection is closed after the answer: the parser cannot tell where the next request starts.
 */
export function answerMalformedRequests(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    socket.end(malformedRequestAnswer(error.code === 'HPE_HEADER_OVERFLOW'));
  });
}

export function malformedRequestAnswer(headersTooLarge: boolean): string {
  const code = headersTooLarge ? 'REQUEST.HEADERS_TOO_LARGE' : 'REQUEST.BAD_REQUEST';
  const status = statusForCode(code);
  const body = JSON.stringify({
    type: typeForCode(code),
    title: titleForStatus(status),
    status,
    code,
    detail: headersTooLarge
      ? 'The request headers are larger than the server accepts'
      : 'The request could not be parsed as HTTP',
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
