// Watermarks for byte streams, shared by the producer (Node) and the consumer
// (renderer). As in VS Code's terminal: the consumer acks each frame's bytes
// once it has processed them, and the producer pauses above HIGH_WATERMARK
// unacknowledged bytes and resumes below LOW_WATERMARK. A consumer that gathers
// acks before sending them must send at most LOW_WATERMARK bytes' worth at a
// time, or a paused stream could never get enough acks to resume.
export const HIGH_WATERMARK = 100_000;
export const LOW_WATERMARK = 5_000;
/** Chunks arriving within this window travel as one frame. */
export const BATCH_MS = 5;
/** A batch is sent at once when it reaches this size. */
export const MAX_BATCH_BYTES = 64 * 1024;

/**
 * The most one input message carries (text counts its UTF-8 bytes); a bigger
 * paste is sent in pieces, so no single message holds up the connection.
 */
export const MAX_INPUT_BYTES = 64 * 1024;
/**
 * Input accepted but not yet taken by the program (a shell busy with other
 * work). Past this, more input is refused rather than held without bound.
 */
export const MAX_PENDING_INPUT_BYTES = 1024 * 1024;
/** A terminal's columns and rows are each 1..MAX_TERMINAL_CELLS. */
export const MAX_TERMINAL_CELLS = 1000;
