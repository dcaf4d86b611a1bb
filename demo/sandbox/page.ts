/**
 * `/__sandbox/`: the fault switches of every emulator on one page, for trying how a host and its
 * pages meet an outage, a slow service or a dropped connection. It calls the emulators' own
 * control paths (the JSON API, loopback only): `PUT /__emulator/faults`, and `POST …/faults` under
 * `/ra/__ra/`, `/dipar/__dipar/`, `/video-id/__video-id/`, each `{ "rules": [...] }`.
 */
export const SANDBOX_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>emzano-elements sandbox</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; color: #1d2433; }
  fieldset { border: 1px solid #c9d1e0; border-radius: 8px; margin: 0 0 1rem; padding: 0.75rem 1rem; }
  legend { font-weight: 600; }
  button, select { font: inherit; margin: 0.25rem 0.5rem 0.25rem 0; padding: 0.3rem 0.7rem; }
  output { display: block; font: 13px/1.4 ui-monospace, monospace; white-space: pre-wrap; color: #3b4a66; }
</style>
</head>
<body>
<h1>Sandbox fault switches</h1>
<p>Each switch applies to the next calls of that service. <a href="/.well-known/emzano-sandbox">The sandbox's settings (JSON)</a>.</p>
<div id="services"></div>
<script type="module">
  const SERVICES = [
    { name: 'Emzano (KYC, DSS, tokens, CLM)', faults: ['PUT', '/__emulator/faults'], reset: ['POST', '/__emulator/reset'] },
    { name: "The CA's RA gateway", faults: ['POST', '/ra/__ra/faults'], reset: ['POST', '/ra/__ra/reset'] },
    { name: 'Dipar broker', faults: ['POST', '/dipar/__dipar/faults'], reset: ['POST', '/dipar/__dipar/reset'] },
    { name: 'Video identity verification', faults: ['POST', '/video-id/__video-id/faults'], reset: ['POST', '/video-id/__video-id/reset'] },
  ];
  const FAULTS = {
    'An outage, once (500)': [{ kind: 'error', status: 500, times: 1 }],
    'An outage until cleared (503)': [{ kind: 'error', status: 503 }],
    'Slow: 3 s per call': [{ kind: 'latency', ms: 3000 }],
    'The connection drops, once': [{ kind: 'drop', times: 1 }],
    'No fault': [],
  };
  const root = document.getElementById('services');
  for (const service of SERVICES) {
    const box = document.createElement('fieldset');
    const legend = document.createElement('legend');
    legend.textContent = service.name;
    const select = document.createElement('select');
    select.setAttribute('aria-label', service.name + ': fault');
    for (const label of Object.keys(FAULTS)) select.append(new Option(label, label));
    const apply = document.createElement('button');
    apply.textContent = 'Apply';
    const reset = document.createElement('button');
    reset.textContent = 'Reset the service';
    const out = document.createElement('output');
    const call = async ([method, path], body) => {
      const response = await fetch(path, { method, headers: { 'Content-Type': 'application/json' }, body: body && JSON.stringify(body) });
      out.textContent = response.status + ' ' + (await response.text());
    };
    apply.addEventListener('click', () => call(service.faults, { rules: FAULTS[select.value] }));
    reset.addEventListener('click', () => call(service.reset));
    box.append(legend, select, apply, reset, out);
    root.append(box);
  }
</script>
</body>
</html>
`;
