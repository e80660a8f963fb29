import { describe, expect, it } from 'vitest';
import { textToHtml } from './index.js';

describe('the HTML part of an e-mail', () => {
  it('is a whole document in British English, a paragraph per line, addresses as links, text escaped', () => {
    const html = textToHtml('Dear <Greenview> & co,\n\nSee https://ey-hub.kent.example/portal/settings/EY1\nKent Early Years');
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en-GB">/);
    expect(html).toContain('<p>Dear &#60;Greenview&#62; &#38; co,</p>');
    expect(html).not.toContain('<p></p>');
    expect(html).toContain('<a href="https://ey-hub.kent.example/portal/settings/EY1">https://ey-hub.kent.example/portal/settings/EY1</a>');
  });
});
