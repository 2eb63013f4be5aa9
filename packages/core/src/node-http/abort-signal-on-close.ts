import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * An AbortSignal that fires when the HTTP client goes away before the response has finished
 * (the socket closes, or the request is aborted). Adapters bind it to every routed call made for
 * the request, so a closed browser tab stops the upstream model call at once.
 */
export function abortSignalOnClose(
  request: IncomingMessage,
  response: ServerResponse,
): AbortSignal {
  const controller = new AbortController();
  const onClose = () => {
    if (!response.writableFinished) {
      controller.abort(new DOMException('The HTTP client closed the connection.', 'AbortError'));
    }
  };
  response.once('close', onClose);
  request.once('aborted', onClose);
  return controller.signal;
}
