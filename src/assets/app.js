// Starts GOV.UK Frontend's components. Kept in a file so the CSP needs no inline script.
import { initAll } from '/public/govuk-frontend.min.js';
import './drafts.js';
import './session-timeout.js';

initAll();

// Audit forms save as you go: a change is posted in the background (the "Save draft" button does
// the same without JavaScript). The status line is announced to screen readers.
for (const form of document.querySelectorAll('form[data-autosave]')) {
  const status = form.querySelector('[data-autosave-status]');
  let timer = null;
  const save = async () => {
    const body = new URLSearchParams(new FormData(form));
    body.set('intent', 'autosave');
    try {
      const response = await fetch(form.action, { method: 'POST', body, headers: { 'x-autosave': '1' }, credentials: 'same-origin' });
      if (response.ok) document.dispatchEvent(new window.Event('app:request')); // the session was used
      if (status) status.textContent = response.ok ? `Saved at ${new Date().toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}` : 'Not saved: check your answers, then press Save draft';
    } catch {
      if (status) status.textContent = 'Not saved: you may be offline. Press Save draft when you are back online';
    }
  };
  form.addEventListener('change', () => {
    clearTimeout(timer);
    timer = setTimeout(save, 800);
  });
}
