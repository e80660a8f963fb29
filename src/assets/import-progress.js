// Updates the import progress page without reloading it; shows the summary when the import ends.
const box = document.getElementById('import-progress');
const bar = document.getElementById('import-progress-bar');
const label = document.getElementById('import-progress-text');
const phases = { reading: 'Reading the file', parsing: 'Reading rows', saving: 'Saving and finding changes', done: 'Finished', failed: 'Failed' };

async function poll() {
  try {
    const res = await fetch(box.dataset.progressUrl, { headers: { accept: 'application/json' } });
    if (res.ok) {
      const p = await res.json();
      bar.value = p.percent;
      label.textContent = `${phases[p.phase] ?? 'Importing'}: ${p.percent}%`;
      if (p.status !== 'running') {
        window.location.reload();
        return;
      }
    }
  } catch {
    // try again shortly
  }
  setTimeout(poll, 1000);
}

if (box) poll();
