// Runs engine jobs in Web Workers (worker.js). `live` is one long-lived worker for the quick
// analyses after every edit, where only the newest request matters; `start` gives a long
// job (check, impact) a worker of its own, which cancel() terminates at once (a running
// WebAssembly call cannot be interrupted any other way without shared memory).

const workerUrl = new URL("./worker.js", import.meta.url);
let nextId = 0;

/** One job in its own worker: { promise, cancel() }; onProgress gets the progress messages. */
export function start(message, onProgress = () => {}) {
  const worker = new Worker(workerUrl, { type: "module" });
  const id = ++nextId;
  let cancel;
  const promise = new Promise((resolve, reject) => {
    cancel = () => { worker.terminate(); reject(Object.assign(new Error("cancelled"), { cancelled: true })); };
    worker.onmessage = ({ data }) => {
      if (data.id !== id) return;
      if (data.progress) { onProgress(data.progress); return; }
      worker.terminate();
      if (data.error) reject(Object.assign(new Error(data.error.message), data.error));
      else resolve(data.result);
    };
    worker.onerror = (e) => { worker.terminate(); reject(new Error(e.message || "the worker failed")); };
    worker.postMessage({ ...message, id });
  });
  return { promise, cancel };
}

/** A long-lived worker for the analyses after every edit. `latest(message)` sends at most
 *  one request at a time: while one runs, only the newest waits (the ones it replaces
 *  resolve to null), so typing fast never queues up stale work. */
export function liveWorker() {
  const worker = new Worker(workerUrl, { type: "module" });
  let running = null; // { id, resolve }
  let pending = null; // { message, resolve }
  const send = (message, resolve) => {
    running = { id: ++nextId, resolve };
    worker.postMessage({ ...message, id: running.id });
  };
  worker.onmessage = ({ data }) => {
    if (!running || data.id !== running.id || data.progress) return;
    const done = running.resolve;
    running = null;
    if (pending) {
      done(null);
      const next = pending;
      pending = null;
      send(next.message, next.resolve);
    } else done(data);
  };
  return {
    latest(message) {
      return new Promise((resolve) => {
        if (!running) send(message, resolve);
        else {
          pending?.resolve(null);
          pending = { message, resolve };
        }
      });
    },
  };
}
