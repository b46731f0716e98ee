/* The self-check's worker: Python (Pyodide) and the check's engine, off the page's thread,
 * so that a hostile PDF can only stall this worker, which the page then ends.
 *
 * A module worker, started by workshop-selfcheck.js when the author picks a file.  Each
 * message is {config, pdf: ArrayBuffer, track}; config (the page's data-selfcheck, with
 * absolute addresses) names the runtime's folder, the zips of Python to unpack into
 * site-packages (each fetched with its Subresource Integrity) and the engine's entry
 * point, check(pdf: bytes, rules_json: str, track_id: str) -> str (JSON).  The first
 * message loads all of it; later ones reuse it.  Replies: {type: "progress", step},
 * {type: "ready"}, {type: "result", result}, {type: "failed", stage, detail}.
 *
 * Every address is the site's own: the runtime loads no package (its lock file lists none)
 * and this file fetches nothing else, so the PDF never leaves the author's machine.
 */
let engine = null;

async function start(config) {
  postMessage({type: "progress", step: "runtime"});
  const {loadPyodide} = await import(config.runtime + "pyodide.mjs");
  const pyodide = await loadPyodide({
    indexURL: config.runtime,
    packageBaseUrl: config.runtime, // never the CDN the loader defaults to
    stdout: (line) => console.debug(line),
    stderr: (line) => console.debug(line),
  });
  postMessage({type: "progress", step: "python"});
  const site = pyodide.runPython("import site; site.getsitepackages()[0]");
  for (const archive of config.python) {
    const answer = await fetch(archive.url, {integrity: archive.integrity});
    if (!answer.ok) {
      throw new Error(`${archive.url}: HTTP ${answer.status}`);
    }
    pyodide.unpackArchive(await answer.arrayBuffer(), "zip", {extractDir: site});
  }
  // The engine takes bytes; the page sends a Uint8Array (a JsProxy in Python).
  const call = pyodide.runPython(`
import importlib
importlib.invalidate_caches()
def _selfcheck(module, function, pdf, rules_json, track_id):
    entry = getattr(importlib.import_module(module), function)
    return entry(pdf.to_bytes(), rules_json, track_id)
_selfcheck`);
  return (pdf, rules, track) => call(config.engine.module, config.engine.function, pdf, rules, track);
}

self.onmessage = async (event) => {
  const {config, pdf, track} = event.data;
  if (engine === null) {
    try {
      engine = await start(config);
    } catch (error) {
      postMessage({type: "failed", stage: "load", detail: String(error && error.message || error)});
      return;
    }
  }
  postMessage({type: "ready"});
  let result;
  try {
    result = JSON.parse(engine(new Uint8Array(pdf), JSON.stringify(config.rules), track));
  } catch (error) {
    // A Python exception (or an answer that is no JSON) is a bug of the engine, not a bad
    // file (the engine says those in its result): the page says so without the traceback,
    // the console keeps it.
    console.error(error && error.message || error);
    postMessage({type: "failed", stage: "check", detail: ""});
    return;
  }
  postMessage({type: "result", result: result});
};
