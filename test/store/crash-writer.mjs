// Child process for crash.test.ts: performs store writes until killed. Uses the built store code.
// argv: <home> <passphrase A> <passphrase B> <current: A|B> <first index> <last index>
// Index i adds entry "e<i>", except every 5th, which also re-keys the store to the other passphrase.
import { storePaths } from '../../dist/src/store/files.js';
import { UnlockedStore } from '../../dist/src/store/store.js';

const [home, passA, passB, current, first, last] = process.argv.slice(2);
const FAST = { N: 1024, r: 8, p: 1 };
const paths = storePaths({ KEYAUDIT_HOME: home });
let pass = current === 'A' ? passA : passB;
const store = await UnlockedStore.unlock(paths, pass);
process.stdout.write('ready\n');
for (let i = Number(first); i <= Number(last); i++) {
  await store.update((entries) => [
    ...entries,
    { name: `e${String(i).padStart(3, '0')}`, exchange: 'kraken', credentials: { apiKey: `k${i}`.padEnd(24, 'q'), secret: `s${i}`.padEnd(40, 'z') }, addedAt: new Date(0).toISOString(), rotatedAt: null },
  ]);
  if (i % 5 === 0) {
    pass = pass === passA ? passB : passA;
    await store.changePassphrase(pass, FAST);
  }
  process.stdout.write(`done ${i}\n`);
}
store.close();
