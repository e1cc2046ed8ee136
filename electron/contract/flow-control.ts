// Watermarks for byte streams, shared by the producer (Node) and the consumer
// (renderer). As in VS Code's terminal: the consumer acks every ACK_BYTES after
// it has processed them, and the producer pauses above HIGH_WATERMARK
// unacknowledged bytes and resumes below LOW_WATERMARK. ACK_BYTES must not
// exceed LOW_WATERMARK, or a paused stream could never get enough acks to resume.
export const HIGH_WATERMARK = 100_000;
export const LOW_WATERMARK = 5_000;
export const ACK_BYTES = 5_000;
/** Chunks arriving within this window travel as one frame. */
export const BATCH_MS = 5;
/** A batch is sent at once when it reaches this size. */
export const MAX_BATCH_BYTES = 64 * 1024;
