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
