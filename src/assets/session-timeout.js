// The time-out warning (WCAG 2.2.1), after the HMRC/GOV.UK pattern. Two minutes before the idle
// time-out a modal dialog opens with focus on "Stay signed in" (role=alertdialog, so it is
// announced); staying posts to /session/keep-alive. At the time-out the tab signs out and goes to
// the sign-in page, which returns here; drafts.js keeps what was typed. Tabs share the time of the
// last request (localStorage), so work in one tab keeps the others from warning.
import { clearDrafts, keepDrafts } from './drafts.js';

const dialog = document.getElementById('app-timeout-dialog');
const ACTIVITY_KEY = 'eyhub-session-activity';

if (dialog && typeof dialog.showModal === 'function') {
  const idleMs = Number(dialog.dataset.idleMinutes) * 60_000;
  const warnMs = Number(dialog.dataset.warnMinutes) * 60_000;
  const countdown = dialog.querySelector('[data-countdown]');
  const live = dialog.querySelector('[data-countdown-live]');
  const csrf = document.querySelector('.app-sign-out input[name="_csrf"]')?.value ?? '';
  let lastRequest = Date.now();
  let returnFocus = null;
  let lastSpoken = '';
  let ended = false;

  const shared = () => Number(window.localStorage.getItem(ACTIVITY_KEY) ?? 0);
  const recordActivity = () => {
    lastRequest = Date.now();
    try {
      window.localStorage.setItem(ACTIVITY_KEY, String(lastRequest));
    } catch {
      // private browsing: this tab alone
    }
  };
  const words = (ms) => {
    const seconds = Math.max(0, Math.ceil(ms / 1000));
    if (seconds >= 60) {
      const minutes = Math.ceil(seconds / 60);
      return `${minutes} minute${minutes === 1 ? '' : 's'}`;
    }
    return `${seconds} second${seconds === 1 ? '' : 's'}`;
  };

  const close = () => {
    if (!dialog.open) return;
    dialog.close();
    lastSpoken = '';
    if (returnFocus?.isConnected) returnFocus.focus();
  };

  const timeOut = async () => {
    if (ended) return;
    ended = true;
    keepDrafts();
    const returnTo = window.location.pathname + window.location.search;
    try {
      await fetch('/sign-out', { method: 'POST', headers: { 'x-csrf-token': csrf }, credentials: 'same-origin', redirect: 'manual' });
    } finally {
      window.location.assign(`/sign-in?expired=1&returnTo=${encodeURIComponent(returnTo)}`);
    }
  };

  const stay = async () => {
    try {
      const response = await fetch(dialog.dataset.keepAlive, { method: 'POST', headers: { 'x-csrf-token': csrf }, credentials: 'same-origin' });
      if (!response.ok) return timeOut(); // the session had already ended
      recordActivity();
      close();
    } catch {
      if (live) live.textContent = 'We could not reach EY Hub. Check your connection and try again.';
    }
  };

  const tick = () => {
    if (ended) return;
    const left = Math.max(lastRequest, shared()) + idleMs - Date.now();
    if (left <= 0) return void timeOut();
    if (left > warnMs) return close(); // another tab kept the session going
    const text = words(left);
    if (countdown) countdown.textContent = text;
    if (!dialog.open) {
      returnFocus = document.activeElement;
      dialog.showModal();
      dialog.querySelector('[data-timeout-stay]')?.focus();
    }
    // screen readers hear the time left each minute and at 20 seconds, not every second
    const spoken = left > 60_000 ? text : left > 20_000 ? '1 minute' : '20 seconds';
    if (live && spoken !== lastSpoken && lastSpoken !== '') live.textContent = `You will be signed out in ${spoken}.`;
    lastSpoken = spoken;
  };

  dialog.querySelector('[data-timeout-stay]')?.addEventListener('click', stay);
  dialog.querySelector('[data-timeout-sign-out]')?.addEventListener('click', () => {
    clearDrafts();
    document.querySelector('.app-sign-out')?.requestSubmit();
  });
  // Escape means "stay signed in", as in the HMRC pattern (and the dialog must not just vanish)
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault();
    void stay();
  });
  // background saves (audit autosave) reach the server too
  document.addEventListener('app:request', recordActivity);
  recordActivity();
  window.setInterval(tick, 1000);
}
