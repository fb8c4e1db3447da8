// The messages between the main thread (client.js) and the engine worker.
//
//   main -> worker   { id, method, args }        call a method of the service
//                    { cancel: id }              cancel a long call (load, train, evaluate, compare, tune)
//   worker -> main   { id, result }              the answer
//                    { id, error: EngineFault }  the failure
//                    { id, progress }            progress of a long call (any number, before the answer);
//                                                { phase: 'waiting', behind } while it waits for another long call
//                    { event: 'ready', info }    once, after the module loaded
//                    { event: 'fatal', message } the module aborted; the worker is unusable
//
// An EngineFault is { kind, message, file?, line?, code?, params? }: code (when
// set) names the message in the UI's tables (fault.<code>) and params its
// values, so it can be shown in the visitor's language; hint (below) what
// could make it work; kind is one of:
export const FaultKind = Object.freeze({
  cancelled: 'cancelled', // the caller cancelled
  input: 'input', // bad data: a message with file and line when known
  memory: 'memory', // the data set does not fit the tab
  engine: 'engine', // anything else the engine refused (bad settings, no model yet, ...)
  crashed: 'crashed', // the worker died; the client restarts it
});

// Methods whose work is long, reports progress and can be cancelled.
export const LONG_METHODS = new Set(['loadFiles', 'loadDemo', 'train', 'evaluate', 'compare', 'importModel', 'tune']);

// and hint, when set, what could make it work: 'threshold' = the files were
// read but too little is left to train after the threshold; loading them
// again with a lower one (loadFiles' prepare option) would keep more.
export class EngineFault extends Error {
  constructor({ kind, message, file, line, code, params, hint }) {
    super(message);
    this.kind = kind;
    if (file !== undefined) this.file = file;
    if (line !== undefined) this.line = line;
    if (code !== undefined) this.code = code;
    if (params !== undefined) this.params = params;
    if (hint !== undefined) this.hint = hint;
  }
  toJSON() {
    return {
      kind: this.kind,
      message: this.message,
      file: this.file,
      line: this.line,
      code: this.code,
      params: this.params,
      hint: this.hint,
    };
  }
}
