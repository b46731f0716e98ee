/* The self-check's worker: Python (Pyodide) and the check's engine, off the page's thread,
 * so that a hostile PDF can only stall this worker, which the page then ends.
 *
 * A module worker, started by workshop-selfcheck.js when the author picks a file.  Each
 * message is {config, pdf: ArrayBuffer, track, paper (an accepted paper's id, or null),
 * name (the file's)}; config (the page's data-selfcheck, with absolute addresses) names
 * the runtime's folder, the zips of Python to unpack into site-packages (each fetched with
 * its Subresource Integrity), the engine's entry point (workshop.engine.page.check) and
 * the rules' JSON as the build wrote it.  The entry is called as
 * check(pdf: bytes, rules_json: str, track_id: str, *, name, paper_id) -> str (the
 * record, JSON), with name and paper_id only where its signature takes them (an engine
 * without paper_id checks the file without the paper's facts).  The first message loads
 * all of it; later ones reuse it.  Replies: {type: "progress", step}, {type: "ready"},
 * {type: "result", result}, {type: "failed", stage, detail}.
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
  // The engine takes bytes; the page sends a Uint8Array (a JsProxy in Python).  Its module
  // is imported now (pypdf with it), so that the check's time limit is the check's alone.
  const call = pyodide.runPython(`
import importlib, inspect
importlib.invalidate_caches()
def _selfcheck(module, function, pdf, rules_json, track_id, paper_id, name):
    entry = getattr(importlib.import_module(module), function)
    takes = inspect.signature(entry).parameters
    extra = {"name": name} if "name" in takes else {}
    if paper_id is not None and "paper_id" in takes:
        extra["paper_id"] = paper_id
    return entry(pdf.to_bytes(), rules_json, track_id, **extra)
_selfcheck`);
  pyodide.pyimport(config.engine.module).destroy();
  // undefined, not null, becomes Python's None.
  return (pdf, track, paper, name) =>
    call(config.engine.module, config.engine.function, pdf, config.rules, track, paper || undefined, name);
}

/* An error in one line (a Python error's message is its whole traceback: its last line). */
function oneLine(error) {
  const lines = String(error && error.message || error).trim().split("\n");
  return lines[lines.length - 1];
}

self.onmessage = async (event) => {
  const {config, pdf, track, paper, name} = event.data;
  if (engine === null) {
    try {
      engine = await start(config);
    } catch (error) {
      console.error(error && error.message || error);
      postMessage({type: "failed", stage: "load", detail: oneLine(error)});
      return;
    }
  }
  postMessage({type: "ready"});
  let result;
  try {
    result = JSON.parse(engine(new Uint8Array(pdf), track, paper, name));
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
