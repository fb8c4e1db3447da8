// Drives the engine service the way the worker does, collecting messages:
// call(method, args) resolves with the result or rejects with the fault.
import { createEngineService } from '../../../web/src/engine/engine-service.js';
import { EngineFault } from '../../../web/src/engine/protocol.js';

// onService(service) sees the service itself (its cancelSlots); nextId() is
// the id the next call will get.
export function serviceFor(module, { onService } = {}) {
  const waiting = new Map();
  let nextId = 1;
  const service = createEngineService({
    module,
    info: { variant: 'test' },
    post(message) {
      const call = waiting.get(message.id);
      if (!call) return;
      if (message.progress !== undefined) call.progress.push(message.progress);
      else {
        waiting.delete(message.id);
        if (message.error) call.reject(new EngineFault(message.error));
        else call.resolve(message.result);
      }
    },
  });
  onService?.(service);
  return {
    nextId: () => nextId,
    call(method, args) {
      const id = nextId++;
      const progress = [];
      const promise = new Promise((resolve, reject) => waiting.set(id, { resolve, reject, progress }));
      service.handle({ id, method, args });
      return Object.assign(promise, { id, progress, cancel: () => service.handle({ cancel: id }) });
    },
  };
}
