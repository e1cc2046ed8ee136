// What the browser face's page and server agree on besides the channels: how a
// page proves its session, and where sessions and transfers live.

/** The WebSocket subprotocol of the contract's frames; the server selects it. */
export const WS_PROTOCOL = 'berth.v1';

/**
 * The page presents its session as a second subprotocol, `berth.session.<hex>`:
 * a browser cannot set headers on a WebSocket, and a cookie would be sent to
 * every server on the same host whatever its port.
 */
export const SESSION_PROTOCOL_PREFIX = 'berth.session.';

/** `POST` with `Authorization: Bearer <token>` opens a session; `GET` with `Authorization: Session <secret>` answers 204 or 401. */
export const SESSION_PATH = '/session';

export const SESSION_AUTH_SCHEME = 'Session';

/** `GET` (a download) or `PUT` (an upload) `/transfers/<id>`, once, for a ticket from `transfers.open`. */
export const TRANSFERS_PATH = '/transfers/';

/** Where the page keeps its session: localStorage is per origin, port included. */
export const SESSION_STORAGE_KEY = 'berth.session';

/** An upload's file name (percent-encoded), for kinds that keep it (`docker cp` in). */
export const UPLOAD_NAME_HEADER = 'x-berth-file-name';
