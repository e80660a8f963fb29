// Keeps what is typed into a form through a time-out (WCAG 2.2.5): each change is copied to this
// tab’s sessionStorage; once the session ends (time-out, a refused post), the copies are kept, and
// when the same user signs in again and comes back to the page, the form is filled in from them.
// A copy nobody needed (the form was sent, or the page left while signed in) is dropped.
const PREFIX = 'eyhub-draft:';
const MAX_AGE_MS = 12 * 60 * 60 * 1000;
const dialog = document.getElementById('app-timeout-dialog');
const userId = dialog?.dataset.user ?? null;

const draftForms = () =>
  [...document.querySelectorAll('form[method="post" i]')].filter(
    (f) => !f.matches('[data-no-draft], .app-sign-out') && f.querySelector('textarea, input[type="text"], input:not([type]), select, input[type="radio"], input[type="checkbox"]'),
  );
const keyOf = (form, i) => `${PREFIX}${window.location.pathname}#${form.getAttribute('action') ?? ''}#${i}`;
const fieldsOf = (form) =>
  [...form.elements].filter((el) => el.name && el.name !== '_csrf' && !['password', 'hidden', 'file', 'submit', 'button'].includes(el.type));

function read(key) {
  try {
    return JSON.parse(window.sessionStorage.getItem(key) ?? 'null');
  } catch {
    return null;
  }
}

function save(form, key) {
  const fields = fieldsOf(form).map((el) => (el.type === 'radio' || el.type === 'checkbox' ? [el.name, el.value, el.checked] : [el.name, el.value]));
  try {
    window.sessionStorage.setItem(key, JSON.stringify({ user: userId, saved: Date.now(), expired: false, fields }));
  } catch {
    // storage full or disabled: the form still works, only without the copy
  }
}

function restore(form, draft) {
  const els = fieldsOf(form);
  const used = new Set();
  for (const [name, value, checked] of draft.fields) {
    if (checked !== undefined) {
      const el = els.find((e) => e.name === name && e.value === value);
      if (el) el.checked = checked;
      continue;
    }
    const el = els.find((e) => e.name === name && !used.has(e)); // repeated names (lists) in order
    if (el) {
      el.value = value;
      used.add(el);
    }
  }
}

function announceRestored(form) {
  const banner = document.createElement('div');
  banner.className = 'govuk-notification-banner';
  banner.setAttribute('role', 'region');
  banner.setAttribute('aria-labelledby', 'app-draft-restored-title');
  banner.tabIndex = -1;
  banner.innerHTML =
    '<div class="govuk-notification-banner__header"><h2 class="govuk-notification-banner__title" id="app-draft-restored-title">Important</h2></div>' +
    '<div class="govuk-notification-banner__content"><p class="govuk-notification-banner__heading">You were signed out, so what you had typed was not saved. We have put it back in the form: check it, then save it.</p></div>';
  form.before(banner);
  banner.focus();
}

export function clearDrafts() {
  for (const key of Object.keys(window.sessionStorage)) if (key.startsWith(PREFIX)) window.sessionStorage.removeItem(key);
}

/** The session has ended (or is about to): keep every copy for the next sign-in. */
export function keepDrafts() {
  if (userId) draftForms().forEach((form, i) => save(form, keyOf(form, i)));
  for (const key of Object.keys(window.sessionStorage)) {
    if (!key.startsWith(PREFIX)) continue;
    const draft = read(key);
    if (draft) window.sessionStorage.setItem(key, JSON.stringify({ ...draft, expired: true }));
  }
}

const forms = draftForms();
if (!userId) {
  keepDrafts(); // signed out: this tab's copies wait for the next sign-in
} else {
  for (const key of Object.keys(window.sessionStorage)) {
    if (!key.startsWith(PREFIX)) continue;
    const draft = read(key);
    const stale = !draft || Date.now() - draft.saved > MAX_AGE_MS || (draft.user && draft.user !== userId);
    if (stale || !draft.expired) window.sessionStorage.removeItem(key); // sent, or left while signed in
  }
  forms.forEach((form, i) => {
    const key = keyOf(form, i);
    const draft = read(key);
    if (draft?.expired) {
      restore(form, draft);
      save(form, key);
      announceRestored(form);
    }
    form.addEventListener('input', () => save(form, key));
    form.addEventListener('change', () => save(form, key));
  });
  // signing out on purpose leaves nothing behind in the tab
  document.querySelector('.app-sign-out')?.addEventListener('submit', clearDrafts);
}
