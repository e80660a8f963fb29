import type { TestClient } from './client.js';

/** Polls an upload's progress until the import has finished; returns its last progress. */
export async function waitForImport(client: TestClient, location: string): Promise<{ status: string; phase?: string; percent: number }> {
  for (let i = 0; i < 600; i++) {
    const progress = await client.get(`${location}/progress`);
    const body = JSON.parse(progress.body) as { status: string; phase?: string; percent: number };
    if (body.status !== 'running') return body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the import at ${location} did not finish`);
}
