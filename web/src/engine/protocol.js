// The messages between the main thread (client.js) and the engine worker.
//
//   main -> worker   { id, method, args }        call a method of the service
//                    { cancel: id }              cancel a long call (load, train, evaluate, tune)
//   worker -> main   { id, result }              the answer
//                    { id, error: EngineFault }  the failure
//                    { id, progress }            progress of a long call (any number, before the answer)
//                    { event: 'ready', info }    once, after the module loaded
//                    { event: 'fatal', message } the module aborted; the worker is unusable
//
// An EngineFault is { kind, message, file?, line? } with kind one of:
export const FaultKind = Object.freeze({
  cancelled: 'cancelled',  // the caller cancelled
  input: 'input',          // bad data: a message with file and line when known
  memory: 'memory',        // the data set does not fit the tab
  engine: 'engine',        // anything else the engine refused (bad settings, no model yet, ...)
  crashed: 'crashed',      // the worker died; the client restarts it
});

// Methods whose work is long, reports progress and can be cancelled.
export const LONG_METHODS = new Set(['loadFiles', 'loadDemo', 'train', 'evaluate', 'tune']);

export class EngineFault extends Error {
  constructor({ kind, message, file, line }) {
    super(message);
    this.kind = kind;
    if (file !== undefined) this.file = file;
    if (line !== undefined) this.line = line;
  }
  toJSON() {
    return { kind: this.kind, message: this.message, file: this.file, line: this.line };
  }
}
