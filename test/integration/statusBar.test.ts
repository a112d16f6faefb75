// The status bar entry: the active letter's items, outcomes and gaps; hidden for other files;
// updated as the letter is edited.
import * as assert from 'assert';
import type { LetterStatus } from '../../src/extension/statusBar';
import { api, bend, discard, showSample, showUntitled, SMALL_LETTER, waitFor } from './lettersKit';

suite('status bar', () => {
  let status: LetterStatus;

  suiteSetup(async () => {
    status = (await api()).statusBar;
  });

  test('shows the active letter’s items, outcomes and gaps', async () => {
    await showSample('002');
    await waitFor('the status bar', () => status.text === '$(law) 3 items · 2 upheld · 1 overturned · 0 gaps');
    assert.strictEqual(status.visible, true);
    assert.match(status.tooltip, /Urine Drug Screen: Overturned/);
    await showSample('000');
    await waitFor('the status bar to follow the editor', () => status.text === '$(law) 1 item · 1 upheld · 0 overturned · 0 gaps');
  });

  test('is hidden for a file that is not a letter', async () => {
    const notes = await showUntitled('Some notes.', 'plaintext');
    try {
      await waitFor('the status bar to hide', () => !status.visible);
      assert.strictEqual(status.text, '');
    } finally {
      await discard(notes.document);
    }
  });

  test('counts gaps and follows edits', async () => {
    const editor = await showUntitled(bend(SMALL_LETTER, 'Valium 5 mg #24: Upheld', 'Valium 5 mg #24:'));
    try {
      await waitFor('the status bar', () => status.text.startsWith('$(law) 2 items · 0 upheld · 1 overturned · '));
      assert.match(status.text, / · 1 gap$/);
      assert.match(status.tooltip, /1 without a decision/);
      const end = editor.document.positionAt(editor.document.getText().indexOf('Valium 5 mg #24:') + 'Valium 5 mg #24:'.length);
      await editor.edit((edit) => edit.insert(end, ' Upheld'));
      await waitFor('the status bar to follow the edit', () => status.text === '$(law) 2 items · 1 upheld · 1 overturned · 0 gaps');
    } finally {
      await discard(editor.document);
    }
  });
});
