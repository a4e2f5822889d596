// Keeps Ctrl/Cmd+A inside a text field a local select-all.
// The webview host (VS Code's pre/index.html) forwards every keydown to the workbench, whose Select
// All keybinding then sends `execCommand('selectAll')` back into the page a moment later. The
// browser has already selected the field's text natively, so the round trip selects it a second
// time, after the user has started typing, and the next keystroke overwrites what was typed in
// between. Stopping the event at the document (the host listens on the window, in the bubbling
// phase) leaves the native select-all and skips the echo.
export function keepSelectAllInFields(doc: Document): void {
  doc.addEventListener('keydown', (event) => {
    if (!isSelectAll(event) || !isTextEntry(event)) return;
    event.stopPropagation();
  });
}

function isSelectAll(event: KeyboardEvent): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'a';
}

/** The real target, inside a toolkit element's shadow root when there is one. */
function isTextEntry(event: KeyboardEvent): boolean {
  const target = event.composedPath()[0];
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLTextAreaElement) return true;
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type);
  return target.isContentEditable;
}
