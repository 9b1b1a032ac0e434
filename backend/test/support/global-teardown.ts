export default async function globalTeardown(): Promise<void> {
  await globalThis.__STEGVIS_EMBEDDED__?.stop();
}
